using System.Globalization;
using ActorChat.Core.Protocols.Line;

namespace ActorChat.Core.Protocols.Irc;

/// <summary>The replies that complete registration: 001-005, LUSERS and the MOTD.</summary>
internal static class IrcRegistrationReplies
{
    /// <summary>User modes and channel modes in 004: only +i for users; bans, invite-only, no outside messages, ops, topic lock.</summary>
    public const string UserModes = "i", ChannelModes = "binot", ChannelModesWithParameter = "bo";

    public static List<IrcMessage> Burst(IrcServerInfo server, string nick, string mask, IsupportBuilder isupport, IrcUserCounts counts, IReadOnlyList<string>? motd) =>
        [
            .. Welcome(server, nick, mask, isupport),
            .. Lusers(server.ServerName, nick, counts),
            .. Motd(server.ServerName, nick, motd),
        ];

    /// <summary>001-004 and the ISUPPORT lines (005).</summary>
    public static List<IrcMessage> Welcome(IrcServerInfo server, string nick, string mask, IsupportBuilder isupport)
    {
        var s = server.ServerName;
        return
        [
            IrcNumerics.Reply(s, IrcNumerics.RplWelcome, nick, $"Welcome to the {server.Network} IRC Network {mask}"),
            IrcNumerics.Reply(s, IrcNumerics.RplYourHost, nick, $"Your host is {s}, running version {server.Version}"),
            IrcNumerics.Reply(s, IrcNumerics.RplCreated, nick, $"This server was created {server.Created.UtcDateTime.ToString("yyyy-MM-dd HH:mm:ss 'UTC'", CultureInfo.InvariantCulture)}"),
            new IrcMessage(IrcNumerics.RplMyInfo, nick, s, server.Version, UserModes, ChannelModes, ChannelModesWithParameter) { Source = s },
            .. isupport.Build(s, nick),
        ];
    }

    public static List<IrcMessage> Lusers(string server, string nick, IrcUserCounts counts)
    {
        var users = Number(counts.Users);
        var max = Number(counts.MaxUsers);
        return
        [
            IrcNumerics.Reply(server, IrcNumerics.RplLUserClient, nick, $"There are {users} users and 0 invisible on 1 servers"),
            IrcNumerics.Reply(server, IrcNumerics.RplLUserOp, nick, Number(counts.Operators)),
            IrcNumerics.Reply(server, IrcNumerics.RplLUserUnknown, nick, Number(counts.Unregistered)),
            IrcNumerics.Reply(server, IrcNumerics.RplLUserChannels, nick, Number(counts.Channels)),
            IrcNumerics.Reply(server, IrcNumerics.RplLUserMe, nick, $"I have {users} clients and 0 servers"),
            IrcNumerics.Reply(server, IrcNumerics.RplLocalUsers, nick, users, max, $"Current local users {users}, max {max}"),
            IrcNumerics.Reply(server, IrcNumerics.RplGlobalUsers, nick, users, max, $"Current global users {users}, max {max}"),
        ];
    }

    /// <summary>375, one 372 <c>- line</c> per line (long lines split to fit 512), 376; 422 when there is none.</summary>
    public static List<IrcMessage> Motd(string server, string nick, IReadOnlyList<string>? motd)
    {
        if (motd is null || motd.Count == 0)
        {
            return [IrcNumerics.Reply(server, IrcNumerics.ErrNoMotd, nick)];
        }
        var budget = IrcText.TextBudget(server, IrcNumerics.RplMotd, nick) - 2;    // "- "
        List<IrcMessage> replies = [IrcNumerics.Reply(server, IrcNumerics.RplMotdStart, nick, $"- {server} Message of the day - ")];
        foreach (var line in motd)
        {
            var pieces = IrcText.Split(Sanitizer.Clean(line), budget);     // a MOTD file may hold CR or escapes
            foreach (var piece in pieces.Count == 0 ? [""] : pieces)
            {
                replies.Add(IrcNumerics.Reply(server, IrcNumerics.RplMotd, nick, "- " + piece));
            }
        }
        replies.Add(IrcNumerics.Reply(server, IrcNumerics.RplEndOfMotd, nick));
        return replies;
    }

    private static string Number(int n) => n.ToString(CultureInfo.InvariantCulture);
}

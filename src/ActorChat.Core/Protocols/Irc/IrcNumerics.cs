using System.Collections.Frozen;
using System.Text;

namespace ActorChat.Core.Protocols.Irc;

/// <summary>
/// The numeric replies the IRC front end sends (RFC 1459, RFC 2812, modern.ircdocs.horse, IRCv3
/// CAP and SASL), and the standard text of those whose last parameter is a fixed sentence.
/// </summary>
internal static class IrcNumerics
{
    // Registration
    public const string RplWelcome = "001";
    public const string RplYourHost = "002";
    public const string RplCreated = "003";
    public const string RplMyInfo = "004";
    public const string RplISupport = "005";

    // LUSERS
    public const string RplLUserClient = "251";
    public const string RplLUserOp = "252";
    public const string RplLUserUnknown = "253";
    public const string RplLUserChannels = "254";
    public const string RplLUserMe = "255";
    public const string RplLocalUsers = "265";
    public const string RplGlobalUsers = "266";

    // AWAY, WHOIS, WHO
    public const string RplAway = "301";
    public const string RplUserHost = "302";
    public const string RplIsOn = "303";
    public const string RplUnAway = "305";
    public const string RplNowAway = "306";
    public const string RplWhoisUser = "311";
    public const string RplWhoisServer = "312";
    public const string RplEndOfWho = "315";
    public const string RplWhoisIdle = "317";
    public const string RplEndOfWhois = "318";
    public const string RplWhoisChannels = "319";
    public const string RplWhoisAccount = "330";
    public const string RplWhoReply = "352";

    // Channels
    public const string RplListStart = "321";
    public const string RplList = "322";
    public const string RplListEnd = "323";
    public const string RplChannelModeIs = "324";
    public const string RplCreationTime = "329";
    public const string RplNoTopic = "331";
    public const string RplTopic = "332";
    public const string RplTopicWhoTime = "333";
    public const string RplInviting = "341";
    public const string RplVersion = "351";
    public const string RplNamReply = "353";
    public const string RplEndOfNames = "366";
    public const string RplBanList = "367";
    public const string RplEndOfBanList = "368";

    // MOTD
    public const string RplMotd = "372";
    public const string RplMotdStart = "375";
    public const string RplEndOfMotd = "376";
    public const string RplUModeIs = "221";

    // Errors
    public const string ErrNoSuchNick = "401";
    public const string ErrNoSuchServer = "402";
    public const string ErrNoSuchChannel = "403";
    public const string ErrCannotSendToChan = "404";
    public const string ErrTooManyChannels = "405";
    public const string ErrNoRecipient = "411";
    public const string ErrNoTextToSend = "412";
    public const string ErrInputTooLong = "417";
    public const string ErrUnknownCommand = "421";
    public const string ErrNoMotd = "422";
    public const string ErrNoNicknameGiven = "431";
    public const string ErrErroneusNickname = "432";
    public const string ErrNicknameInUse = "433";
    public const string ErrUserNotInChannel = "441";
    public const string ErrNotOnChannel = "442";
    public const string ErrUserOnChannel = "443";
    public const string ErrNotRegistered = "451";
    public const string ErrNeedMoreParams = "461";
    public const string ErrAlreadyRegistered = "462";
    public const string ErrPasswdMismatch = "464";
    public const string ErrYoureBannedCreep = "465";
    public const string ErrUnknownMode = "472";
    public const string ErrInviteOnlyChan = "473";
    public const string ErrBannedFromChan = "474";
    public const string ErrChanOPrivsNeeded = "482";
    public const string ErrUModeUnknownFlag = "501";
    public const string ErrUsersDontMatch = "502";
    public const string ErrInvalidCapCmd = "410";

    // SASL (IRCv3 sasl-3.1/3.2)
    public const string RplLoggedIn = "900";
    public const string RplLoggedOut = "901";
    public const string ErrNickLocked = "902";
    public const string RplSaslSuccess = "903";
    public const string ErrSaslFail = "904";
    public const string ErrSaslTooLong = "905";
    public const string ErrSaslAborted = "906";
    public const string ErrSaslAlready = "907";
    public const string RplSaslMechs = "908";

    private static readonly FrozenDictionary<string, string> Texts = new Dictionary<string, string>
    {
        [RplLUserOp] = "operator(s) online",
        [RplLUserUnknown] = "unknown connection(s)",
        [RplLUserChannels] = "channels formed",
        [RplUnAway] = "You are no longer marked as being away",
        [RplNowAway] = "You have been marked as being away",
        [RplEndOfWho] = "End of /WHO list",
        [RplWhoisIdle] = "seconds idle, signon time",
        [RplEndOfWhois] = "End of /WHOIS list",
        [RplWhoisAccount] = "is logged in as",
        [RplListStart] = "Users  Name",
        [RplListEnd] = "End of /LIST",
        [RplNoTopic] = "No topic is set",
        [RplEndOfNames] = "End of /NAMES list",
        [RplEndOfBanList] = "End of channel ban list",
        [RplEndOfMotd] = "End of /MOTD command",
        [ErrNoSuchNick] = "No such nick/channel",
        [ErrNoSuchServer] = "No such server",
        [ErrNoSuchChannel] = "No such channel",
        [ErrCannotSendToChan] = "Cannot send to channel",
        [ErrTooManyChannels] = "You have joined too many channels",
        [ErrNoTextToSend] = "No text to send",
        [ErrInputTooLong] = "Input line was too long",
        [ErrUnknownCommand] = "Unknown command",
        [ErrNoMotd] = "MOTD File is missing",
        [ErrNoNicknameGiven] = "No nickname given",
        [ErrErroneusNickname] = "Erroneous nickname",
        [ErrNicknameInUse] = "Nickname is already in use",
        [ErrUserNotInChannel] = "They aren't on that channel",
        [ErrNotOnChannel] = "You're not on that channel",
        [ErrUserOnChannel] = "is already on channel",
        [ErrNotRegistered] = "You have not registered",
        [ErrNeedMoreParams] = "Not enough parameters",
        [ErrAlreadyRegistered] = "You may not reregister",
        [ErrPasswdMismatch] = "Password incorrect",
        [ErrYoureBannedCreep] = "You are banned from this server",
        [ErrUnknownMode] = "is unknown mode char to me",
        [ErrInviteOnlyChan] = "Cannot join channel (+i)",
        [ErrBannedFromChan] = "Cannot join channel (+b)",
        [ErrChanOPrivsNeeded] = "You're not channel operator",
        [ErrUModeUnknownFlag] = "Unknown MODE flag",
        [ErrUsersDontMatch] = "Cant change mode for other users",
        [ErrInvalidCapCmd] = "Invalid CAP command",
        [RplLoggedOut] = "You are now logged out",
        [ErrNickLocked] = "You must use a nick assigned to you",
        [RplSaslSuccess] = "SASL authentication successful",
        [ErrSaslFail] = "SASL authentication failed",
        [ErrSaslTooLong] = "SASL message too long",
        [ErrSaslAborted] = "SASL authentication aborted",
        [ErrSaslAlready] = "You have already authenticated using SASL",
        [RplSaslMechs] = "are available SASL mechanisms",
    }.ToFrozenDictionary();

    /// <summary>
    /// The fixed sentence of a numeric, e.g. "No such nick/channel" for 401; null for numerics
    /// whose text carries data (001-004, 251, 255, 265/266, 372, 375, 900, ...) and is built by the caller.
    /// </summary>
    public static string? StandardText(string numeric) => Texts.GetValueOrDefault(numeric);

    /// <summary>Client-supplied words echoed in a reply are cut to this many bytes, so every reply fits 512.</summary>
    public const int MaxEchoBytes = 64;

    /// <summary>
    /// A word the client sent (a command, nick, channel, subcommand) made safe to echo as a middle
    /// parameter: "*" when it could not be one, cut to <see cref="MaxEchoBytes"/> when long.
    /// </summary>
    public static string Echo(string? word) =>
        word is null || !IrcMessage.IsMiddleParameter(word) ? "*"
        : Encoding.UTF8.GetByteCount(word) <= MaxEchoBytes ? word
        : IrcText.Split(word, MaxEchoBytes)[0];

    /// <summary>
    /// A numeric reply <c>:server NNN target params... :text</c>, the text being the standard one
    /// unless given. The target is the client's nick, or "*" before it has one.
    /// </summary>
    public static IrcMessage Reply(string server, string numeric, string target, params string[] parameters)
    {
        var text = StandardText(numeric);
        string[] all = text is null ? [target, .. parameters] : [target, .. parameters, text];
        return new IrcMessage(numeric, all) { Source = server, ForceTrailing = true };
    }
}

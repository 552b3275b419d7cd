using System.Net;
using System.Net.Sockets;

namespace ActorChat.Core.Chat.Moderation;

internal enum MaskKind { Nick, Account, Network }

/// <summary>
/// Whom a ban is on: a nick (<c>bob</c>), an account (<c>account:bob</c>), an IP address
/// (<c>10.1.2.3</c>) or a CIDR range (<c>10.0.0.0/8</c>). <see cref="Text"/> is the canonical spelling,
/// the key of the ban lists.
/// </summary>
internal sealed record BanMask(MaskKind Kind, string Text, string Name, IPNetwork Network)
{
    private const string AccountPrefix = "account:";

    public static BanMask? Parse(string text)
    {
        if (text.StartsWith(AccountPrefix, StringComparison.OrdinalIgnoreCase))
        {
            var account = text[AccountPrefix.Length..];
            return Names.IsValidNick(account) ? new BanMask(MaskKind.Account, AccountPrefix + account, account, default) : null;
        }
        if (Names.IsValidNick(text))
        {
            return new BanMask(MaskKind.Nick, text, text, default);
        }
        if (IPAddress.TryParse(text, out var address) && !text.Contains('/', StringComparison.Ordinal))
        {
            address = Normal(address);
            return new BanMask(MaskKind.Network, address.ToString(), "", new IPNetwork(address, address.AddressFamily == AddressFamily.InterNetwork ? 32 : 128));
        }
        if (IPNetwork.TryParse(text, out var network))
        {
            return new BanMask(MaskKind.Network, network.ToString(), "", network);
        }
        return null;
    }

    public bool Matches(string? nick, string? account, IPAddress? address) => Kind switch
    {
        MaskKind.Nick => nick is not null && Names.Comparer.Equals(nick, Name),
        MaskKind.Account => account is not null && Names.Comparer.Equals(account, Name),
        _ => address is not null && Network.Contains(Normal(address)),
    };

    public bool Matches(Member member) => Matches(member.Nick, member.Account, member.Address);

    /// <summary>An IPv4 client on a dual-mode socket is seen as ::ffff:a.b.c.d; bans are written as a.b.c.d.</summary>
    public static IPAddress Normal(IPAddress address) => address.IsIPv4MappedToIPv6 ? address.MapToIPv4() : address;
}

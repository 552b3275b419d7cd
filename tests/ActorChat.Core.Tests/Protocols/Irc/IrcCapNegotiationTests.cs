using ActorChat.Core.Protocols.Irc;

namespace ActorChat.Core.Tests.Protocols.Irc;

public class IrcCapNegotiationTests
{
    private readonly IrcCapNegotiation _caps = new("irc.example", IrcCapabilities.All);

    private List<string> Send(string line, string target = "*", bool registered = false) =>
        [.. _caps.Handle(IrcMessage.Parse(line).Message!, target, registered).Select(m => m.ToString())];

    [Fact]
    public void Ls_302_shows_values_suspends_registration_and_implies_cap_notify()
    {
        var reply = Assert.Single(Send("CAP LS 302"));
        Assert.Equal(":irc.example CAP * LS :account-notify account-tag away-notify batch cap-notify draft/chathistory echo-message message-tags multi-prefix sasl=PLAIN server-time userhost-in-names", reply);
        Assert.True(_caps.SuspendsRegistration);
        Assert.Equal(302, _caps.Version);
        Assert.True(_caps.IsEnabled(IrcCapabilities.CapNotify));
    }

    [Fact]
    public void Plain_ls_shows_no_values()
    {
        Assert.Contains(" sasl server-time", Assert.Single(Send("CAP LS")), StringComparison.Ordinal);
        Assert.Equal(301, _caps.Version);
        Assert.False(_caps.IsEnabled(IrcCapabilities.CapNotify));
    }

    [Fact]
    public void A_full_registration_negotiation()
    {
        Send("CAP LS 302");
        Assert.Equal([":irc.example CAP * ACK :server-time batch draft/chathistory sasl"], Send("CAP REQ :server-time batch draft/chathistory sasl"));
        Assert.Equal([":irc.example CAP * LIST :batch cap-notify draft/chathistory sasl server-time"], Send("CAP LIST"));
        Assert.True(_caps.SuspendsRegistration);
        Assert.Empty(Send("CAP END"));
        Assert.False(_caps.SuspendsRegistration);
        Assert.True(_caps.IsEnabled(IrcCapabilities.ServerTime));
    }

    [Fact]
    public void A_request_with_one_unknown_cap_is_refused_whole()
    {
        Assert.Equal([":irc.example CAP * NAK :server-time no-such-cap"], Send("CAP REQ :server-time no-such-cap"));
        Assert.Empty(_caps.Enabled);
    }

    [Fact]
    public void Caps_can_be_disabled_but_cap_notify_not_for_302_clients()
    {
        Send("CAP LS 302");
        Send("CAP REQ :echo-message away-notify");
        Assert.Equal([":irc.example CAP alice ACK :-echo-message"], Send("CAP REQ -echo-message", "alice", registered: true));
        Assert.False(_caps.IsEnabled(IrcCapabilities.EchoMessage));
        Assert.Equal([":irc.example CAP alice NAK :-cap-notify"], Send("CAP REQ :-cap-notify", "alice", registered: true));
        Assert.True(_caps.IsEnabled(IrcCapabilities.CapNotify));
    }

    [Theory]
    [InlineData("CAP REQ :sasl=PLAIN")]
    [InlineData("CAP REQ :")]
    [InlineData("CAP REQ :-")]
    public void Malformed_requests_are_refused(string line)
    {
        Assert.Contains(" NAK ", Assert.Single(Send(line)), StringComparison.Ordinal);
        Assert.Empty(_caps.Enabled);
    }

    [Fact]
    public void After_registration_cap_does_not_suspend_anything()
    {
        Send("CAP LS 302", "alice", registered: true);
        Send("CAP REQ server-time", "alice", registered: true);
        Assert.False(_caps.SuspendsRegistration);
    }

    [Theory]
    [InlineData("CAP", ":irc.example 461 * CAP :Not enough parameters")]
    [InlineData("CAP REQ", ":irc.example 461 * CAP :Not enough parameters")]
    [InlineData("CAP FROB", ":irc.example 410 * FROB :Invalid CAP command")]
    public void Errors(string line, string reply)
    {
        Assert.Equal([reply], Send(line));
    }

    [Fact]
    public void A_long_ls_is_split_with_a_star_for_302_clients_and_every_line_fits()
    {
        var many = Enumerable.Range(0, 60).Select(i => new IrcCapability($"vendor.example/capability-{i}", "some-value")).ToList();
        var caps = new IrcCapNegotiation("irc.example", many);
        var lines = caps.Handle(IrcMessage.Parse("CAP LS 302").Message!, "*", registered: false);
        Assert.True(lines.Count > 1);
        Assert.All(lines.SkipLast(1), l => Assert.Equal(["*", "LS", "*"], l.Params.Take(3)));
        Assert.Equal(["*", "LS"], lines[^1].Params.Take(2));
        Assert.NotEqual("*", lines[^1].Params[2]);
        Assert.All(lines, l => Assert.True(l.ToBytes(out _)!.Length <= 512));
        Assert.Equal(60, lines.SelectMany(l => l.Params[^1].Split(' ')).Count());
    }
}

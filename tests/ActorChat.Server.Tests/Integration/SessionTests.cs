using System.Text;
using ActorChat.Server.Tests.Support;

namespace ActorChat.Server.Tests.Integration;

public class SessionTests
{
    [Fact]
    public async Task Welcome_counts_registered_users_and_rooms_then_registration_joins_the_lobby()
    {
        await using var server = await TestServer.StartAsync();
        var bob = await server.LoginAsync("bob");
        var carol = await server.LoginAsync("carol");
        var alice = await server.ConnectAsync();

        Assert.Equal("* Welcome to ActorChat 1.0. 2 users online in 1 room.", await alice.NextAsync());
        Assert.Equal("* Choose a nick:", await alice.NextAsync());
        await alice.SendAsync("alice");
        Assert.Equal("* You are alice. Joined #lobby (3 users). Type /help for commands.", await alice.NextAsync());
        await bob.ExpectAsync("#lobby -> alice joined");
        await carol.ExpectAsync("#lobby -> alice joined");
    }

    [Fact]
    public async Task A_taken_or_invalid_nick_is_refused_and_the_prompt_stays()
    {
        await using var server = await TestServer.StartAsync();
        var bob = await server.LoginAsync("bob");
        var other = await server.ConnectAsync();
        await other.ExpectAsync("* Choose a nick:");

        await other.SendAsync("BOB");
        Assert.Equal("! nick 'BOB' is taken; choose another:", await other.NextAsync());
        await other.SendAsync("9lives");
        Assert.StartsWith("! invalid nick '9lives'", await other.NextAsync());
        await other.SendAsync("/join dev");
        Assert.Equal("! choose a nick first", await other.NextAsync());
        await other.SendAsync("robert");
        Assert.StartsWith("* You are robert. Joined #lobby (2 users).", await other.NextAsync());
    }

    [Fact]
    public async Task History_is_replayed_on_join_oldest_first()
    {
        await using var server = await TestServer.StartAsync();
        var bob = await server.LoginAsync("bob");
        await bob.SendAsync("first");
        await bob.SendAsync("/me second");
        await bob.SyncAsync();

        var alice = await server.ConnectAsync();
        await alice.SendAsync("alice");
        var lines = await alice.ReadUntilAsync(l => l.Contains("second", StringComparison.Ordinal));
        Assert.Equal(["#lobby [history] <bob> first", "#lobby [history] * bob second"], lines[^2..]);
    }

    [Fact]
    public async Task A_connection_without_a_nick_is_closed_at_the_registration_timeout()
    {
        await using var server = await TestServer.StartAsync("Chat:RegistrationTimeoutSeconds=1");
        var client = await server.ConnectAsync();
        var lines = await client.ReadToEndAsync();
        Assert.Equal("! registration timeout", lines[^1]);
    }

    [Fact]
    public async Task Registration_stops_the_timeout()
    {
        await using var server = await TestServer.StartAsync("Chat:RegistrationTimeoutSeconds=1");
        var alice = await server.LoginAsync("alice");
        var late = await server.ConnectAsync();
        await late.ReadToEndAsync();          // a second of time has passed for alice too
        Assert.Empty(await alice.SyncAsync());
    }

    [Theory]
    [InlineData("GET / HTTP/1.1\r\nHost: x\r\n\r\n")]
    [InlineData("HEAD / HTTP/1.0\r\n\r\n")]
    public async Task Http_requests_are_turned_away(string request)
    {
        await using var server = await TestServer.StartAsync();
        var client = await server.ConnectAsync();
        await client.SendRawAsync(Encoding.ASCII.GetBytes(request));
        var lines = await client.ReadToEndAsync();
        Assert.Equal("! this is a chat server: connect with telnet or nc", lines[^1]);
    }

    [Fact]
    public async Task A_tls_client_hello_is_turned_away()
    {
        await using var server = await TestServer.StartAsync();
        var client = await server.ConnectAsync();
        await client.SendRawAsync([0x16, 0x03, 0x01, 0x02, 0x00, 0x01, 0x00, 0x01, 0xfc, 0x03, 0x03]);
        var lines = await client.ReadToEndAsync();
        Assert.Equal("! this is a chat server: connect with telnet or nc", lines[^1]);
    }

    [Fact]
    public async Task Telnet_negotiation_is_refused_without_loops_and_never_shows_as_text()
    {
        await using var server = await TestServer.StartAsync();
        var bob = await server.LoginAsync("bob");
        var telnet = await server.ConnectAsync();
        await telnet.ExpectAsync("* Choose a nick:");
        // DO ECHO, WILL NAWS, DONT x (no answer), a subnegotiation, then the nick in CR NUL line mode.
        await telnet.SendRawAsync([255, 253, 1, 255, 251, 31, 255, 254, 3, 255, 250, 31, 0, 80, 0, 24, 255, 240, .. "tel"u8, 255, 246, .. "ly\r\0"u8]);
        // The negotiation arrives just before that line, with no line end of its own.
        await telnet.ExpectAsync(l => l.EndsWith("* yes, I am here", StringComparison.Ordinal));
        await telnet.ExpectAsync(l => l.StartsWith("* You are telly.", StringComparison.Ordinal));
        await telnet.SyncAsync();

        var raw = telnet.RawReceived;
        Assert.Equal(1, Count(raw, [255, 253, 0]));     // DO BINARY, offered once (the first IAC showed a telnet)
        Assert.Equal(1, Count(raw, [255, 252, 1]));     // WONT ECHO
        Assert.Equal(1, Count(raw, [255, 254, 31]));    // DONT NAWS
        Assert.Equal(3, raw.Count(b => b == 255));      // and nothing else: no answer to DONT, no second offer
        await bob.ExpectAsync("#lobby -> telly joined");
    }

    [Fact]
    public async Task A_line_over_the_limit_is_refused_and_the_connection_goes_on()
    {
        await using var server = await TestServer.StartAsync();
        var (alice, bob) = await server.LoginAllAsync("alice", "bob") is var c ? (c[0], c[1]) : default;
        await bob.SendRawAsync(Encoding.ASCII.GetBytes(new string('x', 4097) + "\n" + new string('y', 4096) + "\n"));
        await bob.ExpectAsync("! line too long (max 4096 bytes)");
        var line = await alice.ExpectAsync(l => l.StartsWith("#lobby <bob>", StringComparison.Ordinal));
        Assert.Equal("#lobby <bob> " + new string('y', 4096), line);
    }

    [Fact]
    public async Task Escape_sequences_and_controls_never_reach_another_terminal()
    {
        await using var server = await TestServer.StartAsync();
        var (alice, mallory) = await server.LoginAllAsync("alice", "mallory") is var c ? (c[0], c[1]) : default;
        await mallory.SendRawAsync([.. "\u001b[2J\u001b]0;owned\u0007hi"u8, 0xC2, 0x9B, .. "31mthere\u0008\u0008re\u0000\r\n"u8]);
        Assert.Equal("#lobby <mallory> hithere", await alice.ExpectAsync(l => l.StartsWith("#lobby <mallory>", StringComparison.Ordinal)));
    }

    [Fact]
    public async Task A_line_split_over_many_sends_arrives_whole()
    {
        await using var server = await TestServer.StartAsync();
        var (alice, bob) = await server.LoginAllAsync("alice", "bob") is var c ? (c[0], c[1]) : default;
        foreach (var b in Encoding.UTF8.GetBytes("你好 world\r\n"))
        {
            await bob.SendRawAsync([b]);
        }
        Assert.Equal("#lobby <bob> 你好 world", await alice.ExpectAsync(l => l.StartsWith("#lobby <bob>", StringComparison.Ordinal)));
    }

    private static int Count(byte[] haystack, byte[] needle)
    {
        var n = 0;
        for (var i = haystack.AsSpan().IndexOf(needle); i >= 0; i = haystack.AsSpan(i + 1).IndexOf(needle) is var j && j >= 0 ? i + 1 + j : -1)
        {
            n++;
        }
        return n;
    }
}

using ActorChat.Server.Tests.Support;

namespace ActorChat.Server.Tests.Irc;

public class IrcRegistrationTests
{
    [Fact]
    public async Task Nick_and_user_register_with_the_welcome_burst_and_no_lobby()
    {
        await using var server = await TestServer.StartAsync("Chat:ServerName=irc.test", "Chat:Network=TestNet");
        var carol = await server.LoginAsync("carol");
        var alice = await server.ConnectIrcAsync();
        await alice.SendAsync("NICK alice");
        await alice.SendAsync("USER alice 0 * :Alice A");
        var burst = await alice.ReadUntilAsync(l => IrcClient.Command(l) is "376" or "422");

        Assert.Equal(":irc.test 001 alice :Welcome to the TestNet IRC Network alice!alice@irc.test", burst[0]);
        Assert.StartsWith(":irc.test 002 alice :Your host is irc.test, running version ActorChat-", burst[1], StringComparison.Ordinal);
        Assert.Equal("003", IrcClient.Command(burst[2]));
        Assert.Matches(@"^:irc\.test 004 alice irc\.test ActorChat-\S+ i binot bo$", burst[3]);
        var isupport = string.Join(' ', burst.Where(l => IrcClient.Command(l) == "005"));
        foreach (var token in new[] { "CASEMAPPING=ascii", "CHANTYPES=#", "NICKLEN=24", "CHANNELLEN=33", "PREFIX=(o)@", "CHANMODES=b,,,int", "NETWORK=TestNet" })
        {
            Assert.Contains($" {token} ", isupport, StringComparison.Ordinal);
        }
        Assert.Contains(burst, l => l == ":irc.test 251 alice :There are 2 users and 0 invisible on 1 servers");
        Assert.Equal(":irc.test 422 alice :MOTD File is missing", burst[^1]);

        // Not in #lobby: the line user there sees no join, and NAMES #lobby does not list alice.
        await alice.SendAsync("NAMES #lobby");
        Assert.Equal(":irc.test 353 alice = #lobby :carol", await alice.NextAsync());
        Assert.Empty(await carol.SyncAsync());
    }

    [Fact]
    public async Task Commands_before_registration_get_451_and_bad_registration_input_its_numeric()
    {
        await using var server = await TestServer.StartAsync("Chat:ServerName=irc.test");
        var c = await server.ConnectIrcAsync();
        await c.SendAsync("JOIN :");
        Assert.Equal(":irc.test 451 * :You have not registered", await c.NextAsync());
        await c.SendAsync("NICK");
        Assert.Equal(":irc.test 431 * :No nickname given", await c.NextAsync());
        await c.SendAsync("NICK a[b]");
        Assert.Equal(":irc.test 432 * a[b] :Erroneous nickname", await c.NextAsync());
        await c.SendAsync("USER x");
        Assert.Equal(":irc.test 461 * USER :Not enough parameters", await c.NextAsync());
        await c.SendAsync("NICK ok");
        await c.SendAsync("USER ok 0 * :Ok");
        await c.ExpectAsync(l => l.StartsWith(":irc.test 001 ok ", StringComparison.Ordinal));
        await c.ReadUntilAsync(l => IrcClient.Command(l) == "422");
        await c.SendAsync("USER ok 0 * :Ok");
        Assert.Equal(":irc.test 462 ok :You may not reregister", await c.NextAsync());
        await c.SendAsync("FROB x");
        Assert.Equal(":irc.test 421 ok FROB :Unknown command", await c.NextAsync());
    }

    [Fact]
    public async Task A_nick_held_by_a_line_user_gets_433_and_the_client_registers_with_another()
    {
        await using var server = await TestServer.StartAsync("Chat:ServerName=irc.test");
        var line = await server.LoginAsync("alice");
        var irc = await server.ConnectIrcAsync();
        await irc.SendAsync("NICK Alice");
        await irc.SendAsync("USER alice 0 * :Alice");
        Assert.Equal(":irc.test 433 * Alice :Nickname is already in use", await irc.NextAsync());
        await irc.SendAsync("NICK alice_");
        await irc.ExpectAsync(":irc.test 001 alice_ :Welcome to the ActorChat IRC Network alice_!alice_@irc.test");
        await irc.ReadUntilAsync(l => IrcClient.Command(l) == "422");

        // And the other way round: the line user cannot take the IRC user's nick.
        await line.SendAsync("/nick ALICE_");
        Assert.StartsWith("! ", (await line.SyncAsync())[0], StringComparison.Ordinal);
        await irc.SendAsync("NICK alice");
        Assert.Equal(":irc.test 433 alice_ alice :Nickname is already in use", await irc.NextAsync());
    }

    [Fact]
    public async Task Cap_negotiation_holds_registration_until_cap_end()
    {
        await using var server = await TestServer.StartAsync("Chat:ServerName=irc.test");
        var c = await server.ConnectIrcAsync();
        await c.SendAsync("CAP LS 302");
        var ls = await c.NextAsync();
        Assert.StartsWith(":irc.test CAP * LS :", ls, StringComparison.Ordinal);
        foreach (var cap in new[] { "server-time", "message-tags", "echo-message", "multi-prefix", "userhost-in-names", "away-notify", "batch", "draft/chathistory", "cap-notify" })
        {
            Assert.Contains(cap, ls.Split(':')[2].Split(' '));
        }
        await c.SendAsync("NICK bob");
        await c.SendAsync("USER bob 0 * :Bob");
        await c.SendAsync("CAP REQ :server-time bogus");
        Assert.Equal(":irc.test CAP * NAK :server-time bogus", await c.NextAsync());
        await c.SendAsync("CAP REQ :server-time batch");
        Assert.Equal(":irc.test CAP * ACK :server-time batch", await c.NextAsync());
        await c.SendAsync("PING x");
        Assert.Equal(":irc.test PONG irc.test :x", await c.NextAsync());     // nothing of registration yet
        await c.SendAsync("CAP END");
        await c.ExpectAsync(l => l.StartsWith(":irc.test 001 bob ", StringComparison.Ordinal));
    }

    [Fact]
    public async Task Quit_closes_with_error_and_the_rooms_see_a_quit()
    {
        await using var server = await TestServer.StartAsync("Chat:ServerName=irc.test");
        var watcher = await server.IrcLoginAsync("watcher");
        await watcher.JoinAsync("#lobby");
        var alice = await server.IrcLoginAsync("alice");
        await alice.JoinAsync("#lobby");
        await watcher.ExpectAsync(":alice!alice@irc.test JOIN #lobby");
        var line = await server.LoginAsync("carol");
        await alice.ExpectAsync(":carol!carol@irc.test JOIN #lobby");
        await alice.SendAsync("QUIT :bye now");
        await alice.ExpectAsync("ERROR :Closing link: (quit)");
        await line.ExpectAsync("#lobby <- alice left (bye now)");
        await watcher.ExpectAsync(":alice!alice@irc.test QUIT :bye now");
    }

    [Fact]
    public async Task An_idle_client_is_pinged_and_dropped_when_it_does_not_answer()
    {
        await using var server = await TestServer.StartAsync("Chat:ServerName=irc.test", "Chat:IrcPingSeconds=1");
        var quiet = await server.IrcLoginAsync("quiet");
        await quiet.ExpectAsync("PING :irc.test", TimeSpan.FromSeconds(10));
        await quiet.ExpectAsync("ERROR :Closing link: Ping timeout", TimeSpan.FromSeconds(10));
        Assert.Empty(await quiet.ReadToEndAsync());
    }

    [Fact]
    public async Task A_client_that_answers_pings_stays()
    {
        await using var server = await TestServer.StartAsync("Chat:ServerName=irc.test", "Chat:IrcPingSeconds=1");
        var lively = await server.IrcLoginAsync("lively");
        for (var i = 0; i < 3; i++)
        {
            await lively.ExpectAsync("PING :irc.test", TimeSpan.FromSeconds(10));
            await lively.SendAsync("PONG :irc.test");
        }
        Assert.Empty(await lively.IrcSyncAsync());
    }
}

public class IrcTlsTests
{
    [Fact]
    public async Task Irc_over_tls_serves_the_shared_certificate_and_meets_the_line_users()
    {
        await using var server = await TestServer.StartAsync("Chat:ServerName=irc.test", "Chat:IrcTlsPort=0");
        var carol = await server.LoginAsync("carol");
        var secure = await TestServer.IrcRegisterAsync(await server.ConnectIrcTlsAsync(), "secure");
        await secure.JoinAsync("#lobby");
        await carol.ExpectAsync("#lobby -> secure joined");
        await carol.SendAsync("hello over tls");
        Assert.Equal(":carol!carol@irc.test PRIVMSG #lobby :hello over tls", await secure.NextAsync());
    }
}

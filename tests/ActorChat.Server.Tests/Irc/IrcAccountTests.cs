using System.Text;
using ActorChat.Server.Tests.Support;

namespace ActorChat.Server.Tests.Irc;

/// <summary>Over loopback: SASL PLAIN and PASS against the accounts, protected nicks over IRC, account-tag, away-notify, account-notify.</summary>
public class IrcAccountTests
{
    private const string Password = "secret-pw";
    private const string Registered = "Nickname is registered: log in to its account (SASL or PASS) to use it";

    private static Task<TestServer> StartAsync(params string[] settings) => TestServer.StartAsync(["Chat:ServerName=irc.test", .. settings]);

    private static string Plain(string authzid, string authcid, string password) =>
        Convert.ToBase64String(Encoding.UTF8.GetBytes($"{authzid}\0{authcid}\0{password}"));

    /// <summary>CAP LS 302 (asserting sasl=PLAIN is offered), CAP REQ sasl, NICK and USER: registration waits for CAP END.</summary>
    private static async Task<TestClient> StartSaslAsync(TestServer server, string nick)
    {
        var client = await server.ConnectIrcAsync();
        await client.SendAsync("CAP LS 302");
        Assert.Contains(" sasl=PLAIN ", await client.ExpectAsync(l => l.Contains(" CAP * LS ", StringComparison.Ordinal)), StringComparison.Ordinal);
        await client.SendAsync("CAP REQ :sasl");
        await client.ExpectAsync(":irc.test CAP * ACK :sasl");
        await client.SendAsync($"NICK {nick}");
        await client.SendAsync($"USER {nick} 0 * :{nick}");
        return client;
    }

    private static async Task EndRegistrationAsync(TestClient client, string nick)
    {
        await client.SendAsync("CAP END");
        await client.ExpectAsync(l => l.StartsWith($":irc.test 001 {nick} ", StringComparison.Ordinal));
        await client.ReadUntilAsync(l => IrcClient.Command(l) is "376" or "422");
    }

    /// <summary>Logs in to account alice with SASL, registering <paramref name="nick"/>: 900 and 903 name the nick asked for.</summary>
    private static async Task<TestClient> SaslLoginAsync(TestServer server, string nick, string authzid)
    {
        var client = await StartSaslAsync(server, nick);
        await client.AuthenticateAsync(Plain(authzid, "alice", Password));
        Assert.Equal(
            [$":irc.test 900 {nick} {nick}!{nick}@irc.test alice :You are now logged in as alice", $":irc.test 903 {nick} :SASL authentication successful"],
            await client.IrcSyncAsync());
        await EndRegistrationAsync(client, nick);
        return client;
    }

    [Fact]
    public async Task Sasl_plain_logs_in_before_registration_and_whois_shows_the_account()
    {
        await using var server = await StartAsync();
        await server.RegisterAndLeaveAsync("alice", Password);
        var alice = await SaslLoginAsync(server, "alice", authzid: "");

        await alice.SendAsync("WHOIS alice");
        Assert.Contains(":irc.test 330 alice alice alice :is logged in as", await alice.ReadUntilAsync(l => IrcClient.Command(l) == "318"));
        await alice.SendAsync("AUTHENTICATE PLAIN");
        Assert.Equal([":irc.test 907 alice :You have already authenticated using SASL"], await alice.IrcSyncAsync());

        // The account is the line protocol's: its /whois knows it.
        var bob = await server.LoginAsync("bob");
        await bob.SendAsync("/whois alice");
        Assert.Contains(await bob.SyncAsync(), l => l.StartsWith("* whois alice: identified as alice;", StringComparison.Ordinal));
    }

    [Fact]
    public async Task Sasl_with_the_account_as_authzid_may_register_another_free_nick()
    {
        await using var server = await StartAsync();
        await server.RegisterAndLeaveAsync("alice", Password);
        var client = await SaslLoginAsync(server, "alice2", authzid: "alice");
        await client.SendAsync("WHOIS alice2");
        Assert.Contains(":irc.test 330 alice2 alice2 alice :is logged in as", await client.ReadUntilAsync(l => IrcClient.Command(l) == "318"));
    }

    [Fact]
    public async Task Sasl_failures_aborts_and_other_mechanisms()
    {
        await using var server = await StartAsync();
        await server.RegisterAndLeaveAsync("alice", Password);
        var client = await StartSaslAsync(server, "alice");

        await client.AuthenticateAsync(Plain("", "alice", "wrong-pw"));
        Assert.Equal([":irc.test 904 alice :SASL authentication failed"], await client.IrcSyncAsync());

        await client.AuthenticateAsync(Plain("", "nobody", Password));
        Assert.Equal([":irc.test 904 alice :SASL authentication failed"], await client.IrcSyncAsync());

        await client.AuthenticateAsync(Plain("bob", "alice", Password));     // acting as another account: not offered
        Assert.Equal([":irc.test 904 alice :SASL authentication failed"], await client.IrcSyncAsync());

        await client.AuthenticateAsync("*");
        Assert.Equal([":irc.test 906 alice :SASL authentication aborted"], await client.IrcSyncAsync());

        await client.SendAsync("AUTHENTICATE SCRAM-SHA-256");
        Assert.Equal([":irc.test 908 alice PLAIN :are available SASL mechanisms", ":irc.test 904 alice :SASL authentication failed"], await client.IrcSyncAsync());

        await client.AuthenticateAsync(new string('A', 401));
        Assert.Equal([":irc.test 905 alice :SASL message too long"], await client.IrcSyncAsync());

        // Not logged in, the registered nick is refused; another one registers.
        await client.SendAsync("CAP END");
        Assert.Equal([$":irc.test 433 * alice :{Registered}"], await client.IrcSyncAsync());
        await client.SendAsync("NICK alice_");
        await client.ExpectAsync(l => l.StartsWith(":irc.test 001 alice_ ", StringComparison.Ordinal));
    }

    [Fact]
    public async Task A_payload_in_400_byte_chunks_is_joined_and_registration_aborts_an_exchange_under_way()
    {
        await using var server = await StartAsync();
        await server.RegisterAndLeaveAsync("alice", Password);
        var client = await StartSaslAsync(server, "alice");
        var payload = Plain("alice", "alice", Password + new string('x', 288 - Password.Length));
        Assert.Equal(400, payload.Length);
        await client.AuthenticateAsync(payload);
        Assert.Empty(await client.IrcSyncAsync());     // a 400-byte chunk: more follows
        await client.SendAsync("AUTHENTICATE +");
        Assert.Equal([":irc.test 904 alice :SASL authentication failed"], await client.IrcSyncAsync());   // joined, checked, wrong

        await client.AuthenticateAsync(new string('A', 400));
        await client.SendAsync("CAP END");
        Assert.Equal([":irc.test 906 alice :SASL authentication aborted", $":irc.test 433 * alice :{Registered}"], await client.IrcSyncAsync());   // the nick asked for, as in sasl-3.1's examples
    }

    [Fact]
    public async Task Failed_sasl_logins_count_in_the_limiter_of_identify()
    {
        await using var server = await StartAsync("Chat:FailedLoginsPerMinute=2");
        await server.RegisterAndLeaveAsync("alice", Password);
        var client = await StartSaslAsync(server, "guest");
        List<string> lines = [];
        foreach (var password in (string[])["wrong-1", "wrong-2", Password])
        {
            await client.AuthenticateAsync(Plain("", "alice", password));
            lines.AddRange(await client.IrcSyncAsync());
        }
        Assert.Equal(4, lines.Count);
        Assert.Equal([":irc.test 904 guest :SASL authentication failed", ":irc.test 904 guest :SASL authentication failed"], lines[..2]);
        Assert.Matches(@"^:irc\.test 902 guest :Too many failed logins: try again in (60|59) s$", lines[2]);
        Assert.Equal(":irc.test 904 guest :SASL authentication failed", lines[3]);

        // The same limiter as /identify: the line protocol is refused too.
        var bob = await server.LoginAsync("bob");
        await bob.SendAsync($"/identify alice {Password}");
        Assert.Matches(@"^! too many failed logins: try again in (60|59) s$", (await bob.SyncAsync()).Single());
    }

    [Fact]
    public async Task Authenticate_without_the_sasl_capability_is_refused_and_checks_no_password()
    {
        await using var server = await StartAsync();
        await server.RegisterAndLeaveAsync("alice", Password);
        var client = await server.ConnectIrcAsync();
        await client.SendAsync("AUTHENTICATE PLAIN");
        for (var i = 0; i < 6; i++)
        {
            await client.SendAsync($"AUTHENTICATE {Plain("", "alice", "wrong-pw")}");
        }
        Assert.Equal(Enumerable.Repeat(":irc.test 904 * :You must request the sasl capability first", 7), await client.IrcSyncAsync());

        // None of the six counted as a failed login (five lock the account for a minute): the right password works.
        var alice = await SaslLoginAsync(server, "alice", authzid: "");
        await alice.SendAsync("WHOIS alice");
        Assert.Contains(":irc.test 330 alice alice alice :is logged in as", await alice.ReadUntilAsync(l => IrcClient.Command(l) == "318"));
    }

    [Fact]
    public async Task Pass_logs_in_to_the_account_of_the_nick()
    {
        await using var server = await StartAsync();
        await server.RegisterAndLeaveAsync("alice", Password);
        var alice = await server.ConnectIrcAsync();
        await alice.SendAsync($"PASS {Password}");
        await alice.SendAsync("NICK alice");
        await alice.SendAsync("USER alice 0 * :Alice");
        Assert.Equal(":irc.test 900 alice alice!alice@irc.test alice :You are now logged in as alice", await alice.NextAsync());
        await alice.ExpectAsync(l => l.StartsWith(":irc.test 001 alice ", StringComparison.Ordinal));
        await alice.ReadUntilAsync(l => IrcClient.Command(l) is "376" or "422");
        await alice.SendAsync($"PASS {Password}");
        Assert.Equal([":irc.test 462 alice :You may not reregister"], await alice.IrcSyncAsync());
        await alice.SendAsync("WHOIS alice");
        Assert.Contains(":irc.test 330 alice alice alice :is logged in as", await alice.ReadUntilAsync(l => IrcClient.Command(l) == "318"));
    }

    [Fact]
    public async Task A_wrong_pass_gets_464_and_the_connection_closed_and_a_nick_that_is_no_account_ignores_pass()
    {
        await using var server = await StartAsync();
        await server.RegisterAndLeaveAsync("alice", Password);
        var wrong = await server.ConnectIrcAsync();
        await wrong.SendAsync("PASS wrong-pw");
        await wrong.SendAsync("NICK alice");
        await wrong.SendAsync("USER alice 0 * :Alice");
        Assert.Equal([":irc.test 464 alice :Password incorrect", "ERROR :Closing link: Password incorrect"], await wrong.ReadToEndAsync());

        var other = await server.ConnectIrcAsync();
        await other.SendAsync("PASS bouncer-password");
        await other.SendAsync("NICK carol");
        await other.SendAsync("USER carol 0 * :Carol");
        Assert.StartsWith(":irc.test 001 carol ", await other.NextAsync(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_pass_is_kept_when_the_first_nick_is_taken_and_no_account()
    {
        await using var server = await StartAsync();
        await server.RegisterAndLeaveAsync("alice", Password);
        await using var holder = await server.LoginAsync("carol");
        var irc = await server.ConnectIrcAsync();
        await irc.SendAsync($"PASS {Password}");
        await irc.SendAsync("NICK carol");
        await irc.SendAsync("USER alice 0 * :Alice");
        Assert.Equal(":irc.test 433 * carol :Nickname is already in use", await irc.NextAsync());
        await irc.SendAsync("NICK alice");
        Assert.Equal(":irc.test 900 alice alice!alice@irc.test alice :You are now logged in as alice", await irc.NextAsync());
        await irc.ExpectAsync(l => l.StartsWith(":irc.test 001 alice ", StringComparison.Ordinal));
    }

    [Fact]
    public async Task A_registered_nick_is_refused_without_a_login_at_registration_and_on_nick()
    {
        await using var server = await StartAsync();
        await server.RegisterAndLeaveAsync("alice", Password);
        var irc = await server.ConnectIrcAsync();
        await irc.SendAsync("NICK Alice");
        await irc.SendAsync("USER alice 0 * :Alice");
        Assert.Equal($":irc.test 433 * Alice :{Registered}", await irc.NextAsync());
        await irc.SendAsync("NICK bob");
        await irc.ExpectAsync(l => l.StartsWith(":irc.test 001 bob ", StringComparison.Ordinal));
        await irc.ReadUntilAsync(l => IrcClient.Command(l) is "376" or "422");
        await irc.SendAsync("NICK alice");
        Assert.Equal([$":irc.test 433 bob alice :{Registered}"], await irc.IrcSyncAsync());
    }

    [Fact]
    public async Task Logging_in_to_a_nick_held_by_its_own_other_connection_takes_it_over()
    {
        await using var server = await StartAsync();
        var line = await server.LoginRegisteredAsync("alice", Password);
        var irc = await StartSaslAsync(server, "alice");
        await irc.AuthenticateAsync(Plain("", "alice", Password));
        await irc.ExpectAsync(":irc.test 903 alice :SASL authentication successful");
        await EndRegistrationAsync(irc, "alice");
        Assert.Contains("* alice logged in from another connection", await line.ReadToEndAsync());
    }

    [Fact]
    public async Task Sasl_and_pass_passwords_never_reach_the_log()
    {
        const string Secret = "Tr0ub4dor-irc", Wrong = "wr0ng-irc-guess";
        await using var server = await ServerProcess.StartAsync("--Chat:RegistrationsPerAddressPerHour=0", "--Chat:ServerName=irc.test");
        await using (var line = await TestClient.ConnectAsync(server.Port))
        {
            await line.ExpectAsync("* Choose a nick:");
            await line.SendAsync("alice");
            await line.SendAsync($"/register {Secret}");
            await line.ExpectAsync("* account alice registered: you are identified");
            await line.SendAsync("/quit");
            await line.ReadToEndAsync();
        }
        await using (var sasl = await TestClient.ConnectAsync(server.IrcPort))
        {
            await sasl.SendAsync("CAP REQ :sasl");
            await sasl.AuthenticateAsync(Plain("", "alice", Wrong));
            await sasl.ExpectAsync(l => IrcClient.Command(l) == "904");
            await sasl.AuthenticateAsync(Plain("", "alice", Secret));
            await sasl.ExpectAsync(l => IrcClient.Command(l) == "903");
        }
        await using (var pass = await TestClient.ConnectAsync(server.IrcPort))
        {
            await pass.SendAsync($"PASS {Wrong}");
            await pass.SendAsync("NICK alice");
            await pass.SendAsync("USER alice 0 * :Alice");
            await pass.ReadToEndAsync();
        }
        server.Terminate();
        await server.WaitForExitAsync();
        var log = await File.ReadAllTextAsync(server.LogPath);
        Assert.Contains("wrong password for alice (login ***)", log, StringComparison.Ordinal);
        Assert.Contains("identified as alice (login ***)", log, StringComparison.Ordinal);
        foreach (var secret in (string[])[Secret, Wrong, Plain("", "alice", Secret), Plain("", "alice", Wrong)])
        {
            Assert.DoesNotContain(secret, log, StringComparison.Ordinal);
        }
    }

    [Fact]
    public async Task Account_tag_marks_what_identified_users_do_for_clients_that_asked()
    {
        await using var server = await StartAsync();
        await server.RegisterAndLeaveAsync("alice", Password);
        var bob = await server.IrcLoginAsync("bob", "account-tag");
        var carol = await server.IrcLoginAsync("carol");
        await bob.JoinAsync("#dev");
        await carol.JoinAsync("#dev");
        await bob.ReadUntilAsync(l => l.EndsWith(" JOIN #dev", StringComparison.Ordinal));

        var alice = await server.ConnectIrcAsync();
        await alice.SendAsync($"PASS {Password}");
        await TestServer.IrcRegisterAsync(alice, "alice");
        await alice.JoinAsync("#dev");
        await alice.SendAsync("PRIVMSG #dev :hi from an account");
        await alice.SendAsync("PRIVMSG bob :psst");
        await alice.SendAsync("NOTICE #dev :a notice");
        await alice.IrcSyncAsync();
        Assert.Equal(
            ["@account=alice :alice!alice@irc.test JOIN #dev", "@account=alice :alice!alice@irc.test PRIVMSG #dev :hi from an account",
             "@account=alice :alice!alice@irc.test PRIVMSG bob :psst", "@account=alice :alice!alice@irc.test PRIVMSG #dev :a notice"],
            await bob.IrcSyncAsync());
        Assert.Equal(
            [":alice!alice@irc.test JOIN #dev", ":alice!alice@irc.test PRIVMSG #dev :hi from an account", ":alice!alice@irc.test PRIVMSG #dev :a notice"],
            await carol.IrcSyncAsync());

        // Not identified: no tag; a line-protocol user identified with /identify: tagged.
        await carol.SendAsync("PRIVMSG #dev :no account here");
        await carol.IrcSyncAsync();
        var dave = await server.LoginRegisteredAsync("dave", Password);
        await dave.SendAsync("/join #dev");
        await dave.SendAsync("/msg #dev from the line protocol");
        await dave.SyncAsync();
        Assert.Equal(
            [":carol!carol@irc.test PRIVMSG #dev :no account here", "@account=dave :dave!dave@irc.test JOIN #dev", "@account=dave :dave!dave@irc.test PRIVMSG #dev :from the line protocol"],
            await bob.IrcSyncAsync());
    }

    [Fact]
    public async Task Away_notify_tells_peers_who_asked_when_a_user_goes_away_comes_back_or_joins_away()
    {
        await using var server = await StartAsync();
        var bob = await server.IrcLoginAsync("bob", "away-notify");
        var carol = await server.IrcLoginAsync("carol");
        var alice = await server.IrcLoginAsync("alice");
        await alice.SendAsync("AWAY :at lunch");
        await alice.IrcSyncAsync();
        foreach (var c in (TestClient[])[bob, carol])
        {
            await c.JoinAsync("#dev");
        }
        await bob.ReadUntilAsync(l => l.EndsWith(" JOIN #dev", StringComparison.Ordinal) && l.StartsWith(":carol", StringComparison.Ordinal));
        await alice.JoinAsync("#dev");
        Assert.Equal([":alice!alice@irc.test JOIN #dev", ":alice!alice@irc.test AWAY :at lunch"], await bob.IrcSyncAsync());
        Assert.Equal([":alice!alice@irc.test JOIN #dev"], await carol.IrcSyncAsync());

        await alice.SendAsync("AWAY");
        Assert.Equal([":irc.test 305 alice :You are no longer marked as being away"], await alice.IrcSyncAsync());
        var line = await server.LoginAsync("dave");
        await line.SendAsync("/join #dev");
        await line.SendAsync("/away brb");
        await line.SyncAsync();
        Assert.Equal([":alice!alice@irc.test AWAY", ":dave!dave@irc.test JOIN #dev", ":dave!dave@irc.test AWAY :brb"], await bob.IrcSyncAsync());
        Assert.Equal([":dave!dave@irc.test JOIN #dev"], await carol.IrcSyncAsync());
    }

    [Fact]
    public async Task Account_notify_tells_peers_who_asked_when_a_user_logs_in_or_its_account_goes_and_sasl_works_after_registration()
    {
        await using var server = await StartAsync();
        var bob = await server.IrcLoginAsync("bob", "account-notify");
        await bob.JoinAsync("#dev");
        var dave = await server.LoginAsync("dave");
        await dave.SendAsync("/join #dev");
        await dave.SendAsync($"/register {Password}");
        await dave.SendAsync($"/unregister {Password}");
        await dave.SyncAsync();
        Assert.Equal([":dave!dave@irc.test JOIN #dev", ":dave!dave@irc.test ACCOUNT dave", ":dave!dave@irc.test ACCOUNT *"], await bob.IrcSyncAsync());

        // SASL after registration logs in without a nick change; the peers are told.
        await server.RegisterAndLeaveAsync("alice", Password);
        var carol = await server.IrcLoginAsync("carol", "sasl");
        await carol.JoinAsync("#dev");
        await carol.AuthenticateAsync(Plain("", "alice", Password));
        Assert.Equal(
            [":irc.test 900 carol carol!carol@irc.test alice :You are now logged in as alice", ":irc.test 903 carol :SASL authentication successful"],
            await carol.IrcSyncAsync());
        Assert.Equal([":carol!carol@irc.test JOIN #dev", ":carol!carol@irc.test ACCOUNT alice"], await bob.IrcSyncAsync());
    }

    [Fact]
    public async Task Mode_query_reports_the_rooms_real_modes()
    {
        await using var server = await StartAsync();
        var alice = await server.IrcLoginAsync("alice");
        var bob = await server.IrcLoginAsync("bob");
        await alice.JoinAsync("#dev");
        await alice.SendAsync("MODE #dev +i");
        await alice.IrcSyncAsync();
        await bob.SendAsync("MODE #dev");     // not a member: still told
        var modes = await bob.IrcSyncAsync();
        Assert.Equal(":irc.test 324 bob #dev +int", modes[0]);
        Assert.Matches(@"^:irc\.test 329 bob #dev \d+$", modes[1]);
        await alice.SendAsync("MODE #dev -t");
        await alice.SendAsync("MODE #dev -i");
        await alice.SendAsync("MODE #DEV");
        var after = await alice.IrcSyncAsync();
        Assert.Contains(":irc.test 324 alice #dev +n", after);
        await bob.SendAsync("MODE #nowhere");
        Assert.Equal([":irc.test 403 bob #nowhere :No such channel"], await bob.IrcSyncAsync());
    }
}

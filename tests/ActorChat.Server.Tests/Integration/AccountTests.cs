using ActorChat.Server.Tests.Support;

namespace ActorChat.Server.Tests.Integration;

/// <summary>Over loopback: registering, identifying, changing and removing accounts; protected nicks; login limits; secrets kept out of the log.</summary>
public class AccountTests
{
    private const string Password = "secret-pw", Other = "other-pw2";

    [Fact]
    public async Task Register_identify_passwd_and_unregister()
    {
        await using var server = await TestServer.StartAsync();
        var alice = await server.LoginAsync("alice");
        await alice.SendAsync("/register abc");
        await alice.SendAsync($"/register {Password}");
        await alice.SendAsync($"/register {Password}");
        Assert.Equal(
            ["! a password is 6-128 characters without spaces", "* account alice registered: you are identified", "! alice is registered already"],
            await alice.SyncAsync());

        // Identifying from a second connection takes the nick over; the first one is told and closed.
        var again = await server.IdentifyAsync("alice", Password);
        Assert.Contains("* alice logged in from another connection", await alice.ReadToEndAsync());

        await again.SendAsync($"/passwd wrong-pw {Other}");
        await again.SendAsync($"/passwd {Password} {Other}");
        Assert.Equal(["! wrong password", "* password changed"], await again.SyncAsync());
        await using var third = await TestClient.ConnectAsync(server.Port);
        await third.ExpectAsync("* Choose a nick:");
        await third.SendAsync($"/identify alice {Password}");
        await third.ExpectAsync("! wrong password");

        await again.SendAsync($"/unregister {Other}");
        Assert.Equal(["* account alice unregistered"], await again.SyncAsync());
        await again.SendAsync($"/identify {Other}");
        Assert.Equal(["! no account 'alice'"], await again.SyncAsync());
    }

    [Fact]
    public async Task A_registered_nick_is_protected_at_the_prompt_and_from_nick()
    {
        await using var server = await TestServer.StartAsync();
        await server.RegisterAndLeaveAsync("alice", Password);
        var bob = await server.LoginAsync("bob");
        await bob.SendAsync("/nick alice");
        Assert.Equal(["* alice is registered: /identify alice PASSWORD"], await bob.SyncAsync());

        var stranger = await server.ConnectAsync();
        await stranger.ExpectAsync("* Choose a nick:");
        await stranger.SendAsync("alice");
        await stranger.ExpectAsync("* alice is registered: /identify alice PASSWORD");
        await stranger.SendAsync("Alice");     // nicks are the same whatever the case: still not taken
        await stranger.ExpectAsync("* Alice is registered: /identify Alice PASSWORD");
        await stranger.SendAsync($"/identify alice {Password}");
        await stranger.ExpectAsync("* you are identified as alice");
        await stranger.ExpectAsync("* You are alice. Joined #lobby (2 users). Type /help for commands.");
    }

    [Fact]
    public async Task Answers_after_an_identify_wait_for_its_verdict_and_keep_their_order()
    {
        await using var server = await TestServer.StartAsync();
        await server.RegisterAndLeaveAsync("alice", Password);
        var bob = await server.LoginAsync("bob");
        await bob.SendAsync($"/identify alice {Password}");
        await bob.SendAsync("/who");
        Assert.Equal(["* you are identified as alice", "#lobby ~ bob is now alice", "* #lobby (1 user): alice"], await bob.SyncAsync());
    }

    [Fact]
    public async Task Failed_logins_are_limited_per_account_and_per_address()
    {
        await using var server = await TestServer.StartAsync("Chat:FailedLoginsPerMinute=2");
        var alice = await server.LoginRegisteredAsync("alice", Password);
        var carol = await server.LoginRegisteredAsync("carol", Password);
        var bob = await server.LoginAsync("bob");
        await bob.SendAsync("/identify alice wrong-1");
        await bob.SendAsync("/identify alice wrong-2");
        await bob.SendAsync($"/identify alice {Password}");   // right, but too late
        await bob.SendAsync($"/identify carol {Password}");   // another account, same address
        var lines = await bob.SyncAsync();
        Assert.Equal(["! wrong password", "! wrong password"], lines[..2]);
        Assert.Matches(@"^! too many failed logins: try again in (60|59) s$", lines[2]);
        Assert.Matches(@"^! too many failed logins: try again in (60|59) s$", lines[3]);
        Assert.Equal(4, lines.Count);
    }

    [Fact]
    public async Task A_failed_login_window_ends_on_time()
    {
        var clock = new ManualClock();
        await using var server = await TestServer.StartAsync(clock, "Chat:FailedLoginsPerMinute=1");
        await server.RegisterAndLeaveAsync("alice", Password);
        var bob = await server.LoginAsync("bob");
        await bob.SendAsync("/identify alice wrong-1");
        await bob.SendAsync($"/identify alice {Password}");
        Assert.Equal("! wrong password", (await bob.SyncAsync())[0]);
        clock.Advance(TimeSpan.FromSeconds(61));
        await bob.SendAsync($"/identify alice {Password}");
        Assert.Equal("* you are identified as alice", (await bob.SyncAsync())[0]);
    }

    [Fact]
    public async Task Registrations_per_address_are_limited()
    {
        await using var server = await TestServer.StartAsync("Chat:RegistrationsPerAddressPerHour=1");
        await server.LoginRegisteredAsync("alice", Password);
        var bob = await server.LoginAsync("bob");
        await bob.SendAsync($"/register {Password}");
        Assert.Matches(@"^! too many registrations from your address: try again in (3600|3599) s$", (await bob.SyncAsync()).Single());
    }

    [Fact]
    public async Task Usage_errors_and_commands_needing_an_account()
    {
        await using var server = await TestServer.StartAsync();
        var prompt = await server.ConnectAsync();
        await prompt.ExpectAsync("* Choose a nick:");
        await prompt.SendAsync($"/identify {Password}");
        await prompt.ExpectAsync("! usage: /identify NICK PASSWORD");
        var bob = await server.LoginAsync("bob");
        await bob.SendAsync("/register two words");
        await bob.SendAsync($"/passwd {Password} {Other}");
        await bob.SendAsync($"/unregister {Password}");
        await bob.SendAsync("/passwd onlyone");
        Assert.Equal(
            ["! usage: /register PASSWORD", "! identify first: /identify [NICK] PASSWORD", "! identify first: /identify [NICK] PASSWORD", "! usage: /passwd OLD NEW"],
            await bob.SyncAsync());
    }

    [Fact]
    public async Task Passwords_never_reach_the_log()
    {
        await using var server = await ServerProcess.StartAsync("--Chat:RegistrationsPerAddressPerHour=0");
        const string Secret = "Tr0ub4dor-horse", NewSecret = "correct-battery-staple", Wrong = "wr0ng-guess-xyz";
        await using (var alice = await TestClient.ConnectAsync(server.Port))
        {
            await alice.ExpectAsync("* Choose a nick:");
            await alice.SendAsync("alice");
            await alice.SendAsync($"/register {Secret}");
            await alice.ExpectAsync("* account alice registered: you are identified");
            await alice.SendAsync($"/identify alice {Wrong}");
            await alice.ExpectAsync("! wrong password");
            await alice.SendAsync($"/identify alice {Secret}");
            await alice.ExpectAsync("* you are identified as alice");
            await alice.SendAsync($"/passwd {Secret} {NewSecret}");
            await alice.ExpectAsync("* password changed");
            await alice.SendAsync($"/unregister {NewSecret}");
            await alice.ExpectAsync("* account alice unregistered");
        }
        server.Terminate();
        await server.WaitForExitAsync();
        var log = await File.ReadAllTextAsync(server.LogPath);
        Assert.Contains("identified as alice (/identify ***)", log, StringComparison.Ordinal);
        Assert.Contains("wrong password for alice (/identify ***)", log, StringComparison.Ordinal);
        foreach (var secret in (string[])[Secret, NewSecret, Wrong])
        {
            Assert.DoesNotContain(secret, log, StringComparison.Ordinal);
        }
    }
}

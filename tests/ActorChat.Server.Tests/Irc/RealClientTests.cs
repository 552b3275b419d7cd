using ActorChat.Server.Tests.Support;

namespace ActorChat.Server.Tests.Irc;

/// <summary>Installs Debian's irssi, WeeChat and tmux for <see cref="RealClientTests"/> when they are missing and it may.</summary>
public sealed class IrcClientTools
{
    public IrcClientTools()
    {
        if (SystemTools.SkipReason(["irssi", "weechat", "tmux"]) is null)
        {
            SystemTools.Ensure(("irssi", "irssi"), ("weechat", "weechat-curses"), ("tmux", "tmux"));
        }
    }
}

/// <summary>
/// Debian's irssi and WeeChat, started in a real terminal against the IRC port: each joins a room
/// where a line-protocol user has talked, shows the names and the history, talks with that user, and quits.
/// </summary>
public sealed class RealClientTests : IClassFixture<IrcClientTools>, IDisposable
{
    private readonly string _home = Directory.CreateTempSubdirectory("actorchat-irc-client-").FullName;

    public void Dispose() => Directory.Delete(_home, recursive: true);

    private static async Task<(TestServer Server, TestClient Carol)> StartWithHistoryAsync()
    {
        var server = await TestServer.StartAsync("Chat:ServerName=irc.test");
        var carol = await server.LoginAsync("carol");
        await carol.SendAsync("/join dev");
        await carol.SendAsync("/topic #dev release on friday");     // carol made #dev: she is its operator
        await carol.SendAsync("/msg #dev an old message");
        await carol.SyncAsync();
        return (server, carol);
    }

    [FactNeeding(["irssi", "tmux"])]
    public async Task Irssi_joins_sees_names_and_history_talks_with_a_line_user_and_quits()
    {
        var (server, carol) = await StartWithHistoryAsync();
        await using var _ = server;
        // irssi shows a message's server-time only with show_server_time; the command queue must not throttle the test.
        File.WriteAllText(Path.Combine(_home, "config"), $$"""
            servers = ( { address = "127.0.0.1"; chatnet = "ac"; port = "{{server.IrcPort}}"; use_tls = "no"; autoconnect = "yes"; } );
            chatnets = { ac = { type = "IRC"; }; };
            channels = ( { name = "#dev"; chatnet = "ac"; autojoin = "yes"; } );
            settings = {
              core = { real_name = "Alice"; user_name = "alice"; nick = "alice"; };
              "irc/core" = { cmd_queue_speed = "0"; };
              "fe-text" = { show_server_time = "yes"; };
            };
            """);
        using var irssi = Tmux.Start($"irssi --home={_home}", 150, 40);
        await carol.ExpectAsync("#dev -> alice joined");
        // The channel opens in window 2; the status bar shows its activity once irssi has it.
        await irssi.ScreenAsync(s => s.Contains("Act: 2", StringComparison.Ordinal));
        irssi.Type("/window 2");
        irssi.Press("Enter");
        var joined = await irssi.ScreenAsync(s => s.Contains("an old message", StringComparison.Ordinal) && s.Contains("Total of 2 nicks", StringComparison.Ordinal));
        Assert.Contains("@carol", joined, StringComparison.Ordinal);
        Assert.Contains("Topic for #dev: release on friday", joined, StringComparison.Ordinal);

        await carol.SendAsync("/msg #dev hello irssi");
        await irssi.ScreenAsync(s => s.Contains("carol> hello irssi", StringComparison.Ordinal));
        irssi.Type("hi from irssi");
        irssi.Press("Enter");
        await carol.ExpectAsync("#dev <alice> hi from irssi");
        irssi.Type("/me waves");
        irssi.Press("Enter");
        await carol.ExpectAsync("#dev * alice waves");
        irssi.Type("/quit see you");
        irssi.Press("Enter");
        await carol.ExpectAsync("#dev <- alice left (see you)");
    }

    [FactNeeding(["irssi", "tmux"])]
    public async Task Irssi_logs_in_with_sasl_plain_and_holds_its_registered_nick()
    {
        var (server, carol) = await StartWithHistoryAsync();
        await using var _ = server;
        await server.RegisterAndLeaveAsync("alice", "secret-pw");
        // The README's set-up, as irssi keeps it: /network add -sasl_username alice -sasl_password secret-pw -sasl_mechanism PLAIN ac
        File.WriteAllText(Path.Combine(_home, "config"), $$"""
            servers = ( { address = "127.0.0.1"; chatnet = "ac"; port = "{{server.IrcPort}}"; use_tls = "no"; autoconnect = "yes"; } );
            chatnets = { ac = { type = "IRC"; sasl_mechanism = "PLAIN"; sasl_username = "alice"; sasl_password = "secret-pw"; }; };
            channels = ( { name = "#dev"; chatnet = "ac"; autojoin = "yes"; } );
            settings = {
              core = { real_name = "Alice"; user_name = "alice"; nick = "alice"; };
              "irc/core" = { cmd_queue_speed = "0"; };
            };
            """);
        using var irssi = Tmux.Start($"irssi --home={_home}", 150, 40);
        await carol.ExpectAsync("#dev -> alice joined");
        var status = await irssi.ScreenAsync(s => s.Contains("You are now logged in as alice", StringComparison.Ordinal));
        Assert.Contains("SASL authentication succeeded", status, StringComparison.Ordinal);     // irssi's words for 903
        await carol.SendAsync("/whois alice");
        Assert.StartsWith("* whois alice: identified as alice;", (await carol.SyncAsync())[0], StringComparison.Ordinal);
        irssi.Type("/quit");
        irssi.Press("Enter");
        await carol.ExpectAsync(l => l.StartsWith("#dev <- alice left", StringComparison.Ordinal));
    }

    [FactNeeding(["weechat", "tmux"])]
    public async Task Weechat_joins_sees_names_and_history_talks_with_a_line_user_and_quits()
    {
        var (server, carol) = await StartWithHistoryAsync();
        await using var _ = server;
        var setup = $"/server add ac 127.0.0.1/{server.IrcPort} -nicks=bob -username=bob -realname=Bob -autojoin=#dev "
            + "-anti_flood_prio_high=0 -anti_flood_prio_low=0;/connect ac";
        using var weechat = Tmux.Start($"weechat --dir {_home} -r '{setup}'", 150, 40);
        await carol.ExpectAsync("#dev -> bob joined");
        await weechat.ScreenAsync(s => s.Contains("an old message", StringComparison.Ordinal) && s.Contains("release on friday", StringComparison.Ordinal));

        await weechat.ScreenAsync(s => s.Contains("carol", StringComparison.Ordinal));
        await carol.SendAsync("/msg #dev hello weechat");
        await weechat.ScreenAsync(s => s.Contains("hello weechat", StringComparison.Ordinal));
        weechat.Type("hi from weechat");
        weechat.Press("Enter");
        await carol.ExpectAsync("#dev <bob> hi from weechat");
        weechat.Type("/quit");
        weechat.Press("Enter");
        await carol.ExpectAsync(l => l.StartsWith("#dev <- bob left", StringComparison.Ordinal));
    }

    [FactNeeding(["weechat", "tmux"])]
    public async Task Weechat_logs_in_with_sasl_plain_and_holds_its_registered_nick()
    {
        var (server, carol) = await StartWithHistoryAsync();
        await using var _ = server;
        await server.RegisterAndLeaveAsync("bob", "secret-pw");
        // The README's set-up: the sasl_* options of /server add (WeeChat's default mechanism is plain).
        var setup = $"/server add ac 127.0.0.1/{server.IrcPort} -nicks=bob -username=bob -realname=Bob -autojoin=#dev "
            + "-sasl_mechanism=plain -sasl_username=bob -sasl_password=secret-pw -anti_flood_prio_high=0 -anti_flood_prio_low=0;/connect ac";
        using var weechat = Tmux.Start($"weechat --dir {_home} -r '{setup}'", 150, 40);
        await carol.ExpectAsync("#dev -> bob joined");
        await carol.SendAsync("/whois bob");
        Assert.StartsWith("* whois bob: identified as bob;", (await carol.SyncAsync())[0], StringComparison.Ordinal);
        weechat.Type("/quit");
        weechat.Press("Enter");
        await carol.ExpectAsync(l => l.StartsWith("#dev <- bob left", StringComparison.Ordinal));
    }
}

using ActorChat.Client.Tests.Support;
using ActorChat.Server.Tests.Support;

namespace ActorChat.Client.Tests;

/// <summary>The real client binary in a real pseudo-terminal (tmux), typed into while messages arrive.</summary>
public class TerminalTests
{
    private static string Connect(TestServer server, string nick) => $"--host 127.0.0.1 --port {server.Port} --nick {nick}";

    /// <summary>The client as <paramref name="nick"/>, once it knows who is in the lobby.</summary>
    private static async Task<TmuxPane> OpenAsync(TestServer server, string nick, int width, int height)
    {
        var pane = new TmuxPane(width, height, Connect(server, nick));
        await pane.WaitForAsync($"#lobby: {nick}");
        return pane;
    }

    private static bool IsInput(string row) => row.StartsWith('[') && row.Contains("] ", StringComparison.Ordinal);

    [FactNeeding("tmux")]
    public async Task The_input_line_stays_whole_while_messages_arrive()
    {
        await using var server = await TestServer.StartAsync();
        using var pane = new TmuxPane(100, 20, Connect(server, "typer"));
        await pane.WaitForAsync("You are typer.");
        var talker = await server.LoginAsync("talker");
        pane.Type("half a thou");
        await pane.WaitForAsync("[#lobby] half a thou");
        for (var i = 1; i <= 5; i++)
        {
            await talker.SendAsync($"interruption {i}");
        }
        var rows = await pane.WaitForAsync("interruption 5");
        Assert.Equal("[#lobby] half a thou", rows[^1]);                  // still whole, still last
        Assert.Equal(5, rows.Count(l => l.Contains("<talker> interruption", StringComparison.Ordinal)));
        Assert.Single(rows, IsInput);

        pane.Enter("ght");
        Assert.Equal("#lobby <typer> half a thought", await talker.ExpectAsync(l => l.Contains("<typer>", StringComparison.Ordinal)));
    }

    [FactNeeding("tmux")]
    public async Task Shrinking_to_20_by_5_while_typing_redraws_the_screen_exactly_and_growing_leaves_nothing_stale()
    {
        await using var server = await TestServer.StartAsync();
        using var pane = new TmuxPane(80, 24, Connect(server, "typer"));
        await pane.WaitAsync(rows => rows.Any(r => r.Contains("#lobby: typer", StringComparison.Ordinal)) && rows.Any(r => r.Contains("lag N ms", StringComparison.Ordinal)));
        pane.Type("0123456789abcdefghijklmnopqrstuvwxyz");
        await pane.WaitForAsync("xyz");
        pane.Resize(20, 5);
        string[] small = ["yper", " 1:#lobby  typer  la", "[#lobby] 0123456789a", "bcdefghijklmnopqrstu", "vwxyz"];
        await pane.WaitAsync(rows => rows.SequenceEqual(small));
        Assert.Equal((5, 4), pane.Cursor);

        pane.Type("日本");                    // wide characters at this size: placed by display width
        await pane.WaitAsync(rows => rows[^1] == "vwxyz日本");
        Assert.Equal((9, 4), pane.Cursor);
        pane.Press("Left");
        await pane.WaitAsync(_ => pane.Cursor == (7, 4));
        Assert.Equal(small[..4], pane.Rows()[..4]);

        pane.Resize(60, 12);
        var rows = await pane.WaitAsync(rows => rows.Length == 12 && rows[^1].StartsWith("[#lobby] 0123456789", StringComparison.Ordinal));
        Assert.Single(rows, IsInput);
        Assert.Equal("[#lobby] 0123456789abcdefghijklmnopqrstuvwxyz日本", rows[^1]);
        Assert.StartsWith(" 1:#lobby  typer  lag N ms", rows[^2], StringComparison.Ordinal);
        Assert.Equal((47, 11), pane.Cursor);                                 // still before 本
    }

    [FactNeeding("tmux")]
    public async Task Rooms_are_windows_with_unread_counts_mentions_ring_the_bell_and_private_chats_open_their_own()
    {
        await using var server = await TestServer.StartAsync();
        using var pane = await OpenAsync(server, "alice", 100, 20);
        await pane.EnterAsync("/join dev", " 2:#dev  alice");
        await pane.EnterAsync("/join ops", " 3:#ops  alice");
        var bob = await server.LoginAsync("bob");
        await bob.SendAsync("/join dev");
        await bob.SendAsync("no mention yet");
        var rows = await pane.WaitAsync(rows => rows[^2].Contains("| 1:#lobby(1) 2:#dev(2)", StringComparison.Ordinal));
        Assert.DoesNotContain("\a", pane.Raw, StringComparison.Ordinal);
        await bob.SendAsync("alice: are you there?");
        await pane.WaitAsync(rows => rows[^2].Contains("2:#dev(3,@1)", StringComparison.Ordinal));
        Assert.Contains("\a", pane.Raw, StringComparison.Ordinal);            // the bell

        pane.Press("M-2");
        rows = await pane.WaitForAsync(" 2:#dev  alice");
        Assert.Contains("! hh:mm:ss <bob> alice: are you there?", rows);     // marked: it mentions you
        Assert.DoesNotContain("2:#dev(", rows[^2], StringComparison.Ordinal);  // read now
        pane.Enter("plain line goes to dev");
        Assert.Equal("#dev <alice> plain line goes to dev", await bob.ExpectAsync(l => l.Contains("<alice>", StringComparison.Ordinal)));

        await bob.SendAsync("/msg alice psst");
        await pane.WaitAsync(rows => rows[^2].Contains("4:bob(1,@1)", StringComparison.Ordinal));
        pane.Enter("/r over here");
        rows = await pane.WaitForAsync("-> *bob* over here");
        Assert.StartsWith(" 4:bob  alice", rows[^2], StringComparison.Ordinal);
        Assert.Contains(rows, r => r.EndsWith("*bob* psst", StringComparison.Ordinal));
        Assert.Equal("[pm] <alice> over here", await bob.ExpectAsync(l => l.StartsWith("[pm]", StringComparison.Ordinal)));

        await pane.PressAsync("C-n", " 1:#lobby  alice");
        await pane.PressAsync("C-p", " 4:bob  alice");
        await pane.EnterAsync("/win 3", " 3:#ops  alice");
        await pane.EnterAsync("/me waves", "* alice waves");         // acts in the room shown, not the one joined last
        await pane.EnterAsync("/part", " 2:#dev  alice");           // its window closes; bob's is number 3 now
        await pane.PressAsync("M-3", " 3:bob  alice");
    }

    [FactNeeding("tmux")]
    public Task Three_rooms_and_a_private_chat_can_be_followed_at_200_by_50() => FollowThreeRoomsAndAPrivateChatAsync(200, 50);

    [FactNeeding("tmux")]
    public Task Three_rooms_and_a_private_chat_can_be_followed_at_80_by_24() => FollowThreeRoomsAndAPrivateChatAsync(80, 24);

    [FactNeeding("tmux")]
    public Task Three_rooms_and_a_private_chat_can_be_followed_at_40_by_12() => FollowThreeRoomsAndAPrivateChatAsync(40, 12);

    private static async Task FollowThreeRoomsAndAPrivateChatAsync(int width, int height)
    {
        await using var server = await TestServer.StartAsync();
        using var pane = await OpenAsync(server, "alice", width, height);
        await pane.EnterAsync("/join dev", " 2:#dev");
        await pane.EnterAsync("/join ops", " 3:#ops");
        var bob = await server.LoginAsync("bob");
        await bob.SendAsync("/join dev");
        await bob.SendAsync("/join ops");
        await bob.SendAsync("/msg #lobby in lobby");
        await bob.SendAsync("/msg #dev in dev");
        await bob.SendAsync("/msg #ops in ops");
        await bob.SendAsync("/msg alice psst");
        await pane.WaitAsync(rows => rows[^2].Contains(" 3:#ops", StringComparison.Ordinal) && rows.Any(r => r.Contains("<bob> in ops", StringComparison.Ordinal)));

        foreach (var (key, window, line) in new[] { ("M-1", " 1:#lobby", "<bob> in lobby"), ("M-2", " 2:#dev", "<bob> in dev"), ("M-4", " 4:bob", "psst") })
        {
            pane.Press(key);
            var rows = await pane.WaitAsync(rows => rows[^2].StartsWith(window, StringComparison.Ordinal) && rows.Any(r => r.Contains(line, StringComparison.Ordinal)));
            Assert.True(rows.Count(r => r.StartsWith('[')) == 1 && rows[^1].StartsWith('['), string.Join("\n", rows));   // one input line, at the bottom
            Assert.All(rows, r => Assert.True(r.Length <= width, $"row wider than {width}: {r}"));
        }
        pane.Enter("/r back to you");
        Assert.Equal("[pm] <alice> back to you", await bob.ExpectAsync(l => l.StartsWith("[pm]", StringComparison.Ordinal)));
    }

    [FactNeeding("tmux")]
    public async Task No_bell_keeps_the_marks_and_counts_but_rings_nothing()
    {
        await using var server = await TestServer.StartAsync();
        using var pane = new TmuxPane(100, 12, Connect(server, "quiet") + " --no-bell");
        await pane.WaitForAsync("#lobby: quiet");
        var bob = await server.LoginAsync("bob");
        await bob.SendAsync("/msg quiet psst");
        await bob.SendAsync("quiet: and here");
        await pane.WaitAsync(rows => rows[^2].Contains("2:bob(1,@1)", StringComparison.Ordinal) && rows.Contains("! hh:mm:ss <bob> quiet: and here"));
        Assert.DoesNotContain("\a", pane.Raw, StringComparison.Ordinal);
    }

    [FactNeeding("tmux")]
    public async Task Help_shows_the_keys_and_the_commands_worth_typing_and_PgUp_pages_back()
    {
        await using var server = await TestServer.StartAsync();
        using var pane = await OpenAsync(server, "reader", 100, 12);
        pane.Enter("/help");
        var rows = await pane.WaitForAsync("Ctrl+C quits");
        Assert.Contains(rows, r => r.Contains("Alt+1..9", StringComparison.Ordinal));
        Assert.DoesNotContain(rows, r => r.Contains("/json", StringComparison.Ordinal) || r.Contains("/timestamps", StringComparison.Ordinal));

        var talker = await server.LoginAsync("talker");
        for (var i = 1; i <= 30; i++)
        {
            await talker.SendAsync($"line {i}");
        }
        await pane.WaitForAsync("<talker> line 30");
        pane.Press("PPage");
        rows = await pane.WaitAsync(rows => rows[^2].Contains("(more below: PgDn)", StringComparison.Ordinal));
        Assert.Contains(rows, r => r.EndsWith("<talker> line 21", StringComparison.Ordinal));      // the page before, sharing one line
        Assert.DoesNotContain(rows, r => r.EndsWith("<talker> line 30", StringComparison.Ordinal));
        pane.Press("NPage");
        await pane.WaitAsync(rows => !rows[^2].Contains("more below", StringComparison.Ordinal) && rows.Any(r => r.EndsWith("<talker> line 30", StringComparison.Ordinal)));
    }

    [FactNeeding("tmux")]
    public async Task A_reconnect_takes_back_the_current_nick_and_keeps_the_windows()
    {
        TmuxPane pane;
        int port;
        await using (var first = await TestServer.StartAsync())
        {
            port = first.Port;
            pane = await OpenAsync(first, "launch", 100, 16);
            await pane.EnterAsync("/join dev", " 2:#dev  launch");
            await pane.EnterAsync("/nick zoey", " 2:#dev  zoey");
            await pane.PressAsync("M-1", " 1:#lobby  zoey");
        }
        using (pane)
        {
            await pane.WaitForAsync("reconnecting in 1 s");
            await using var second = await TestServer.StartAsync($"Chat:Port={port}");
            var rows = await pane.WaitForAsync("reconnected as zoey; rejoined #dev.");
            Assert.StartsWith(" 1:#lobby  zoey", rows[^2], StringComparison.Ordinal);      // the same window shown
            var watcher = await second.LoginAsync("watcher");
            await watcher.SendAsync("/join dev");
            await pane.PressAsync("M-2", "-> watcher joined");
            pane.Enter("still here");
            Assert.Equal("#dev <zoey> still here", await watcher.ExpectAsync(l => l.Contains("<zoey>", StringComparison.Ordinal)));
        }
    }

    [FactNeeding("tmux")]
    public async Task An_invalid_typed_nick_is_asked_again_a_password_is_not_echoed_and_quitting_says_goodbye()
    {
        await using var server = await TestServer.StartAsync();
        using var pane = new TmuxPane(100, 12, $"--host 127.0.0.1 --port {server.Port}");
        await pane.WaitForAsync("nick:");
        pane.Enter("9lives");
        var rows = await pane.WaitAsync(rows => rows.Count(r => r.StartsWith("nick:", StringComparison.Ordinal)) == 2);   // it used to quit with exit 4
        Assert.Contains("choose another", string.Concat(rows), StringComparison.Ordinal);
        await pane.EnterAsync("cat", "You are cat.");
        var watcher = await server.LoginAsync("watcher");
        await pane.EnterAsync("/identify", "password:");             // a password: asked with no echo, kept in no history
        pane.Type("hunter2");
        rows = await pane.WaitForAsync("password: *******");
        Assert.DoesNotContain(rows, r => r.Contains("hunter2", StringComparison.Ordinal));
        await pane.PressAsync("Enter", "no account 'cat'");     // the server's answer: the password was sent, never shown
        await pane.PressAsync("Up", "[#lobby] /identify");
        pane.Press("C-c");
        rows = await pane.WaitForAsync("[exit 0]");
        Assert.Contains($"actorchat: you left 127.0.0.1:{server.Port} as cat. Bye.", rows);
        await watcher.ExpectAsync("#lobby <- cat left (quit)");          // the /quit went out before the client ended
    }

    [FactNeeding("tmux")]
    public async Task Ctrl_C_in_lossy_mode_prints_the_loss_summary()
    {
        await using var server = await TestServer.StartAsync();
        using var pane = new TmuxPane(100, 10, $"--host 127.0.0.1 --port {server.Port} --udp-port {server.Udp!.Port} --udp lobby");
        await pane.WaitForAsync("listening to #lobby over UDP");
        var talker = await server.LoginAsync("talker");
        await pane.WaitForAsync("#lobby -> talker joined");
        pane.Press("C-c");
        var rows = await pane.WaitForAsync("[exit 0]");
        Assert.Contains(rows, r => r.EndsWith("* 1 datagram received, 0 lost (0.0%)", StringComparison.Ordinal));
    }
}

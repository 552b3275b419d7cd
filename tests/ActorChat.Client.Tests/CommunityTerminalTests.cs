using ActorChat.Client.Tests.Support;
using ActorChat.Server.Tests.Support;

namespace ActorChat.Client.Tests;

/// <summary>
/// The real client in tmux against a real server, for what the community features brought: the
/// topic on the status line, kicks, older history paged in from the store, the member list.
/// </summary>
public class CommunityTerminalTests
{
    private static async Task<TmuxPane> OpenAsync(TestServer server, string nick, int width, int height)
    {
        var pane = new TmuxPane(width, height, $"--host 127.0.0.1 --port {server.Port} --nick {nick}");
        await pane.WaitAsync(rows => rows.Any(r => r.Contains($"You are {nick}.", StringComparison.Ordinal)) && rows[^2].Contains("lag N ms", StringComparison.Ordinal));
        return pane;
    }

    [FactNeeding("tmux")]
    public async Task The_topic_shows_on_the_status_line_from_the_join_and_every_change_cut_to_the_width_and_kicks_are_shown()
    {
        await using var server = await TestServer.StartAsync();
        var bob = await server.LoginAsync("bob");
        await bob.SendAsync("/join dev");
        await bob.SendAsync("/topic Release on Friday");
        await bob.ExpectAsync("#dev ~ bob set the topic: Release on Friday");
        using var pane = await OpenAsync(server, "alice", 100, 16);

        var rows = await pane.EnterAsync("/join dev", " 2:#dev: Release on Friday  alice");        // from the join's reply
        Assert.Contains("hh:mm:ss * #dev topic: Release on Friday (set by bob)", rows);
        await bob.SendAsync("/op alice");
        await pane.WaitForAsync("~ bob sets mode +o alice");
        rows = await pane.EnterAsync("/topic The release is on Friday after the review", "~ alice set the topic: The release is on Friday after the review");
        await pane.WaitAsync(rows => rows[^2].StartsWith(" 2:#dev: The release is on Friday after the review  alice", StringComparison.Ordinal));
        await bob.SendAsync("/topic -");
        await pane.WaitAsync(rows => rows[^2].StartsWith(" 2:#dev  alice", StringComparison.Ordinal) && rows.Any(r => r.EndsWith("~ bob cleared the topic", StringComparison.Ordinal)));
        await bob.SendAsync("/topic The release is on Friday after the review");

        pane.Resize(30, 8);                     // a third of the width at least, cut with an ellipsis
        rows = await pane.WaitAsync(rows => rows.Length == 8 && rows[^2].StartsWith(" 2:#dev: The relea…  alice", StringComparison.Ordinal));
        Assert.All(rows, r => Assert.True(r.Length <= 30, r));
        pane.Resize(20, 5);
        await pane.WaitAsync(rows => rows.Length == 5 && rows[^2] == " 2:#dev: The r…  ali");

        pane.Resize(100, 16);
        await pane.EnterAsync("/kick bob flood", "<- bob was kicked by alice (flood)");
        await bob.ExpectAsync("#dev <- bob was kicked by alice (flood)");

        var carol = await server.LoginAsync("carol");
        await carol.SendAsync("/join ops");                 // carol opened #ops: its operator
        await carol.ExpectAsync("#ops -> carol joined");
        await pane.EnterAsync("/join ops", " 3:#ops  alice");
        await carol.ExpectAsync("#ops -> alice joined");
        await carol.SendAsync("/kick alice bye");
        rows = await pane.WaitForAsync("#ops <- alice was kicked by carol (bye)");       // shown where alice is now, marked
        Assert.Contains("! hh:mm:ss #ops <- alice was kicked by carol (bye)", rows);
        Assert.DoesNotContain("#ops", rows[^2], StringComparison.Ordinal);             // its window closed
        Assert.Contains("\a", pane.Raw, StringComparison.Ordinal);
    }

    [FactNeeding("tmux")]
    public async Task PgUp_at_the_top_loads_older_history_from_the_store_above_the_lines_until_there_is_none()
    {
        using var data = new DataFolder();
        await using var server = await TestServer.StartAsync([.. data.Settings, "Chat:FloodLinesPerSecond=0", "Chat:HistoryLines=10", "Chat:HistoryOnJoin=5"]);
        var talker = await server.LoginAsync("talker");
        await talker.SendAsync("/join dev");
        for (var i = 1; i <= 60; i++)
        {
            await talker.SendAsync($"line {i}");
        }
        await talker.SendAsync("/ping said");
        await talker.ExpectAsync("* pong said");
        using var pane = await OpenAsync(server, "reader", 80, 24);
        var rows = await pane.EnterAsync("/join dev", "[history] <talker> line 60");
        Assert.Contains(rows, r => r.EndsWith("<talker> line 56", StringComparison.Ordinal));
        Assert.DoesNotContain(rows, r => r.EndsWith("<talker> line 55", StringComparison.Ordinal));

        pane.Press("PPage");                // the top already: the page before line 56, from the server, and the view goes up to it
        rows = await pane.WaitAsync(rows => rows.Any(r => r.EndsWith("<talker> line 55", StringComparison.Ordinal)));
        Assert.Contains(rows, r => r.EndsWith("-> reader joined", StringComparison.Ordinal));      // the line that was on top, now at the bottom
        Assert.Contains("(more below: PgDn)", rows[^2], StringComparison.Ordinal);
        Assert.DoesNotContain(rows, r => r.EndsWith("<talker> line 56", StringComparison.Ordinal));

        // Page by page to the top; the server may cut a page short (half the send queue), and then
        // PgUp at the top asks again. Every line is seen, in order, and the end is said on top.
        static IEnumerable<int> Said(string[] rows) =>
            rows.Select(r => r.Split("<talker> line ")).Where(p => p.Length == 2).Select(p => int.Parse(p[1], System.Globalization.CultureInfo.InvariantCulture));
        var seen = Said(rows).ToList();
        for (var presses = 0; !rows[0].StartsWith("-- no older history in #dev", StringComparison.Ordinal); presses++)
        {
            Assert.True(presses < 20, "PgUp never reached the start of #dev's history");
            var before = rows;
            pane.Press("PPage");
            rows = await pane.WaitAsync(rows => !rows.SequenceEqual(before) && !rows[^2].Contains("loading", StringComparison.Ordinal));
            seen.InsertRange(0, Said(rows));
        }
        Assert.Equal(Enumerable.Range(1, 55), seen.Distinct().Order());
        Assert.Equal(seen.Distinct(), seen.Distinct().Order());                      // older pages always above
        Assert.EndsWith("[history] <talker> line 1", rows[1], StringComparison.Ordinal);
        Assert.Contains(rows, r => r.EndsWith("<talker> line 21", StringComparison.Ordinal));       // a whole page at the top, not a short one
        pane.Press("PPage");                // nothing more to ask for: the view stays, the line is not said again
        pane.Type("x");
        await pane.WaitAsync(rows => rows[^1] == "[#dev] x");       // keys are handled in order: the PgUp was
        Assert.Single(pane.Rows(), r => r.Contains("no older history", StringComparison.Ordinal));
        Assert.StartsWith("-- no older history in #dev", pane.Rows()[0], StringComparison.Ordinal);

        pane.Press("C-u");
        pane.Enter("/ping after");
        for (var presses = 0; !rows.Any(r => r.EndsWith("* pong after", StringComparison.Ordinal)); presses++)
        {
            Assert.True(presses < 10, "PgDn never came back to the newest line");
            var before = pane.Rows();
            pane.Press("NPage");           // one at a time: keys that arrive together are read as one
            rows = await pane.WaitAsync(rows => !rows.SequenceEqual(before));
        }
        Assert.DoesNotContain("more below", rows[^2], StringComparison.Ordinal);
    }

    [FactNeeding("tmux")]
    public async Task A_registered_nick_asks_for_its_password_without_echo_and_a_whois_and_a_wall_notice_read_as_the_server_words_them()
    {
        await using var server = await TestServer.StartAsync("Chat:Operators=root");
        await server.RegisterAndLeaveAsync("alice", "secret-pw");
        using var pane = new TmuxPane(120, 16, $"--host 127.0.0.1 --port {server.Port} --nick alice");
        await pane.WaitForAsync("alice is registered; password (not shown");
        pane.Enter("secret-pw");
        var rows = await pane.WaitForAsync("* You are alice.");
        Assert.Contains(rows, r => r.EndsWith("* you are identified as alice", StringComparison.Ordinal));
        Assert.DoesNotContain(rows, r => r.Contains("secret-pw", StringComparison.Ordinal));

        await pane.EnterAsync("/whois alice", "* whois alice: identified as alice; rooms: #lobby; idle ");
        var root = await server.LoginRegisteredAsync("root");
        await root.SendAsync("/wall restart at noon");
        rows = await pane.WaitForAsync("[wall] <root> restart at noon");
        Assert.Contains("! hh:mm:ss [wall] <root> restart at noon", rows);        // everyone's attention
        await pane.EnterAsync("/bans", "! you are not a server operator");
        await root.SendAsync("/ban 10.9.8.0/24 1h flood");
        await root.ExpectAsync(l => l.StartsWith("* banned 10.9.8.0/24", StringComparison.Ordinal));
        await pane.EnterAsync("/away at lunch", "* you are away: at lunch");
        await root.SendAsync("/msg alice ping?");
        await root.ExpectAsync("* alice is away: at lunch");
    }

    [FactNeeding("tmux")]
    public async Task F2_shows_the_member_list_with_operators_at_80_by_24_and_20_by_5_and_typing_goes_on()
    {
        await using var server = await TestServer.StartAsync();
        using var pane = await OpenAsync(server, "alice", 80, 24);
        await pane.EnterAsync("/join dev", " 2:#dev  alice");
        foreach (var nick in new[] { "bob", "carol" })
        {
            var member = await server.LoginAsync(nick);
            await member.SendAsync("/join dev");
            await pane.WaitForAsync($"-> {nick} joined");
        }

        pane.Press("F2");
        var rows = await pane.WaitAsync(rows => rows[0] == "#dev: 3 users, 1 operator  (F2 closes)");
        Assert.Equal(["@alice", "bob", "carol"], rows[1..4]);                 // down the first column, operators first
        Assert.All(rows[4..^2], r => Assert.Equal("", r));
        pane.Type("typing");
        rows = await pane.WaitAsync(rows => rows[^1] == "[#dev] typing");
        Assert.Equal("#dev: 3 users, 1 operator  (F2 closes)", rows[0]);

        pane.Resize(20, 5);
        rows = await pane.WaitAsync(rows => rows.Length == 5 && rows[0] == "#dev: 3 users, 1 ope");
        Assert.Equal(["#dev: 3 users, 1 ope", "@alice  carol", "bob"], rows[..3]);
        Assert.StartsWith(" 2:#dev  alice", rows[3], StringComparison.Ordinal);
        Assert.Equal("[#dev] typing", rows[4]);
        var dave = await server.LoginAsync("dave");
        await dave.SendAsync("/join dev");
        await pane.WaitAsync(rows => rows[0] == "#dev: 4 users, 1 ope");

        pane.Resize(80, 24);
        await pane.WaitAsync(rows => rows[0] == "#dev: 4 users, 1 operator  (F2 closes)" && rows[4] == "dave");
        pane.Press("F2");
        await pane.WaitAsync(rows => rows.Any(r => r.EndsWith("-> dave joined", StringComparison.Ordinal)));
        pane.Press("C-u");
        await pane.EnterAsync("/names", "#dev: 4 users, 1 operator");         // /names shows it too
    }
}

using ActorChat.Client.Protocol;
using ActorChat.Client.Sessions;
using ActorChat.Client.Terminal;

namespace ActorChat.Client.Tests;

/// <summary>Older history put above a window, the member list and the status line's topic: pure, no terminal.</summary>
public class ScrollbackAndMembersTests
{
    private static ServerEvent Said(string room, string nick, string text, long id, bool history = true) =>
        ServerEvent.Parse($$"""{"type":"message","room":"{{room}}","nick":"{{nick}}","text":"{{text}}","id":{{id}},"ts":"2026-11-21T12:00:00.000Z"{{(history ? ""","history":true""" : "")}}}""");

    private static ChatWindow WindowWith(int first, int last)
    {
        var window = new ChatWindow("#dev");
        for (var id = first; id <= last; id++)
        {
            window.Add($"line {id}", shown: true, mention: false, id);
        }
        return window;
    }

    [Fact]
    public void Older_lines_go_above_and_what_is_on_screen_stays_put()
    {
        var window = WindowWith(21, 40);
        Frame.Compose(20, 7, window, "status", "> ", 2);                 // 5 rows of lines: 36..40
        Assert.True(window.PageUp());
        var before = Frame.Compose(20, 7, window, "status", "> ", 2).Rows.Take(5).ToList();
        Assert.Equal(21, window.OldestId);

        Assert.Equal(20, window.Prepend([.. Enumerable.Range(1, 20).Select(id => ($"line {id}", (long)id))]));
        Assert.Equal(before, Frame.Compose(20, 7, window, "status", "> ", 2).Rows.Take(5).ToList());
        Assert.Equal(1, window.OldestId);
        Assert.Equal(0, window.Prepend([("line 20 again", 20L)]));        // a line it has already is left out
    }

    [Fact]
    public void Paging_up_to_the_very_top_shows_a_full_page_and_the_end_of_history_is_said_once()
    {
        var window = WindowWith(1, 12);
        Frame.Compose(20, 7, window, "status", "> ", 2);
        window.PageUp();
        Frame.Compose(20, 7, window, "status", "> ", 2);
        window.PageUp();
        Assert.Equal(["line 1", "line 2", "line 3", "line 4", "line 5"], Frame.Compose(20, 7, window, "status", "> ", 2).Rows.Take(5));
        Assert.False(window.PageUp());                                      // the top: time to ask the server

        window.EndOfHistory("-- no older history in #dev");
        window.EndOfHistory("-- no older history in #dev");
        Assert.True(window.HistoryComplete);
        Assert.Single(window.Lines, l => l.Contains("no older", StringComparison.Ordinal));
    }

    [Fact]
    public void An_older_page_is_asked_after_the_oldest_message_and_taken_until_its_pong()
    {
        var window = WindowWith(51, 60);
        var history = new OlderHistory();
        Assert.Equal(["/history #dev 100 before 51", "/ping older-dev"], history.Ask(window));
        Assert.Empty(history.Ask(window));                                  // one page at a time
        Assert.True(history.IsLoading(window));

        Assert.False(history.Take(Said("dev", "bob", "live", 61, history: false), out _));     // said now: shown as usual
        Assert.False(history.Take(Said("ops", "bob", "other room", 5), out _));
        Assert.True(history.Take(Said("dev", "bob", "older", 49), out _));
        Assert.True(history.Take(Said("dev", "bob", "older", 50), out _));
        Assert.True(history.Take(ServerEvent.Parse("""{"type":"info","text":"older: /history #dev 100 before 49"}"""), out _));
        Assert.True(history.Take(ServerEvent.Parse("""{"type":"pong","token":"older-dev"}"""), out var page));
        Assert.Equal(("dev", false), (page!.Room, page.NoneOlder));
        Assert.Equal([49L, 50L], page.Lines.Select(l => l.Id));
        Assert.False(history.IsLoading(window));

        history.Ask(window);
        Assert.True(history.Take(ServerEvent.Parse("""{"type":"info","text":"no messages in #dev before 51"}"""), out _));
        history.Take(ServerEvent.Parse("""{"type":"pong","token":"older-dev"}"""), out page);
        Assert.True(page!.NoneOlder);
    }

    [Fact]
    public void A_window_whose_history_is_complete_asks_nothing_more()
    {
        var window = WindowWith(1, 3);
        window.EndOfHistory("-- no older history in #dev");
        Assert.Empty(new OlderHistory().Ask(window));
        Assert.Empty(new OlderHistory().Ask(new ChatWindow("bob")));        // a private window has no server history
    }

    private static RoomMembers Members(int count, params string[] ops)
    {
        var members = new RoomMembers();
        var nicks = string.Join(',', Enumerable.Range(1, count).Select(i => $"\"user{i:000}\""));
        var opList = string.Join(',', ops.Select(o => $"\"{o}\""));
        members.Track(ServerEvent.Parse($$"""{"type":"who","room":"dev","nicks":[{{nicks}}],"ops":[{{opList}}]}"""), "user001");
        return members;
    }

    [Fact]
    public void The_member_list_puts_operators_first_and_follows_mode_changes_kicks_and_nicks()
    {
        var members = Members(3, "user003");
        Assert.Equal([("user003", true), ("user001", false), ("user002", false)], members.List("dev"));
        var version = members.VersionOf("dev");
        members.Track(ServerEvent.Parse("""{"type":"mode","room":"dev","nick":"user003","mode":"+o","target":"user002","ts":"2026-11-21T12:00:08.000Z"}"""), "user001");
        members.Track(ServerEvent.Parse("""{"type":"nick","room":"dev","nick":"zed","old":"user003","ts":"2026-11-21T12:00:08.000Z"}"""), "user001");
        members.Track(ServerEvent.Parse("""{"type":"kick","room":"dev","nick":"user002","by":"zed","reason":"","ts":"2026-11-21T12:00:08.000Z"}"""), "user001");
        Assert.Equal([("zed", true), ("user001", false)], members.List("dev"));
        Assert.NotEqual(version, members.VersionOf("dev"));
        members.Track(ServerEvent.Parse("""{"type":"kick","room":"dev","nick":"user001","by":"zed","reason":"","ts":"2026-11-21T12:00:08.000Z"}"""), "user001");
        Assert.Empty(members.List("dev"));                                  // kicked out: the room is no longer followed
    }

    [Fact]
    public void The_member_list_fills_columns_and_pages_at_80_by_24_and_at_20_by_5()
    {
        var panel = new MemberPanel(Members(50, "user010"));
        var window = new ChatWindow("#dev");
        var rows = panel.Rows(window, 80, 22);
        Assert.Equal(22, rows.Count);
        Assert.Equal("#dev: 50 users, 1 operator  (F2 closes)", rows[0]);
        Assert.Equal("@user010  user022   user043", rows[1]);      // column by column, operators first
        Assert.All(rows, r => Assert.True(TextCells.WidthOf(r) <= 80, r));

        rows = panel.Rows(window, 20, 3);
        Assert.Equal(["#dev: 50 users, 1 op", "@user010  user002", "user001   user003"], rows);
        Assert.All(rows, r => Assert.True(TextCells.WidthOf(r) <= 20, r));
        panel.PageDown();
        Assert.Equal("user004   user006", panel.Rows(window, 20, 3)[1]);
        Assert.Same(panel.Rows(window, 20, 3), panel.Rows(window, 20, 3));     // laid out once, not per keystroke
    }

    [Theory]
    [InlineData("Release on Friday", 20, "Release on Friday")]
    [InlineData("Release on Friday", 10, "Release o…")]
    [InlineData("日本語のトピック", 7, "日本語…")]
    [InlineData("abc", 1, "…")]
    [InlineData("abc", 0, "")]
    public void A_topic_is_cut_with_an_ellipsis_by_display_width(string topic, int width, string shown)
    {
        Assert.Equal(shown, TextCells.Ellipsize(topic, width));
        Assert.True(TextCells.WidthOf(TextCells.Ellipsize(topic, width)) <= width);
    }
}

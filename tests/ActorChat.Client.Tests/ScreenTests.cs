using ActorChat.Client.Protocol;
using ActorChat.Client.Terminal;

namespace ActorChat.Client.Tests;

/// <summary>Display widths, wrapping and the composed screen: pure, no terminal.</summary>
public class ScreenTests
{
    [Theory]
    [InlineData("abc", 3)]
    [InlineData("ab日本語", 8)]                                           // East Asian wide
    [InlineData("😀", 2)]
    [InlineData("\U0001F468\u200D\U0001F469\u200D\U0001F467", 2)]     // a ZWJ family is one emoji
    [InlineData("e\u0301", 1)]                                          // combining mark: no column of its own
    [InlineData("\u2764\uFE0F", 2)]                                     // emoji presentation
    [InlineData("\u001b[31mred\u001b[0m", 3)]                           // colours take no room
    public void Width_is_counted_in_terminal_columns(string text, int columns)
    {
        Assert.Equal(columns, TextCells.WidthOf(text));
    }

    [Fact]
    public void Wrapping_never_splits_a_wide_character_and_carries_the_colour_over()
    {
        Assert.Equal(["ab", "日", "本", "語"], TextCells.Wrap("ab日本語", 3));
        Assert.Equal(["\u001b[31mab\u001b[0m", "\u001b[31mcd\u001b[0m"], TextCells.Wrap("\u001b[31mabcd\u001b[0m", 2));
    }

    [Fact]
    public void The_cursor_is_placed_by_display_width()
    {
        var frame = Frame.Compose(80, 5, new ChatWindow("#lobby"), "status", "> ab日本語", "> ab日".Length);
        Assert.Equal((4, 6), (frame.CursorRow, frame.CursorColumn));    // after "> ab日": 2 + 2 + 2 columns
    }

    [Fact]
    public void At_20_by_5_a_long_input_wraps_and_every_row_fits()
    {
        var window = new ChatWindow("#lobby");
        window.Add("12:00:00 * You are typer. Joined #lobby (1 user).", shown: true, mention: false);
        var input = "[#lobby] 0123456789abcdefghijklmnopqrstuvwxyz";
        var frame = Frame.Compose(20, 5, window, " 1:#lobby  typer  lag 1 ms", input, input.Length);
        Assert.Equal(
            ["(1 user).", "\u001b[7m 1:#lobby  typer  la\u001b[0m", "[#lobby] 0123456789a", "bcdefghijklmnopqrstu", "vwxyz"],
            frame.Rows);
        Assert.Equal((4, 5), (frame.CursorRow, frame.CursorColumn));
        Assert.All(frame.Rows, r => Assert.True(TextCells.WidthOf(r) <= 20, r));
    }

    [Fact]
    public void Input_longer_than_the_screen_shows_the_rows_around_the_cursor()
    {
        var input = new string('x', 100);
        var frame = Frame.Compose(10, 4, new ChatWindow("#lobby"), "", input, 5);
        Assert.Equal(4, frame.Rows.Count);
        Assert.Equal((2, 5), (frame.CursorRow, frame.CursorColumn));    // one message row, status, then input rows 0 and 1
    }

    [Fact]
    public void Paging_back_keeps_its_place_while_lines_arrive_and_paging_forward_returns_to_the_newest()
    {
        var window = new ChatWindow("#dev");
        for (var i = 1; i <= 20; i++)
        {
            window.Add($"line {i}", shown: true, mention: false);
        }
        string Top() => Frame.Compose(20, 6, window, "", "> ", 2).Rows[0];
        Assert.Equal("line 17", Top());
        window.PageUp();
        Assert.Equal("line 14", Top());
        window.Add("line 21", shown: true, mention: false);
        Assert.Equal("line 14", Top());
        window.PageDown();
        Assert.Equal("line 17", Top());
        window.PageDown();
        Assert.Null(window.ScrollEnd);
        Assert.Equal("line 18", Top());
    }

    [Fact]
    public void Events_go_to_their_room_or_person_and_mentions_and_private_messages_call_for_attention()
    {
        var windows = new ChatWindows();
        var message = ServerEvent.Parse("""{"type":"message","room":"dev","nick":"bob","text":"alice: look","id":1}""");
        var (dev, mention) = windows.Place(message, "alice");
        Assert.Equal(("#dev", true), (dev.Name, mention));
        Assert.False(windows.Place(message with { Text = "malice aforethought" }, "alice").Attention);
        var (query, pm) = windows.Place(ServerEvent.Parse("""{"type":"pm","from":"bob","to":"alice","text":"psst"}"""), "alice");
        Assert.Equal(("bob", true), (query.Name, pm));
        Assert.Equal(query, windows.Place(ServerEvent.Parse("""{"type":"pm","from":"alice","to":"bob","text":"hi"}"""), "alice").Window);
        Assert.Equal(windows.Current, windows.Place(ServerEvent.Parse("""{"type":"error","text":"oops"}"""), "alice").Window);
        Assert.Equal(["#lobby", "#dev", "bob"], windows.All.Select(w => w.Name));
    }

    [Fact]
    public void Unread_and_mentions_count_until_the_window_is_shown()
    {
        var windows = new ChatWindows();
        var dev = windows.Open("#dev");
        dev.Add("a", shown: false, mention: false);
        dev.Add("b", shown: false, mention: true);
        Assert.Equal((2, 1), (dev.Unread, dev.Mentions));
        windows.Select(windows.Next(+1));
        Assert.Equal((dev, 0, 0), (windows.Current, dev.Unread, dev.Mentions));
    }
}

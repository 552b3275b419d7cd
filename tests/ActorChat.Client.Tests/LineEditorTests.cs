using ActorChat.Client.Terminal;

namespace ActorChat.Client.Tests;

public class LineEditorTests
{
    private static LineEditor Typed(string text)
    {
        var editor = new LineEditor();
        foreach (var c in text)
        {
            editor.Insert(c);
        }
        return editor;
    }

    [Fact]
    public void Edits_at_the_cursor()
    {
        var editor = Typed("helo");
        editor.Left();
        editor.Insert('l');
        Assert.Equal(("hello", 4), (editor.Text, editor.Cursor));
        editor.Home();
        editor.Delete();
        editor.End();
        editor.Backspace();
        Assert.Equal(("ell", 3), (editor.Text, editor.Cursor));
        editor.Right();
        Assert.Equal(3, editor.Cursor);
        editor.Home();
        editor.Left();
        editor.Backspace();
        Assert.Equal(("ell", 0), (editor.Text, editor.Cursor));
    }

    [Fact]
    public void Submit_returns_the_line_and_history_recalls_it_keeping_the_draft()
    {
        var editor = Typed("first");
        Assert.Equal("first", editor.Submit());
        Assert.Equal("", editor.Text);
        foreach (var c in "second")
        {
            editor.Insert(c);
        }
        editor.Submit();
        foreach (var c in "draft")
        {
            editor.Insert(c);
        }
        editor.HistoryUp();
        Assert.Equal("second", editor.Text);
        editor.HistoryUp();
        editor.HistoryUp();
        Assert.Equal("first", editor.Text);
        editor.HistoryDown();
        editor.HistoryDown();
        Assert.Equal(("draft", 5), (editor.Text, editor.Cursor));
    }

    [Fact]
    public void Tab_completes_a_nick_at_the_start_with_a_colon_and_in_the_middle_with_a_space()
    {
        var nicks = new[] { "alice", "bob", "bobby" };
        var editor = Typed("al");
        Assert.Equal(["alice"], editor.Complete(nicks, []));
        Assert.Equal("alice: ", editor.Text);
        editor = Typed("hi ali");
        editor.Complete(nicks, []);
        Assert.Equal("hi alice ", editor.Text);
    }

    [Fact]
    public void Tab_with_several_matches_completes_their_common_prefix_and_lists_them()
    {
        var editor = Typed("hey b");
        Assert.Equal(["bob", "bobby"], editor.Complete(["alice", "bob", "bobby"], []));
        Assert.Equal("hey bob", editor.Text);
    }

    [Fact]
    public void Tab_completes_commands_at_the_start_of_the_line()
    {
        var editor = Typed("/j");
        Assert.Equal(["/join", "/json"], editor.Complete(["jonas"], ["/join", "/json", "/me"]));
        Assert.Equal("/j", editor.Text);         // two commands match: nothing more in common
        editor.Insert('o');
        editor.Complete(["jonas"], ["/join", "/json", "/me"]);
        Assert.Equal("/join ", editor.Text);
    }
}

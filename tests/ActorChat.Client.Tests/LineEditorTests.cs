using ActorChat.Client.Terminal;

namespace ActorChat.Client.Tests;

public class LineEditorTests
{
    private const string Family = "\U0001F468\u200D\U0001F469\u200D\U0001F467";    // man ZWJ woman ZWJ girl: one cluster

    /// <summary>Typed as a terminal delivers it: one UTF-16 unit per key, surrogate halves apart.</summary>
    private static LineEditor Typed(string text, LineEditor? editor = null)
    {
        editor ??= new LineEditor(new InputHistory());
        var keys = new KeyBindings(editor);
        foreach (var c in text)
        {
            keys.Handle(new ConsoleKeyInfo(c, 0, false, false, false));
        }
        return editor;
    }

    private static void Press(LineEditor editor, ConsoleKey key, bool control = false, bool alt = false) =>
        new KeyBindings(editor).Handle(new ConsoleKeyInfo('\0', key, false, alt, control));

    [Fact]
    public void Edits_at_the_cursor()
    {
        var editor = Typed("helo");
        editor.Left();
        editor.Insert("l");
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
    public void An_emoji_typed_as_two_halves_is_moved_over_and_deleted_whole()
    {
        var editor = Typed("x😀y");
        editor.Left();
        editor.Left();
        editor.Backspace();                       // was "x\uDE00y" (half an emoji) when editing counted UTF-16 units
        Assert.Equal(("😀y", 0), (editor.Text, editor.Cursor));
        editor.End();
        editor.Left();
        editor.Backspace();
        Assert.Equal("y", editor.Text);
    }

    [Theory]
    [InlineData("a" + Family + "b", "ab")]                        // ZWJ sequence
    [InlineData("ae\u0301b", "ab")]                                // e + combining acute
    [InlineData("a\U0001F1EB\U0001F1F7b", "ab")]                  // a flag: two regional indicators
    [InlineData("a\u2764\uFE0Fb", "ab")]                           // heart + emoji presentation selector
    [InlineData("a日b", "ab")]
    public void One_backspace_deletes_one_grapheme_cluster(string typed, string left)
    {
        var editor = Typed(typed);
        editor.Left();
        editor.Backspace();
        Assert.Equal(left, editor.Text);
        editor.Insert("Z");
        editor.Right();
        Assert.Equal((left.Insert(1, "Z"), 3), (editor.Text, editor.Cursor));
    }

    [Fact]
    public void Readline_keys_move_by_word_and_delete_before_after_and_the_word_before()
    {
        var editor = Typed("say hello world");
        Press(editor, ConsoleKey.B, alt: true);
        Assert.Equal(10, editor.Cursor);
        Press(editor, ConsoleKey.B, alt: true);
        Press(editor, ConsoleKey.F, alt: true);
        Assert.Equal(9, editor.Cursor);
        Press(editor, ConsoleKey.K, control: true);
        Assert.Equal("say hello", editor.Text);
        Press(editor, ConsoleKey.W, control: true);
        Assert.Equal(("say ", 4), (editor.Text, editor.Cursor));
        var keys = new KeyBindings(editor);                  // Esc then b is Alt+B (how .NET reads two Alt+B that come together)
        keys.Handle(new ConsoleKeyInfo('\u001b', ConsoleKey.Escape, false, false, false));
        keys.Handle(new ConsoleKeyInfo('b', ConsoleKey.B, false, false, false));
        Assert.Equal(("say ", 0), (editor.Text, editor.Cursor));
        Press(editor, ConsoleKey.E, control: true);
        Assert.Equal(4, editor.Cursor);
        Press(editor, ConsoleKey.A, control: true);
        Assert.Equal(0, editor.Cursor);
        Press(editor, ConsoleKey.E, control: true);
        Press(editor, ConsoleKey.U, control: true);
        Assert.Equal(("", 0), (editor.Text, editor.Cursor));
    }

    [Fact]
    public void Submit_returns_the_line_and_history_recalls_it_keeping_the_draft()
    {
        var editor = Typed("first");
        Assert.Equal("first", editor.Submit());
        Assert.Equal("", editor.Text);
        Typed("second", editor).Submit();
        Typed("draft", editor);
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
    public void Ctrl_R_finds_older_lines_containing_what_is_typed_and_Escape_goes_back()
    {
        var editor = new LineEditor(new InputHistory());
        foreach (var line in new[] { "/join dev", "hello dev", "/join ops", "bye" })
        {
            Typed(line, editor).Submit();
        }
        Typed("draft", editor);
        Press(editor, ConsoleKey.R, control: true);
        Typed("join", editor);
        Assert.Equal(("join", "/join ops"), (editor.Search, editor.Text));
        Press(editor, ConsoleKey.R, control: true);
        Assert.Equal("/join dev", editor.Text);
        Press(editor, ConsoleKey.Escape);
        Assert.Equal((null, "draft"), (editor.Search, editor.Text));
        Press(editor, ConsoleKey.R, control: true);
        Typed("hel", editor);
        var sent = new KeyBindings(editor).Handle(new ConsoleKeyInfo('\r', ConsoleKey.Enter, false, false, false));
        Assert.Equal((KeyAction.Submit, "hello dev"), (sent.Action, sent.Line));
    }

    [Fact]
    public void History_is_kept_across_runs_in_a_private_file_but_never_a_password()
    {
        var file = Path.Combine(Path.GetTempPath(), "actorchat-test-" + Guid.NewGuid().ToString("N"), "history");
        try
        {
            var first = new LineEditor(new InputHistory(file));
            Typed("/join dev", first).Submit();
            Typed("/identify secret", first).Submit();
            var second = new LineEditor(new InputHistory(file));
            second.HistoryUp();
            Assert.Equal("/join dev", second.Text);
            Assert.DoesNotContain("secret", File.ReadAllText(file), StringComparison.Ordinal);
            if (!OperatingSystem.IsWindows())
            {
                Assert.Equal(UnixFileMode.UserRead | UnixFileMode.UserWrite, File.GetUnixFileMode(file));
            }
        }
        finally
        {
            Directory.Delete(Path.GetDirectoryName(file)!, recursive: true);
        }
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
        editor.Insert("o");
        editor.Complete(["jonas"], ["/join", "/json", "/me"]);
        Assert.Equal("/join ", editor.Text);
    }
}

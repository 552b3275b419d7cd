using ActorChat.Core.Protocols.Line;

namespace ActorChat.Core.Tests.Protocols.Line;

public class SanitizerTests
{
    [Theory]
    [InlineData("\u001b[31mred\u001b[0m", "red")]
    [InlineData("\u001b[2J\u001b[Hcleared", "cleared")]
    [InlineData("a\u001b[?25lb", "ab")]
    [InlineData("\u001b]0;pwned\u0007title", "title")]
    [InlineData("\u001b]8;;http://x\u001b\\link\u001b]8;;\u001b\\", "link")]
    [InlineData("\u009b31mred", "red")]
    [InlineData("\u009d0;pwned\u0007ok", "ok")]
    [InlineData("unterminated \u001b]0;title", "unterminated ")]
    [InlineData("bell\u0007 and nul\0 and del\u007f", "bell and nul and del")]
    [InlineData("c1\u0085\u0090\u009f!", "c1!")]
    [InlineData("tab\tstays", "tab\tstays")]
    [InlineData("lone esc \u001bc", "lone esc c")]
    [InlineData("ünïcødé 你好 🎉", "ünïcødé 你好 🎉")]
    public void Removes_what_could_act_on_a_terminal(string input, string expected)
    {
        Assert.Equal(expected, Sanitizer.Clean(input));
    }

    [Fact]
    public void A_clean_text_is_returned_as_it_is_without_copying()
    {
        var text = "hello, world";
        Assert.Same(text, Sanitizer.Clean(text));
    }

    [Fact]
    public void No_control_character_survives_any_input()
    {
        var random = new Random(7);
        for (var i = 0; i < 2000; i++)
        {
            var chars = new char[random.Next(0, 40)];
            for (var j = 0; j < chars.Length; j++)
            {
                chars[j] = (char)random.Next(0, 0xA0);
            }
            Assert.DoesNotContain(Sanitizer.Clean(new string(chars)), Sanitizer.IsUnsafe);
        }
    }
}

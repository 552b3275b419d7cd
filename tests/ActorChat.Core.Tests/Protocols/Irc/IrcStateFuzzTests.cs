using ActorChat.Core.Protocols.Irc;

namespace ActorChat.Core.Tests.Protocols.Irc;

/// <summary>Seeded random CAP and AUTHENTICATE traffic: no exception, and every reply is one valid line.</summary>
public class IrcStateFuzzTests
{
    private static readonly string[] Words =
        ["CAP", "LS", "302", "301", "LIST", "REQ", "END", "ACK", "sasl", "-sasl", "server-time", "cap-notify", "-cap-notify",
         "batch", "x", ":", "*", "+", "PLAIN", "plain", "AUTHENTICATE", "AAAA", "=", "-", "ü", "\u0001", "draft/chathistory"];

    private static IrcMessage RandomMessage(Random random, string command)
    {
        var parameters = Enumerable.Range(0, random.Next(0, 5)).Select(_ => string.Concat(Enumerable.Range(0, random.Next(1, 4)).Select(_ => Words[random.Next(Words.Length)]))).ToArray();
        // Through the parser, as the server would see it: a hostile line becomes whatever it parses to.
        var line = command + " " + string.Join(' ', parameters.Select((p, i) => i == parameters.Length - 1 ? ":" + p : p.Replace(":", "", StringComparison.Ordinal)));
        return IrcMessage.Parse(line).Message ?? new IrcMessage(command);
    }

    [Fact]
    public void Cap_negotiation_never_throws_and_only_writes_valid_lines()
    {
        for (var seed = 0; seed < 2000; seed++)
        {
            var random = new Random(seed);
            var caps = new IrcCapNegotiation("irc.example", IrcCapabilities.All);
            for (var i = 0; i < 10; i++)
            {
                foreach (var reply in caps.Handle(RandomMessage(random, "CAP"), random.Next(2) == 0 ? "*" : "alice", random.Next(2) == 0))
                {
                    Assert.True(reply.ToBytes(out var error) is { Length: <= 512 }, $"seed {seed}: {error}");
                }
            }
            Assert.All(caps.Enabled, c => Assert.Contains(IrcCapabilities.All, o => o.Name == c));
        }
    }

    [Fact]
    public void Sasl_never_throws_and_only_writes_valid_lines()
    {
        for (var seed = 0; seed < 2000; seed++)
        {
            var random = new Random(seed);
            var sasl = new SaslPlainExchange();
            for (var i = 0; i < 10; i++)
            {
                var step = sasl.Receive(RandomMessage(random, "AUTHENTICATE"));
                Assert.True(step.Outcome == SaslOutcome.Credentials == step.Credentials is not null, $"seed {seed}");
                foreach (var reply in SaslPlainExchange.Replies(step.Outcome, "irc.example", "*"))
                {
                    Assert.True(reply.ToBytes(out var error) is { Length: <= 512 }, $"seed {seed}: {error}");
                }
            }
        }
    }

    [Fact]
    public void Stripping_formatting_never_throws_and_leaves_no_formatting_code()
    {
        char[] alphabet = ['\u0002', '\u0003', '\u0004', '\u000f', '\u0011', '\u0016', '\u001d', '\u001e', '\u001f', ',', '0', '1', '9', 'A', 'f', 'x', ' '];
        for (var seed = 0; seed < 2000; seed++)
        {
            var random = new Random(seed);
            var text = new string([.. Enumerable.Range(0, random.Next(0, 40)).Select(_ => alphabet[random.Next(alphabet.Length)])]);
            var plain = IrcText.StripFormatting(text);
            Assert.DoesNotContain(plain, c => c is '\u0002' or '\u0003' or '\u0004' or '\u000f' or '\u0011' or '\u0016' or '\u001d' or '\u001e' or '\u001f');
        }
    }
}

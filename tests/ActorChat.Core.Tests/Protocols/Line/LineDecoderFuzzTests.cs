using System.Buffers;
using ActorChat.Core.Chat;
using ActorChat.Core.Protocols.Line;

namespace ActorChat.Core.Tests.Protocols.Line;

/// <summary>Thousands of seeded random byte streams, each fed in random chunkings.</summary>
public class LineDecoderFuzzTests
{
    // Bytes that matter to the decoder come often, so the interesting paths are well covered.
    private static readonly byte[] Alphabet = [255, 253, 251, 250, 240, 246, 247, 248, 13, 10, 0, 8, 127, 27, (byte)'[', (byte)']', 7, 0x9B, 0xC2, 0xE4, 0xBD, 0xA0, (byte)'a', (byte)'b', (byte)' '];

    [Fact]
    public void Never_throws_never_emits_a_control_character_and_does_not_depend_on_how_reads_are_cut()
    {
        for (var seed = 0; seed < 3000; seed++)
        {
            var random = new Random(seed);
            var stream = new byte[random.Next(0, 600)];
            for (var i = 0; i < stream.Length; i++)
            {
                stream[i] = random.Next(4) == 0 ? (byte)random.Next(256) : Alphabet[random.Next(Alphabet.Length)];
            }

            var whole = Run(stream, [stream.Length]);
            var chunked = Run(stream, RandomCuts(random, stream.Length));
            var bytewise = Run(stream, [.. Enumerable.Repeat(1, stream.Length)]);

            Assert.Equal(whole, chunked);
            Assert.Equal(whole, bytewise);
            foreach (var (kind, text) in whole)
            {
                Assert.DoesNotContain(text, Sanitizer.IsUnsafe);
                Assert.True(kind != InputKind.Line || System.Text.Encoding.UTF8.GetByteCount(text) <= 64 * 3, $"seed {seed}: line longer than the limit allows");
            }
        }
    }

    private static List<int> RandomCuts(Random random, int length)
    {
        var cuts = new List<int>();
        for (var left = length; left > 0;)
        {
            var n = Math.Min(left, random.Next(1, 40));
            cuts.Add(n);
            left -= n;
        }
        return cuts;
    }

    private static List<(InputKind, string)> Run(byte[] stream, IEnumerable<int> chunkSizes)
    {
        var decoder = new LineDecoder(64);
        var events = new List<(InputKind, string)>();
        var offset = 0;
        foreach (var size in chunkSizes)
        {
            var input = new ReadOnlySequence<byte>(stream, offset, size);
            offset += size;
            while (decoder.TryDecode(ref input, out var e))
            {
                events.Add((e.Kind, e.Text + (e.Reply is null ? "" : Convert.ToHexString(e.Reply))));
            }
        }
        return events;
    }
}

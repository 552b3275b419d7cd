using System.Buffers;

namespace ActorChat.Core.Tests.Protocols;

internal delegate bool TryDecode<T>(ref ReadOnlySequence<byte> input, out T result);

/// <summary>Feeds a decoder its input one read (chunk) at a time and collects every event.</summary>
internal static class DecoderFeed
{
    public static List<T> Feed<T>(TryDecode<T> decode, params byte[][] chunks)
    {
        var events = new List<T>();
        foreach (var chunk in chunks)
        {
            var input = new ReadOnlySequence<byte>(chunk);
            while (decode(ref input, out var e))
            {
                events.Add(e);
            }
            Assert.True(input.IsEmpty);
        }
        return events;
    }
}

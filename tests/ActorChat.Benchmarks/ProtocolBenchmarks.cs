using System.Buffers;
using System.Text;
using ActorChat.Core.Chat.Events;
using ActorChat.Core.Protocols.Json;
using ActorChat.Core.Protocols.Line;
using BenchmarkDotNet.Attributes;

namespace ActorChat.Benchmarks;

/// <summary>The inbound hot path: bytes to sanitised lines.</summary>
[MemoryDiagnoser]
public class LineDecoderBenchmarks
{
    private const int Lines = 1000;
    private byte[] _input = [];

    [GlobalSetup]
    public void Setup() =>
        _input = Encoding.UTF8.GetBytes(string.Concat(Enumerable.Repeat("a chat line of sixty-four bytes, as the benchmarks send it....\r\n", Lines)));

    [Benchmark(OperationsPerInvoke = Lines)]
    public int DecodeLines()
    {
        var decoder = new LineDecoder(4096);
        var input = new ReadOnlySequence<byte>(_input);
        var n = 0;
        while (decoder.TryDecode(ref input, out _))
        {
            n++;
        }
        return n;
    }
}

[MemoryDiagnoser]
public class SanitizerBenchmarks
{
    private const string Clean = "a plain line of chat with nothing to remove from it at all, 64b";
    private const string Dirty = "\u001b[31mred\u001b[0m text with \u0007 a bell and \u001b]0;a title\u0007 in it";

    [Benchmark(Baseline = true)]
    public string CleanLine() => Sanitizer.Clean(Clean);

    [Benchmark]
    public string LineWithEscapes() => Sanitizer.Clean(Dirty);
}

/// <summary>Encoding an event: once per message, whatever the number of members.</summary>
[MemoryDiagnoser]
public class EncodingBenchmarks
{
    private const string Text = "a chat line of sixty-four bytes, as the benchmarks send it....";

    [Benchmark(Baseline = true)]
    public byte[] TextLine() => RoomEvent.Message("lobby", "alice", Text, 42).EncodeFor(TextFormat.Instance);

    [Benchmark]
    public byte[] JsonLine() => RoomEvent.Message("lobby", "alice", Text, 42).EncodeFor(JsonFormat.Instance);
}

using ActorChat.Core;
using ActorChat.Core.Storage;
using ActorChat.Store.Sqlite;
using BenchmarkDotNet.Attributes;
using BenchmarkDotNet.Engines;
using Microsoft.Extensions.Logging.Abstractions;

namespace ActorChat.Benchmarks;

/// <summary>Messages for the store benchmarks: 64-byte lines spread over rooms, as the load generator sends them.</summary>
internal static class StoredMessages
{
    public static StoredMessage[] Make(int count, int rooms)
    {
        var start = DateTime.UtcNow.AddDays(-1);
        return [.. Enumerable.Range(0, count).Select(n => new StoredMessage(
            $"room{n % rooms}", n / rooms + 1, "speaker" + (n % 50), null,
            "a chat line of sixty-four bytes, as the benchmarks send it....", false, start.AddMilliseconds(n)))];
    }

    public static ChatOptions Options(string directory) => new() { DataDirectory = directory };

    public static string TempDirectory() => Path.Combine(Path.GetTempPath(), "actorchat-bench-" + Guid.NewGuid().ToString("N"));
}

/// <summary>
/// The store alone (issue 10, target 100,000 messages/s written): messages posted one by one to the
/// store actor, as the broker posts them, until all are on disk and the file is closed.
/// </summary>
[SimpleJob(RunStrategy.Monitoring, launchCount: 1, warmupCount: 1, iterationCount: 5)]
[MemoryDiagnoser]
public class StoreWriteBenchmarks
{
    private const int Messages = 100_000;
    private StoredMessage[] _messages = [];
    private string _directory = "";
    private SqliteStore _store = null!;

    [GlobalSetup]
    public void Setup() => _messages = StoredMessages.Make(Messages, rooms: 100);

    [IterationSetup]
    public void OpenStore()
    {
        _directory = StoredMessages.TempDirectory();
        _store = SqliteStore.Open(StoredMessages.Options(_directory), NullLogger<SqliteStore>.Instance);
    }

    [Benchmark(OperationsPerInvoke = Messages)]
    public async Task WriteMessages()
    {
        foreach (var message in _messages)
        {
            await _store.SaveAsync(message);
        }
        await _store.DrainAsync();
    }

    [IterationCleanup]
    public void RemoveStore() => Directory.Delete(_directory, recursive: true);
}

/// <summary>
/// Start-up (issue 10, target under 2 s): open the store holding 1,000,000 messages in 100 rooms and
/// load every room with its last 100 messages and last id.
/// </summary>
[SimpleJob(RunStrategy.Monitoring, launchCount: 1, warmupCount: 1, iterationCount: 5)]
public class StoreStartupBenchmarks
{
    private const int Messages = 1_000_000;
    private string _directory = "";

    [GlobalSetup]
    public void Fill()
    {
        _directory = StoredMessages.TempDirectory();
        using var file = StoreFile.Open(StoredMessages.Options(_directory).DatabasePath!);
        using var writer = new BatchWriter(file.Connection);
        foreach (var batch in StoredMessages.Make(Messages, rooms: 100).Chunk(10_000))
        {
            writer.Write([], batch);
        }
    }

    [Benchmark]
    public async Task<int> OpenAndLoad()
    {
        var store = SqliteStore.Open(StoredMessages.Options(_directory), NullLogger<SqliteStore>.Instance);
        var rooms = store.Load(historyLines: 100);
        await store.DrainAsync();
        return rooms.Count;
    }

    [GlobalCleanup]
    public void Remove() => Directory.Delete(_directory, recursive: true);
}

using ActorChat.Server.Tests.Support;
using ActorChat.Store.Sqlite.Tests.Support;
using Xunit.Abstractions;

namespace ActorChat.Store.Sqlite.Tests;

/// <summary>A disk that fills up while the store runs: a real, small tmpfs filled to the last byte.</summary>
public sealed class DiskFullTests(ITestOutputHelper output)
{
    private static readonly TimeSpan Timeout = TimeSpan.FromSeconds(30);

    [Fact]
    public async Task A_full_disk_keeps_every_event_logs_once_a_minute_holds_senders_back_when_full_and_catches_up()
    {
        using var tmpfs = Tmpfs.TryMount(16 * 1024, output);
        if (tmpfs is null)
        {
            return;
        }
        using var dir = new StoreDirectory(tmpfs.Path);
        var logger = new ListLogger();
        var clock = new ManualClock();
        await using var store = dir.Open(logger: logger, time: clock);
        await StoreDirectory.SaveAsync(store, "dev", 1, 100);
        Assert.Equal(100, (await StoreDirectory.QueryAsync(store, "dev", 1)).Messages[0].Id);
        var filler = Path.Combine(tmpfs.Path, "filler");
        FillTheDisk(filler);

        await StoreDirectory.SaveAsync(store, "dev", 101, 3000);
        var failing = await logger.WaitForAsync("cannot write", Timeout);
        var answered = StoreDirectory.QueryAsync(store, "dev", 500);
        clock.Advance(TimeSpan.FromSeconds(59));
        await WaitUntilAsync(() => store.WriteFailures >= 3);   // retries within the minute log nothing...
        var withinTheMinute = logger.Lines.Count(l => l.Contains("cannot write", StringComparison.Ordinal));
        clock.Advance(TimeSpan.FromSeconds(1));
        await logger.WaitForAsync("cannot write", Timeout);  // ...and one more line once the minute is over
        var unsaved = store.Unsaved;
        // The mailbox fills, then a sender waits (backpressure): nothing is dropped.
        var id = 3000L;
        ValueTask posted;
        while ((posted = store.SaveAsync(StoreDirectory.Message("dev", ++id))).IsCompleted)
        {
            Assert.True(id - 100 <= SqliteStore.MailboxCapacity + SqliteStore.BatchSize, "the store's mailbox is bounded");
        }
        File.Delete(filler);
        var page = await answered.WaitAsync(Timeout);
        await posted.AsTask().WaitAsync(Timeout);

        output.WriteLine(failing);
        Assert.Contains("events kept unsaved", failing, StringComparison.Ordinal);
        Assert.Equal(1, withinTheMinute);
        Assert.True(unsaved > 0, "events were waiting while the disk was full");
        Assert.Equal(Enumerable.Range(2501, 500).Select(i => (long)i), page.Messages.Select(m => m.Id));
        Assert.Contains(logger.Lines, l => l.Contains("writes again", StringComparison.Ordinal));
        await store.DrainAsync();
        await using var reopened = dir.Open();
        Assert.Equal(id, Assert.Single(reopened.Load(10)).LastId);
        Assert.Equal(id, Sql.Scalar(dir.DatabasePath, "SELECT count(*) FROM messages"));
    }

    private static async Task WaitUntilAsync(Func<bool> condition)
    {
        using var deadline = new CancellationTokenSource(Timeout);
        while (!condition())
        {
            await Task.Delay(20, deadline.Token);
        }
    }

    private static void FillTheDisk(string path)
    {
        var chunk = new byte[16 * 1024];
        using var file = new FileStream(path, FileMode.Create, FileAccess.Write, FileShare.None, bufferSize: 0);
        try
        {
            while (true)
            {
                file.Write(chunk);
            }
        }
        catch (IOException)
        {
            // No space left: exactly what this test wants.
        }
        try
        {
            // The last few bytes too.
            while (true)
            {
                file.Write(chunk, 0, 512);
            }
        }
        catch (IOException)
        {
        }
    }
}

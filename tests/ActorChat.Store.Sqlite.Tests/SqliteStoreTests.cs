using System.Diagnostics;
using ActorChat.Core.Storage;
using ActorChat.Store.Sqlite.Tests.Support;
using Xunit.Abstractions;

namespace ActorChat.Store.Sqlite.Tests;

public sealed class SqliteStoreTests(ITestOutputHelper output) : IDisposable
{
    private readonly StoreDirectory _dir = new();

    public void Dispose() => _dir.Dispose();

    [Fact]
    public async Task Messages_come_back_after_a_restart_in_order_with_each_rooms_last_id()
    {
        await using (var store = _dir.Open())
        {
            await store.SaveRoomAsync(new StoredRoom("Dev", new DateTime(2026, 1, 1, 0, 0, 0, DateTimeKind.Utc), 0, []));
            await store.SaveRoomAsync(new StoredRoom("empty", new DateTime(2026, 1, 2, 0, 0, 0, DateTimeKind.Utc), 0, []));
            // Interleaved, many batches' worth: order within each room must survive batching.
            for (var id = 1; id <= 5000; id++)
            {
                await store.SaveAsync(StoreDirectory.Message("Dev", id, action: id % 10 == 0));
                await store.SaveAsync(StoreDirectory.Message("lobby", id));
            }
        }

        await using var reopened = _dir.Open();
        var rooms = reopened.Load(historyLines: 100).ToDictionary(r => r.Name);

        Assert.Equal(["Dev", "empty", "lobby"], rooms.Keys.Order(StringComparer.Ordinal));
        Assert.Equal(5000, rooms["Dev"].LastId);
        Assert.Equal(new DateTime(2026, 1, 1, 0, 0, 0, DateTimeKind.Utc), rooms["Dev"].Created);
        Assert.Equal(Enumerable.Range(4901, 100).Select(i => (long)i), rooms["Dev"].History.Select(m => m.Id));
        Assert.Equal(StoreDirectory.Message("Dev", 5000, action: true), rooms["Dev"].History[^1]);
        Assert.Equal(StoreDirectory.Message("lobby", 4999), rooms["lobby"].History[^2]);
        Assert.Equal((0, 0), (rooms["empty"].LastId, rooms["empty"].History.Count));
    }

    [Fact]
    public async Task A_query_sees_every_message_posted_before_it()
    {
        await using var store = _dir.Open();
        await StoreDirectory.SaveAsync(store, "dev", 1, 300);

        var page = await StoreDirectory.QueryAsync(store, "DEV", 500);

        Assert.Equal(Enumerable.Range(1, 300).Select(i => (long)i), page.Messages.Select(m => m.Id));
    }

    [Fact]
    public async Task An_answer_that_throws_leaves_the_store_working()
    {
        await using var store = _dir.Open();
        await store.QueryAsync(new HistoryQuery("dev", 10, null, 1), _ => throw new InvalidOperationException("the caller's bug"));
        await StoreDirectory.SaveAsync(store, "dev", 1, 5);

        Assert.Equal(5, (await StoreDirectory.QueryAsync(store, "dev", 10)).Messages.Count);
    }

    [Fact]
    public async Task Paging_before_an_id_walks_the_whole_history_once_and_ends_with_an_empty_page()
    {
        await using var store = _dir.Open();
        await StoreDirectory.SaveAsync(store, "dev", 1, 2345);

        var seen = new List<long>();
        long? before = null;
        while (true)
        {
            var page = await StoreDirectory.QueryAsync(store, "dev", 500, before);
            if (page.Messages.Count == 0)
            {
                break;
            }
            Assert.True(page.Messages.Count <= 500);
            seen.InsertRange(0, page.Messages.Select(m => m.Id));
            before = page.Messages[0].Id;
        }

        Assert.Equal(Enumerable.Range(1, 2345).Select(i => (long)i), seen);
        Assert.Empty((await StoreDirectory.QueryAsync(store, "nowhere", 10)).Messages);
    }

    [Fact]
    public async Task Ids_go_on_where_they_stopped_even_when_every_message_was_pruned()
    {
        await using (var store = _dir.Open(retentionDays: 1))
        {
            await StoreDirectory.SaveAsync(store, "dev", 1, 40, time: DateTime.UtcNow.AddDays(-3));
            await store.PruneNowAsync();
        }

        await using var reopened = _dir.Open();
        var dev = Assert.Single(reopened.Load(20));
        Assert.Equal((40, 0), (dev.LastId, dev.History.Count));
    }

    [Fact]
    public async Task Retention_prunes_by_age_and_by_cap_in_small_batches_and_keeps_the_newest()
    {
        var now = DateTime.UtcNow;
        await using var store = _dir.Open(retentionDays: 7, maxRows: 1000);
        await StoreDirectory.SaveAsync(store, "old", 1, 1200, time: now.AddDays(-8));       // all too old
        await StoreDirectory.SaveAsync(store, "old", 1201, 1210, time: now.AddDays(-1));
        await StoreDirectory.SaveAsync(store, "big", 1, 2600, time: now);                    // over the cap

        await store.PruneNowAsync();

        Assert.Equal(Enumerable.Range(1201, 10).Select(i => (long)i), (await StoreDirectory.QueryAsync(store, "old", 500)).Messages.Select(m => m.Id));
        var big = await StoreDirectory.QueryAsync(store, "big", 500, before: 1602);
        Assert.Equal(Enumerable.Range(1601, 1).Select(i => (long)i), big.Messages.Select(m => m.Id));
        Assert.True(Pruner.BatchRows < 1600, "the test must need more than one batch");
    }

    [Fact]
    [System.Runtime.Versioning.UnsupportedOSPlatform("windows")]
    public async Task A_new_database_is_created_with_private_permissions_and_the_current_schema()
    {
        await using (var store = _dir.Open())
        {
            await StoreDirectory.SaveAsync(store, "dev", 1, 1);
            await StoreDirectory.QueryAsync(store, "dev", 1);
            // SQLite gives its journal files the database's mode.
            Assert.Equal(UnixFileMode.UserRead | UnixFileMode.UserWrite, File.GetUnixFileMode(_dir.DatabasePath + "-wal"));
            Assert.Equal(UnixFileMode.UserRead | UnixFileMode.UserWrite, File.GetUnixFileMode(_dir.DatabasePath + "-shm"));
        }

        Assert.Equal(UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute, File.GetUnixFileMode(_dir.DataDirectory));
        Assert.Equal(UnixFileMode.UserRead | UnixFileMode.UserWrite, File.GetUnixFileMode(_dir.DatabasePath));
        Assert.Equal(Schema.Version, Sql.UserVersion(_dir.DatabasePath));
    }

    [Fact]
    public async Task An_empty_file_version_0_is_migrated_to_version_1_with_every_table()
    {
        Directory.CreateDirectory(_dir.DataDirectory);
        await File.WriteAllBytesAsync(_dir.DatabasePath, []);

        await using (var store = _dir.Open())
        {
            await StoreDirectory.SaveAsync(store, "dev", 1, 3);
        }

        Assert.Equal(1, Sql.UserVersion(_dir.DatabasePath));
        var tables = Sql.Strings(_dir.DatabasePath, "SELECT name FROM sqlite_schema WHERE type = 'table' ORDER BY name");
        Assert.Equal(["accounts", "messages", "room_bans", "room_operators", "rooms", "server_bans"], tables);
    }

    [Fact]
    public async Task Export_writes_a_rooms_history_as_the_json_history_objects()
    {
        await using (var store = _dir.Open())
        {
            await store.SaveAsync(new StoredMessage("Dev", 1, "alice", null, "hi \"all\" ☺", false, new DateTime(2026, 3, 4, 5, 6, 7, 891, DateTimeKind.Utc)));
            await store.SaveAsync(new StoredMessage("Dev", 2, "bob", "bob", "waves", true, new DateTime(2026, 3, 5, 0, 0, 0, DateTimeKind.Utc)));
        }
        using var all = new StringWriter();
        using var since = new StringWriter();

        Assert.Equal(2, HistoryExport.Write(_dir.DatabasePath, "#dev", null, all));
        Assert.Equal(1, HistoryExport.Write(_dir.DatabasePath, "dev", new DateTime(2026, 3, 5, 0, 0, 0, DateTimeKind.Utc), since));
        Assert.Null(HistoryExport.Write(_dir.DatabasePath, "nowhere", null, TextWriter.Null));

        Assert.Equal(
            """
            {"type":"message","room":"Dev","nick":"alice","text":"hi \"all\" ☺","id":1,"ts":"2026-03-04T05:06:07.891Z","history":true}
            {"type":"action","room":"Dev","nick":"bob","text":"waves","id":2,"ts":"2026-03-05T00:00:00.000Z","history":true}

            """.ReplaceLineEndings("\n"),
            all.ToString());
        Assert.StartsWith("{\"type\":\"action\"", since.ToString(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Throughput_of_writes_is_reported()
    {
        const int Count = 200_000;
        var messages = Enumerable.Range(1, Count).Select(id => StoreDirectory.Message("room" + (id % 10), id)).ToList();
        await using var store = _dir.Open();
        var cpu = Process.GetCurrentProcess().TotalProcessorTime;
        var clock = Stopwatch.StartNew();
        foreach (var message in messages)
        {
            await store.SaveAsync(message);
        }
        await store.DrainAsync();
        clock.Stop();
        cpu = Process.GetCurrentProcess().TotalProcessorTime - cpu;
        var writerAlone = WriterAlone(messages.ConvertAll(m => m with { Room = "x" + m.Room }));

        // On a shared machine the CPU time says more than the wall time.
        output.WriteLine($"through the store actor: {Count} messages in {clock.Elapsed.TotalMilliseconds:F0} ms, {Count / clock.Elapsed.TotalSeconds:F0} messages/s, {Count / cpu.TotalSeconds:F0} per CPU second");
        output.WriteLine($"the batch writer alone (batches of {SqliteStore.BatchSize}): {Count / writerAlone.TotalSeconds:F0} messages/s");
        Assert.Equal(2 * Count, Sql.Scalar(_dir.DatabasePath, "SELECT count(*) FROM messages"));
    }

    private TimeSpan WriterAlone(List<StoredMessage> messages)
    {
        using var file = StoreFile.Open(_dir.DatabasePath);
        using var writer = new BatchWriter(file.Connection);
        var clock = Stopwatch.StartNew();
        foreach (var batch in messages.Chunk(SqliteStore.BatchSize))
        {
            writer.Write([], batch);
        }
        return clock.Elapsed;
    }

    [Fact]
    public async Task The_null_store_keeps_nothing_and_answers_an_empty_page()
    {
        var store = NullStore.Instance;
        await store.SaveAsync(StoreDirectory.Message("dev", 1));

        Assert.Empty(store.Load(10));
        Assert.Empty((await StoreDirectory.QueryAsync(store, "dev", 10)).Messages);
    }
}

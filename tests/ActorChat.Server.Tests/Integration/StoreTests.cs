using System.Globalization;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using ActorChat.Core.Storage;
using ActorChat.Server.Tests.Support;
using ActorChat.Store.Sqlite;
using ActorChat.Store.Sqlite.Tests.Support;
using Microsoft.Data.Sqlite;
using Xunit.Abstractions;

namespace ActorChat.Server.Tests.Integration;

/// <summary>The store end to end (issue 10): real servers, real files, restarts and kills.</summary>
public sealed class StoreTests(ITestOutputHelper output)
{
    private static readonly string[] Loopback = ["--port", "0", "--udp-port", "-1", "--bind", "127.0.0.1"];

    [Fact]
    public async Task What_was_said_survives_a_restart_ids_go_on_and_lobby_keeps_its_history()
    {
        using var data = new DataFolder();
        await using (var first = await ServerProcess.StartAsync(data.ProcessArgs))
        {
            await using var alice = await LoginAsync(first.Port, "alice");
            await alice.SendAsync("one");
            await alice.SendAsync("/me two");
            await alice.SendAsync("/join dev");
            await alice.SendAsync("d1");
            await alice.SendAsync("/part dev");
            await alice.SyncAsync();
            first.Terminate();
            Assert.Equal(0, await first.WaitForExitAsync());
        }

        await using var second = await ServerProcess.StartAsync(data.ProcessArgs);
        await using var bob = await LoginAsync(second.Port, "bob");
        Assert.Equal(["#lobby [history] <alice> one", "#lobby [history] * alice two"], await bob.SyncAsync());
        await bob.SendAsync("/json");
        await bob.SendAsync("/join dev");
        await bob.SendAsync("d2");
        await bob.SendAsync("/msg #lobby three");
        var said = Messages(await bob.SyncAsync());
        Assert.Equal([("dev", 1L, "d1", true), ("dev", 2L, "d2", false), ("lobby", 3L, "three", false)],
            said.Select(m => (m.Room, m.Id, m.Text, m.History)));
    }

    [Fact]
    public async Task Kill_9_under_load_loses_at_most_the_last_batch_window_and_nothing_older()
    {
        using var data = new DataFolder();
        var window = TimeSpan.FromSeconds(1);
        var received = new List<(long Id, string Text, DateTime At)>();
        DateTime killedAt;
        // The watcher's send queue holds the whole run: it must see everything, not be cut.
        await using (var server = await ServerProcess.StartAsync([.. data.ProcessArgs, "--Chat:FloodLinesPerSecond=0",
            "--Chat:SendQueueLines=1000000", "--Chat:SendQueueBytes=1000000000"]))
        {
            await using var watcher = await LoginAsync(server.Port, "watcher");
            await watcher.SendAsync("/json");
            await watcher.SendAsync("/join load");
            await watcher.SyncAsync();
            await using var loader = await LoginAsync(server.Port, "loader");
            await loader.SendAsync("/join load");
            await loader.SyncAsync();
            using var stop = new CancellationTokenSource();
            var load = LoadAsync(loader, stop.Token);
            var started = DateTime.UtcNow;
            while (received.Count < 5000 || DateTime.UtcNow - started < 3 * window)
            {
                var line = await watcher.NextAsync();
                if (Messages([line]) is [var m])
                {
                    received.Add((m.Id, m.Text, DateTime.UtcNow));
                }
            }
            killedAt = DateTime.UtcNow;
            server.KillNow();
            await server.WaitForExitAsync();
            await stop.CancelAsync();
            await load.ConfigureAwait(ConfigureAwaitOptions.SuppressThrowing | ConfigureAwaitOptions.ContinueOnCapturedContext);
        }

        var export = await ServerProcess.RunToExitAsync(["export", "--room", "load", .. data.ProcessArgs]);
        Assert.Equal(0, export.ExitCode);
        var stored = Messages(export.Out.Split('\n', StringSplitOptions.RemoveEmptyEntries));
        var old = received.Where(r => r.At < killedAt - window).ToList();
        var lost = received.Count - received.Count(r => r.Id <= stored.Count);
        output.WriteLine($"{received.Count} seen live, {stored.Count} stored, {lost} seen in the last {window.TotalSeconds:0.#} s and not stored, {old.Count} older than that");
        // In order, once: ids 1..n with the texts the loader sent in that order.
        Assert.Equal(Enumerable.Range(1, stored.Count).Select(i => (long)i), stored.Select(m => m.Id));
        Assert.Equal(stored.Select(m => m.Id.ToString(CultureInfo.InvariantCulture)), stored.Select(m => m.Text));
        Assert.NotEmpty(old);
        Assert.True(old[^1].Id <= stored.Count, $"message {old[^1].Id} was seen more than {window} before the kill but not stored");
    }

    [Fact]
    public async Task A_file_that_is_not_a_database_stops_the_start_in_one_line_and_is_left_alone()
    {
        using var data = new DataFolder();
        Directory.CreateDirectory(data.DataDirectory);
        await File.WriteAllTextAsync(data.DatabasePath, string.Concat(Enumerable.Repeat("my notes, not a database\n", 100)));

        await AssertRefusedAsync(data, "not an SQLite database");
    }

    [Fact]
    public async Task A_corrupt_database_stops_the_start_in_one_line_and_is_left_alone()
    {
        using var data = new DataFolder();
        await SayOnceAsync(data, "dev", "kept");
        await using (var file = File.OpenWrite(data.DatabasePath))
        {
            file.Position = 100;    // the schema's page, after the header
            await file.WriteAsync(Enumerable.Repeat((byte)0xA5, 400).ToArray());
        }

        await AssertRefusedAsync(data, "corrupt");
    }

    [Fact]
    public async Task A_database_of_a_newer_schema_stops_the_start_in_one_line_and_is_left_alone()
    {
        using var data = new DataFolder();
        await SayOnceAsync(data, "dev", "kept");
        using (var connection = new SqliteConnection($"Data Source={data.DatabasePath};Pooling=False"))
        {
            connection.Open();
            using var command = connection.CreateCommand();
            command.CommandText = "PRAGMA user_version = 99";
            command.ExecuteNonQuery();
        }

        await AssertRefusedAsync(data, "schema version 99 is newer");
    }

    [Fact]
    public async Task A_second_server_on_the_same_database_is_refused_and_the_first_goes_on()
    {
        using var data = new DataFolder();
        await using var first = await ServerProcess.StartAsync(data.ProcessArgs);

        var second = await ServerProcess.RunToExitAsync([.. Loopback, .. data.ProcessArgs]);

        output.WriteLine(second.Error);
        Assert.Equal(2, second.ExitCode);
        Assert.Equal($"! cannot use the store {data.DatabasePath}: it is locked by another process (another server?)", second.Error.TrimEnd('\n'));
        await using var alice = await LoginAsync(first.Port, "alice");
        await alice.SendAsync("still here");
        await alice.SendAsync("/history 1");
        Assert.Equal(["#lobby [history] <alice> still here"], await alice.SyncAsync());
    }

    [Fact]
    public async Task A_database_that_is_not_writable_stops_the_start_in_one_line_and_is_left_alone()
    {
        using var tmpfs = Tmpfs.TryMount(4096, output);
        if (tmpfs is null)
        {
            return;
        }
        using var data = new DataFolder(tmpfs.Path);
        await SayOnceAsync(data, "dev", "kept");
        tmpfs.MakeReadOnly();

        await AssertRefusedAsync(data, "not writable");
    }

    [Fact]
    public async Task An_empty_file_is_migrated_and_export_writes_the_room_as_json_mode_history()
    {
        using var data = new DataFolder();
        Directory.CreateDirectory(data.DataDirectory);
        await File.WriteAllBytesAsync(data.DatabasePath, []);

        await SayOnceAsync(data, "dev", "first words");
        var before = DateTime.UtcNow.AddMinutes(-1).ToString("o", CultureInfo.InvariantCulture);
        var export = await ServerProcess.RunToExitAsync(["export", "--room", "#dev", "--since", before, .. data.ProcessArgs]);
        var later = await ServerProcess.RunToExitAsync(["export", "--room", "dev", "--since", "2999-01-01", .. data.ProcessArgs]);
        var unknown = await ServerProcess.RunToExitAsync(["export", "--room", "nowhere", .. data.ProcessArgs]);

        Assert.Equal(1, Sql(data.DatabasePath, "PRAGMA user_version"));
        Assert.Equal(0, export.ExitCode);
        var line = Assert.Single(export.Out.Split('\n', StringSplitOptions.RemoveEmptyEntries));
        Assert.Matches("""^\{"type":"message","room":"dev","nick":"alice","text":"first words","id":1,"ts":"[^"]+Z","history":true\}$""", line);
        Assert.Equal((0, ""), (later.ExitCode, later.Out));
        Assert.Equal((1, $"! no room #nowhere in {data.DatabasePath}\n"), (unknown.ExitCode, unknown.Error));
    }

    [Fact]
    public async Task History_pages_go_deeper_than_memory_and_end_with_one_clear_line()
    {
        using var data = new DataFolder();
        await using var server = await TestServer.StartAsync([.. data.Settings, "Chat:FloodLinesPerSecond=0", "Chat:HistoryLines=50"]);
        var alice = await server.LoginAsync("alice");
        await alice.SendAsync("/join dev");
        await SayManyAsync(alice, 1, 1200);
        await alice.SyncAsync();

        var newest = await alice.SyncAsync("/history #dev 500");
        var older = await alice.SyncAsync("/history #dev 500 before 701");
        var oldest = await alice.SyncAsync("/history #dev 500 before 201");
        var none = await alice.SyncAsync("/history #dev 500 before 1");
        await alice.SendAsync("/json");
        var json = Messages(await alice.SyncAsync("/history #dev 2 before 3"));

        Assert.Equal([.. Lines(701, 1200), "* older: /history #dev 500 before 701"], newest);
        Assert.Equal([.. Lines(201, 700), "* older: /history #dev 500 before 201"], older);
        Assert.Equal(Lines(1, 200), oldest);
        Assert.Equal(["* no messages in #dev before 1"], none);
        Assert.Equal([("dev", 1L, "1", true), ("dev", 2L, "2", true)], json.Select(m => (m.Room, m.Id, m.Text, m.History)));
    }

    [Fact]
    public async Task A_ping_after_history_from_the_store_is_answered_after_the_history()
    {
        using var data = new DataFolder();
        await using var server = await TestServer.StartAsync([.. data.Settings, "Chat:FloodLinesPerSecond=0", "Chat:HistoryLines=10"]);
        var alice = await server.LoginAsync("alice");
        await alice.SendAsync("/join dev");
        await SayManyAsync(alice, 1, 300);
        await alice.SyncAsync();

        // One write: the ping and the help are read while the store is still reading the page.
        await alice.SendRawAsync(Encoding.UTF8.GetBytes("/history #dev 300\n/ping after\n/rooms\n/ping last\n"));
        var lines = await alice.ReadUntilAsync(l => l == "* pong last");

        Assert.Equal([.. Lines(1, 300), "* pong after", "* 2 rooms: #dev (1), #lobby (1)", "* pong last"], lines);
    }

    [Fact]
    public async Task Pruning_keeps_the_newest_rows_of_each_room_and_ids_still_go_on()
    {
        using var data = new DataFolder();
        await using var server = await TestServer.StartAsync([.. data.Settings, "Chat:FloodLinesPerSecond=0", "Chat:HistoryLines=50", "Chat:HistoryMaxRowsPerRoom=100"]);
        var alice = await server.LoginAsync("alice");
        await alice.SendAsync("/join dev");
        await SayManyAsync(alice, 1, 300);
        await alice.SyncAsync();

        await ((SqliteStore)server.Get<IChatStore>()).PruneNowAsync();

        Assert.Equal(Lines(201, 300), await alice.SyncAsync("/history #dev 500"));
        Assert.Equal(["* no messages in #dev before 201"], await alice.SyncAsync("/history #dev 500 before 201"));
        await alice.SendAsync("/json");
        await alice.SendAsync("after");
        Assert.Equal(301, Assert.Single(Messages(await alice.SyncAsync())).Id);
    }

    [Fact]
    public async Task A_disk_that_fills_up_does_not_stop_the_chat_and_the_store_catches_up()
    {
        using var tmpfs = Tmpfs.TryMount(8192, output);
        if (tmpfs is null)
        {
            return;
        }
        using var data = new DataFolder(tmpfs.Path);
        var filler = Path.Combine(tmpfs.Path, "filler");
        await using (var server = await TestServer.StartAsync([.. data.Settings, "Chat:FloodLinesPerSecond=0"]))
        {
            var (alice, bob) = await server.LoginAllAsync("alice", "bob") is var c ? (c[0], c[1]) : default;
            await alice.SendAsync("before");
            await bob.ExpectAsync("#lobby <alice> before");
            await FillAsync(filler);
            try
            {
                await SayManyAsync(alice, 1, 500);
                await bob.ExpectAsync("#lobby <alice> 500");    // chatting goes on
            }
            finally
            {
                File.Delete(filler);
            }
        }

        await using var again = await TestServer.StartAsync([.. data.Settings, "Chat:HistoryLines=10"]);
        var carol = await again.LoginAsync("carol");
        await carol.SyncAsync();
        Assert.Equal([.. Lines(1, 500, "lobby"), "* older: /history #lobby 500 before 2"], await carol.SyncAsync("/history 500"));
    }

    [Fact]
    public async Task Without_a_store_history_comes_from_memory_in_the_same_forms_and_bad_forms_get_the_usage()
    {
        await using var server = await TestServer.StartAsync("Chat:FloodLinesPerSecond=0");
        var alice = await server.LoginAsync("alice");
        await alice.SendAsync("/join dev");
        await SayManyAsync(alice, 1, 5);
        await alice.SyncAsync();
        const string usage = "! usage: /history [#ROOM] [N] [before ID], N a whole number from 1 to 500";

        Assert.Equal(Lines(2, 3), await alice.SyncAsync("/history #dev 2 before 4"));
        Assert.Equal(Lines(4, 5), await alice.SyncAsync("/history 2"));
        Assert.Equal(["* no messages in #dev before 1"], await alice.SyncAsync("/history #dev before 1"));
        Assert.Equal(["* no messages in #lobby yet"], await alice.SyncAsync("/history #lobby"));
        Assert.Equal(["! you are not in #ops"], await alice.SyncAsync("/history #ops 5"));
        foreach (var bad in new[] { "/history 501", "/history 0", "/history dev", "/history #dev 5 before x", "/history #dev 5 after 3", "/history 5 #dev" })
        {
            Assert.Equal([usage], await alice.SyncAsync(bad));
        }
    }

    private async Task AssertRefusedAsync(DataFolder data, string cause)
    {
        var before = SHA256.HashData(await File.ReadAllBytesAsync(data.DatabasePath));

        var run = await ServerProcess.RunToExitAsync([.. Loopback, .. data.ProcessArgs]);

        output.WriteLine(run.Error);
        Assert.Equal(2, run.ExitCode);
        var line = Assert.Single(run.Error.Split('\n', StringSplitOptions.RemoveEmptyEntries));
        Assert.StartsWith($"! cannot use the store {data.DatabasePath}: ", line, StringComparison.Ordinal);
        Assert.Contains(cause, line, StringComparison.Ordinal);
        Assert.Equal("", run.Out);
        Assert.Equal(before, SHA256.HashData(await File.ReadAllBytesAsync(data.DatabasePath)));
    }

    /// <summary>Starts a server on the folder, says one line in a room, and stops it with SIGTERM.</summary>
    private static async Task SayOnceAsync(DataFolder data, string room, string text)
    {
        await using var server = await ServerProcess.StartAsync(data.ProcessArgs);
        await using (var alice = await LoginAsync(server.Port, "alice"))
        {
            await alice.SendAsync($"/join {room}");
            await alice.SendAsync(text);
            await alice.SyncAsync();
        }
        server.Terminate();
        Assert.Equal(0, await server.WaitForExitAsync());
    }

    private static async Task<TestClient> LoginAsync(int port, string nick)
    {
        var client = await TestClient.ConnectAsync(port);
        await client.ExpectAsync("* Choose a nick:");
        await client.SendAsync(nick);
        await client.ExpectAsync(l => l.StartsWith($"* You are {nick}.", StringComparison.Ordinal));
        return client;
    }

    /// <summary>Says "from" … "to" in the current room, many lines a write.</summary>
    private static async Task SayManyAsync(TestClient client, int from, int to)
    {
        for (var start = from; start <= to; start += 100)
        {
            var lines = Enumerable.Range(start, Math.Min(100, to - start + 1)).Select(i => i.ToString(CultureInfo.InvariantCulture) + "\n");
            await client.SendRawAsync(Encoding.UTF8.GetBytes(string.Concat(lines)));
        }
    }

    /// <summary>Says 1, 2, 3 … as fast as the server takes them, until cancelled or the server is gone.</summary>
    private static async Task LoadAsync(TestClient loader, CancellationToken stop)
    {
        for (var n = 1; !stop.IsCancellationRequested; n += 100)
        {
            await SayManyAsync(loader, n, n + 99);
        }
    }

    private static async Task FillAsync(string path)
    {
        var chunk = new byte[16 * 1024];
        await using var file = new FileStream(path, FileMode.Create, FileAccess.Write, FileShare.None, bufferSize: 0);
        try
        {
            while (true)
            {
                await file.WriteAsync(chunk);
            }
        }
        catch (IOException)
        {
            // Full.
        }
    }

    /// <summary>Text-mode history lines of the room for the messages "from" … "to" said by alice.</summary>
    private static List<string> Lines(int from, int to, string room = "dev") =>
        [.. Enumerable.Range(from, to - from + 1).Select(i => $"#{room} [history] <alice> {i}")];

    private static long Sql(string path, string query)
    {
        using var connection = new SqliteConnection($"Data Source={path};Mode=ReadOnly;Pooling=False");
        connection.Open();
        using var command = connection.CreateCommand();
        command.CommandText = query;
        return Convert.ToInt64(command.ExecuteScalar(), CultureInfo.InvariantCulture);
    }

    private sealed record Said(string Room, long Id, string Text, bool History);

    /// <summary>The messages and actions among JSON-mode lines.</summary>
    private static List<Said> Messages(IEnumerable<string> lines)
    {
        var said = new List<Said>();
        foreach (var line in lines.Where(l => l.StartsWith('{')))
        {
            using var json = JsonDocument.Parse(line);
            var root = json.RootElement;
            if (root.GetProperty("type").GetString() is "message" or "action")
            {
                said.Add(new Said(root.GetProperty("room").GetString()!, root.GetProperty("id").GetInt64(), root.GetProperty("text").GetString()!,
                    root.TryGetProperty("history", out var h) && h.GetBoolean()));
            }
        }
        return said;
    }
}

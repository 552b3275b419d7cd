using System.Security.Cryptography;
using ActorChat.Store.Sqlite.Tests.Support;
using Microsoft.Data.Sqlite;
using Xunit.Abstractions;

namespace ActorChat.Store.Sqlite.Tests;

/// <summary>Every file the store cannot use: one line naming the file and the cause, and the file left exactly as it was.</summary>
public sealed class StartupFaultTests(ITestOutputHelper output) : IDisposable
{
    private readonly StoreDirectory _dir = new();

    public void Dispose() => _dir.Dispose();

    [Fact]
    public void A_file_that_is_not_a_database_is_refused_and_left_alone()
    {
        Directory.CreateDirectory(_dir.DataDirectory);
        File.WriteAllText(_dir.DatabasePath, string.Concat(Enumerable.Repeat("these are my notes, not a database\n", 200)));

        AssertRefused("not an SQLite database");
    }

    [Fact]
    public async Task A_corrupt_database_is_refused_and_left_alone()
    {
        await using (var store = _dir.Open())
        {
            await StoreDirectory.SaveAsync(store, "dev", 1, 10);
        }
        // Scribble over the schema's page (page 1 after the 100-byte header).
        using (var file = File.OpenWrite(_dir.DatabasePath))
        {
            file.Position = 100;
            file.Write(Enumerable.Repeat((byte)0xA5, 400).ToArray());
        }

        AssertRefused("corrupt");
    }

    [Fact]
    public async Task A_database_from_a_newer_schema_is_refused_and_left_alone()
    {
        await using (_dir.Open())
        {
        }
        using (var connection = new SqliteConnection($"Data Source={_dir.DatabasePath};Pooling=False"))
        {
            connection.Open();
            using var command = connection.CreateCommand();
            command.CommandText = "PRAGMA user_version = 99";
            command.ExecuteNonQuery();
        }

        AssertRefused("schema version 99 is newer than this server's 1");
    }

    [Fact]
    public async Task A_database_open_in_another_store_is_refused()
    {
        await using var first = _dir.Open();

        // The first store holds the file (and locks out .NET readers too): no hash of it here.
        AssertRefused("locked by another process", checkUntouched: false);
    }

    [Fact]
    public async Task A_database_locked_by_another_writer_is_refused_and_left_alone()
    {
        await using (_dir.Open())
        {
        }
        using var other = new SqliteConnection($"Data Source={_dir.DatabasePath};Pooling=False");
        other.Open();
        using var transaction = other.BeginTransaction(System.Data.IsolationLevel.Serializable, deferred: false);
        using (var command = other.CreateCommand())
        {
            command.Transaction = transaction;
            command.CommandText = "PRAGMA locking_mode = EXCLUSIVE; INSERT INTO server_bans (mask, set_at) VALUES ('x', 0)";
            command.ExecuteNonQuery();
        }

        AssertRefused("locked by another process", checkUntouched: false);
    }

    [Fact]
    public async Task A_database_on_a_read_only_file_system_is_refused_and_left_alone()
    {
        using var tmpfs = Tmpfs.TryMount(4096, output);
        if (tmpfs is null)
        {
            return;
        }
        using var dir = new StoreDirectory(tmpfs.Path);
        await using (var store = dir.Open())
        {
            await StoreDirectory.SaveAsync(store, "dev", 1, 10);
        }
        tmpfs.MakeReadOnly();

        AssertRefused("not writable", dir);
    }

    private void AssertRefused(string cause, StoreDirectory? dir = null, bool checkUntouched = true)
    {
        dir ??= _dir;
        var before = checkUntouched ? SHA256.HashData(File.ReadAllBytes(dir.DatabasePath)) : null;

        var e = Assert.Throws<StoreUnavailableException>(() => dir.Open());

        output.WriteLine(e.Message);
        Assert.DoesNotContain('\n', e.Message);
        Assert.Contains(dir.DatabasePath, e.Message, StringComparison.Ordinal);
        Assert.Contains(cause, e.Message, StringComparison.Ordinal);
        if (checkUntouched)
        {
            Assert.Equal(before, SHA256.HashData(File.ReadAllBytes(dir.DatabasePath)));
        }
    }
}

using ActorChat.Core;
using ActorChat.Core.Storage;
using ActorChat.Store.Sqlite.Tests.Support;
using Microsoft.Data.Sqlite;
using Microsoft.Extensions.Logging.Abstractions;

namespace ActorChat.Store.Sqlite.Tests;

/// <summary>Each migration step, from the previous version's file to the schema a new file gets.</summary>
public sealed class MigrationTests : IDisposable
{
    private readonly StoreDirectory _old = new();
    private readonly StoreDirectory _new = new();

    public static TheoryData<int> OlderVersions() => [.. Enumerable.Range(0, Schema.Version)];

    public void Dispose()
    {
        _old.Dispose();
        _new.Dispose();
    }

    [Theory]
    [MemberData(nameof(OlderVersions))]
    public async Task A_file_of_an_older_version_migrates_to_the_schema_of_a_new_file(int version)
    {
        Directory.CreateDirectory(_old.DataDirectory);
        using (var connection = new SqliteConnection($"Data Source={_old.DatabasePath};Pooling=False"))
        {
            connection.Open();
            Schema.Migrate(connection, 0, version);
        }

        await using (var store = _old.Open())
        {
            await StoreDirectory.SaveAsync(store, "dev", 1, 3);
        }
        await using (_new.Open())
        {
        }

        Assert.Equal(Schema.Version, Sql.UserVersion(_old.DatabasePath));
        Assert.Equal(SchemaOf(_new.DatabasePath), SchemaOf(_old.DatabasePath));
    }

    [Fact]
    public void No_database_setting_means_the_null_store_and_nothing_on_disk()
    {
        var options = new ChatOptions { DataDirectory = _new.DataDirectory, Database = "" };

        var store = ChatStores.Open(options, NullLoggerFactory.Instance);

        Assert.Same(NullStore.Instance, store);
        Assert.False(Directory.Exists(_new.DataDirectory));
    }

    private static List<string> SchemaOf(string path) =>
        Sql.Strings(path, "SELECT type || ' ' || name || ': ' || coalesce(sql, '') FROM sqlite_schema ORDER BY name");
}

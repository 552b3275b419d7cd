using Microsoft.Data.Sqlite;

namespace ActorChat.Store.Sqlite.Tests.Support;

/// <summary>Looks into a database file the way an operator would, on a read-only connection of its own.</summary>
internal static class Sql
{
    public static long Scalar(string path, string sql)
    {
        using var connection = Open(path);
        using var command = connection.CreateCommand();
        command.CommandText = sql;
        return (long)command.ExecuteScalar()!;
    }

    public static long UserVersion(string path) => Scalar(path, "PRAGMA user_version");

    /// <summary>The first column of every row.</summary>
    public static List<string> Strings(string path, string sql)
    {
        using var connection = Open(path);
        using var command = connection.CreateCommand();
        command.CommandText = sql;
        using var reader = command.ExecuteReader();
        var values = new List<string>();
        while (reader.Read())
        {
            values.Add(reader.GetString(0));
        }
        return values;
    }

    private static SqliteConnection Open(string path)
    {
        var connection = new SqliteConnection($"Data Source={path};Mode=ReadOnly;Pooling=False");
        connection.Open();
        return connection;
    }
}

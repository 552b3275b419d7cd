using Microsoft.Data.Sqlite;

namespace ActorChat.Store.Sqlite;

/// <summary>
/// The database file, opened for writing by one process only: the directory is created 0700, the file
/// 0600, an exclusive lock on it keeps a second server out, and the file is checked (a database, not
/// corrupt, not newer, writable) and migrated before anything else touches it. Any fault becomes a
/// <see cref="StoreUnavailableException"/>; SQLite never overwrites what it cannot read.
/// </summary>
internal sealed class StoreFile : IDisposable
{
    private const UnixFileMode DirectoryMode = UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute;
    private const UnixFileMode FileMode = UnixFileMode.UserRead | UnixFileMode.UserWrite;

    // Held for the store's life: flock(LOCK_EX), independent of SQLite's own fcntl locks.
    private readonly FileStream _lock;

    private StoreFile(string path, FileStream fileLock, SqliteConnection connection)
    {
        Path = path;
        _lock = fileLock;
        Connection = connection;
    }

    public string Path { get; }

    public SqliteConnection Connection { get; }

    public static StoreFile Open(string path)
    {
        var fileLock = Lock(path);
        SqliteConnection? connection = null;
        try
        {
            connection = Connect(path, SqliteOpenMode.ReadWrite);
            var version = Check(connection, path);
            Pragma(connection, "journal_mode = WAL");
            Pragma(connection, "synchronous = NORMAL");
            Schema.Migrate(connection, version);
            return new StoreFile(path, fileLock, connection);
        }
        catch (SqliteException e)
        {
            connection?.Dispose();
            fileLock.Dispose();
            throw Unavailable(path, e);
        }
        catch
        {
            connection?.Dispose();
            fileLock.Dispose();
            throw;
        }
    }

    /// <summary>A read-only connection of its own (start-up load, export): readers never block the writer under WAL.</summary>
    public static SqliteConnection OpenReader(string path)
    {
        if (!File.Exists(path))
        {
            throw new StoreUnavailableException(path, "no such file");
        }
        try
        {
            var connection = Connect(path, SqliteOpenMode.ReadOnly);
            Check(connection, path);
            return connection;
        }
        catch (SqliteException e)
        {
            throw Unavailable(path, e);
        }
    }

    /// <summary>What a fault means to an operator.</summary>
    public static StoreUnavailableException Unavailable(string path, SqliteException e) => new(path, e.SqliteErrorCode switch
    {
        SQLitePCL.raw.SQLITE_BUSY or SQLitePCL.raw.SQLITE_LOCKED => "it is locked by another process",
        SQLitePCL.raw.SQLITE_CORRUPT => "the file is corrupt (restore a backup)",
        SQLitePCL.raw.SQLITE_NOTADB => "the file is not an SQLite database",
        SQLitePCL.raw.SQLITE_READONLY or SQLitePCL.raw.SQLITE_CANTOPEN or SQLitePCL.raw.SQLITE_PERM => "the file is not writable",
        SQLitePCL.raw.SQLITE_FULL => "the disk is full",
        _ => e.Message,
    }, e);

    public void Dispose()
    {
        Connection.Dispose();
        _lock.Dispose();
    }

    private static FileStream Lock(string path)
    {
        try
        {
            var directory = System.IO.Path.GetDirectoryName(path)!;
            var options = new FileStreamOptions { Mode = System.IO.FileMode.OpenOrCreate, Access = FileAccess.ReadWrite, Share = FileShare.None };
            if (OperatingSystem.IsWindows())
            {
                Directory.CreateDirectory(directory);
            }
            else
            {
                if (!Directory.Exists(directory))
                {
                    Directory.CreateDirectory(directory, DirectoryMode);
                }
                options.UnixCreateMode = FileMode;
            }
            // OpenOrCreate never truncates; a new file starts empty (version 0) with mode 0600.
            return new FileStream(path, options);
        }
        catch (UnauthorizedAccessException e)
        {
            throw new StoreUnavailableException(path, "the file or its directory is not writable", e);
        }
        catch (IOException e) when (IsLockedOut(e))
        {
            throw new StoreUnavailableException(path, "it is locked by another process (another server?)", e);
        }
        catch (IOException e)
        {
            throw new StoreUnavailableException(path, $"the file is not writable ({e.Message})", e);
        }
    }

    /// <summary>
    /// The file is locked by another holder: on Unix .NET puts the errno of flock in HResult (EWOULDBLOCK:
    /// 11 on Linux, 35 on macOS); on Windows it is ERROR_SHARING_VIOLATION.
    /// </summary>
    private static bool IsLockedOut(IOException e) => e.HResult is 11 or 35 or unchecked((int)0x80070020);

    private static SqliteConnection Connect(string path, SqliteOpenMode mode)
    {
        var connection = new SqliteConnection(new SqliteConnectionStringBuilder
        {
            DataSource = path,
            Mode = mode,
            Pooling = false,
            // Seconds a busy database is retried before the command fails.
            DefaultTimeout = 2,
        }.ToString());
        connection.Open();
        return connection;
    }

    /// <summary>Reads the header and the schema (a corrupt or foreign file fails here) and returns the version.</summary>
    private static int Check(SqliteConnection connection, string path)
    {
        using var command = connection.CreateCommand();
        command.CommandText = "SELECT count(*) FROM sqlite_schema; PRAGMA user_version;";
        using var reader = command.ExecuteReader();
        reader.NextResult();
        reader.Read();
        var version = reader.GetInt32(0);
        if (version > Schema.Version)
        {
            throw new StoreUnavailableException(path, $"its schema version {version} is newer than this server's {Schema.Version} (run the newer server, or restore a backup)");
        }
        return version;
    }

    private static void Pragma(SqliteConnection connection, string pragma)
    {
        using var command = connection.CreateCommand();
        command.CommandText = "PRAGMA " + pragma;
        command.ExecuteNonQuery();
    }
}

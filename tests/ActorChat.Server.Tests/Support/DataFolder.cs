namespace ActorChat.Server.Tests.Support;

/// <summary>A data directory of the test's own (a store test's database lives there), removed afterwards.</summary>
internal sealed class DataFolder : IDisposable
{
    public DataFolder(string? root = null)
    {
        Root = root ?? Directory.CreateTempSubdirectory("actorchat-data-").FullName;
    }

    public string Root { get; }

    public string DataDirectory => Path.Combine(Root, "data");

    public string DatabasePath => Path.Combine(DataDirectory, "actorchat.db");

    /// <summary>The settings for a server process (or the export command) that keeps its database here.</summary>
    public string[] ProcessArgs => ["--Chat:DataDirectory=" + DataDirectory, "--Chat:Database=actorchat.db"];

    /// <summary>The same for an in-process <see cref="TestServer"/>.</summary>
    public string[] Settings => ["Chat:DataDirectory=" + DataDirectory, "Chat:Database=actorchat.db"];

    public void Dispose()
    {
        try
        {
            Directory.Delete(Root, recursive: true);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            // A mount point still busy: the tmpfs helper removes it.
        }
    }
}

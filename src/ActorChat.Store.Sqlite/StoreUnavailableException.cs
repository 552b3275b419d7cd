namespace ActorChat.Store.Sqlite;

/// <summary>The database cannot be used; the message is one line naming the file and the cause. The file is left as it was.</summary>
public sealed class StoreUnavailableException : Exception
{
    public StoreUnavailableException()
    {
    }

    public StoreUnavailableException(string message) : base(message)
    {
    }

    public StoreUnavailableException(string message, Exception innerException) : base(message, innerException)
    {
    }

    internal StoreUnavailableException(string path, string cause, Exception? innerException = null)
        : base(OneLine($"cannot use the store {path}: {cause}"), innerException)
    {
    }

    private static string OneLine(string text) => text.ReplaceLineEndings(" ");
}

using ActorChat.Core;
using ActorChat.Store.Sqlite;
using Microsoft.Extensions.Configuration;

namespace ActorChat.Server.Hosting;

/// <summary>
/// <c>actorchat-server export --room dev [--since DATE]</c>: the room's stored history as NDJSON on
/// standard output, from the database the settings name. It reads on a connection of its own and
/// takes no lock, so it runs beside a live server.
/// </summary>
internal static class ExportCommand
{
    public const int UnknownRoom = 1;

    /// <summary>As for a refused start: the settings or the database cannot be used.</summary>
    public const int CannotRead = 2;

    /// <summary>Exports; returns the exit status, having written any failure to <paramref name="error"/> as one line.</summary>
    public static int Run(CommandLine.ExportRequest request, TextWriter output, TextWriter error)
    {
        var configuration = ServerHost.AddSettings(new ConfigurationBuilder(), request.Settings).Build();
        if (Settings.Problems(configuration) is { Count: > 0 } problems)
        {
            error.WriteLine($"! {string.Join("; ", problems)}");
            return CannotRead;
        }
        var options = configuration.GetSection(ChatOptions.Section).Get<ChatOptions>() ?? new ChatOptions();
        if (options.DatabasePath is not { } path)
        {
            error.WriteLine("! no database to export from: Chat:Database is empty");
            return CannotRead;
        }
        try
        {
            if (HistoryExport.Write(path, request.Room, request.Since, output) is null)
            {
                error.WriteLine($"! no room #{request.Room} in {path}");
                return UnknownRoom;
            }
            output.Flush();
            return 0;
        }
        catch (StoreUnavailableException e)
        {
            error.WriteLine($"! {e.Message}");
            return CannotRead;
        }
    }
}

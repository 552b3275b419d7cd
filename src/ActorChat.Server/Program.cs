using ActorChat.Core;
using ActorChat.Server.Hosting;
using ActorChat.Server.Tls;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Options;

// Every failure to start is one line on standard error and in the log, and exit status 2.
const int CannotStart = 2;
SocketCompletions.Choose();     // before the first socket
var (action, error) = CommandLine.Read(args);
if (action == CommandLine.Action.Help)
{
    await Console.Out.WriteAsync(CommandLine.Usage);
    return 0;
}
if (action == CommandLine.Action.Version)
{
    await Console.Out.WriteLineAsync($"actorchat-server {CommandLine.Version}");
    return 0;
}
if (action == CommandLine.Action.Export && error is null)
{
    await using var output = new StreamWriter(Console.OpenStandardOutput(), new System.Text.UTF8Encoding(false), 1 << 16);
    return ExportCommand.Run(CommandLine.ReadExport(args).Request!, output, Console.Error);
}
try
{
    if (error is not null)
    {
        var status = await CannotStartAsync(error);
        await Console.Error.WriteAsync(CommandLine.Usage);
        return status;
    }
    using var host = ServerHost.Build(args);
    try
    {
        var options = host.Services.GetRequiredService<IOptions<ChatOptions>>().Value;     // bad settings: one clear line, before anything starts
        if (options.TlsPort >= 0)
        {
            _ = host.Services.GetRequiredService<CertificateProvider>().Identity;     // and so for a certificate that cannot be read or made
        }
        await host.StartAsync();
    }
    catch (Exception e) when (Reason(e) is { } reason)
    {
        return await CannotStartAsync(reason);
    }
    await host.WaitForShutdownAsync();
    return 0;
}
catch (Exception e) when (Reason(e) is { } reason)
{
    // Building the host can fail too (settings, the store, the certificate): the same one line.
    return await CannotStartAsync(reason);
}
finally
{
    NLog.LogManager.Shutdown();    // flush the async file target
}

static string? Reason(Exception e) => e switch
{
    StartupException s => s.Message,
    ActorChat.Store.Sqlite.StoreUnavailableException s => s.Message,
    OptionsValidationException v => $"invalid settings: {string.Join("; ", v.Failures)}",
    AggregateException { InnerExceptions.Count: 1 } a => Reason(a.InnerException!),
    _ => null,
};

static async Task<int> CannotStartAsync(string reason)
{
    var line = $"! {reason}";
    await Console.Error.WriteLineAsync(line);
    OperatorLog.StartFailed(line);
    return CannotStart;
}

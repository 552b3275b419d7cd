using ActorChat.Server.Hosting;
using Microsoft.Extensions.Hosting;

try
{
    using var host = ServerHost.Build(args);
    await host.RunAsync();
    return 0;
}
catch (Microsoft.Extensions.Options.OptionsValidationException e)
{
    await Console.Error.WriteLineAsync($"invalid settings: {string.Join("; ", e.Failures)}");
    return 2;
}
finally
{
    NLog.LogManager.Shutdown();    // flush the async file target
}

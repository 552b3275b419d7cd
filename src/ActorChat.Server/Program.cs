using ActorChat.Core;
using ActorChat.Server.Hosting;
using ActorChat.Server.Tls;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Options;

try
{
    using var host = ServerHost.Build(args);
    var options = host.Services.GetRequiredService<IOptions<ChatOptions>>().Value;     // bad settings: one clear line, before anything starts
    if (options.TlsPort >= 0)
    {
        _ = host.Services.GetRequiredService<CertificateProvider>().Identity;     // and so for a certificate that cannot be read or made
    }
    await host.RunAsync();
    return 0;
}
catch (OptionsValidationException e)
{
    await Console.Error.WriteLineAsync($"invalid settings: {string.Join("; ", e.Failures)}");
    return 2;
}
catch (CertificateException e)
{
    await Console.Error.WriteLineAsync(e.Message);
    return 2;
}
finally
{
    NLog.LogManager.Shutdown();    // flush the async file target
}

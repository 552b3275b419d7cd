using ActorChat.Core;
using ActorChat.Core.Actors;
using ActorChat.Core.Chat;
using ActorChat.Core.Chat.Moderation;
using ActorChat.Core.Sessions;
using ActorChat.Core.Storage;
using ActorChat.Server.Admission;
using ActorChat.Server.Transport;
using ActorChat.Server.Udp;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using NLog.Extensions.Logging;

namespace ActorChat.Server.Hosting;

/// <summary>Builds the generic host: settings from config/, ACTORCHAT_* and the command line; NLog; the actors.</summary>
public static class ServerHost
{
    private static readonly Dictionary<string, string> ShortFlags = new()
    {
        ["--port"] = "Chat:Port",
        ["--udp-port"] = "Chat:UdpPort",
        ["--bind"] = "Chat:Bind",
    };

    /// <param name="args">The command line.</param>
    /// <param name="overrides">Replaces services after the defaults (tests give the server their own clock).</param>
    public static IHost Build(string[] args, Action<IServiceCollection>? overrides = null)
    {
        var configDirectory = Path.Combine(AppContext.BaseDirectory, "config");
        var builder = Host.CreateApplicationBuilder(new HostApplicationBuilderSettings
        {
            Args = args,
            DisableDefaults = true,
            ContentRootPath = AppContext.BaseDirectory,
        });
        builder.Configuration
            .AddJsonFile(Path.Combine(configDirectory, "appsettings.json"), optional: false)
            .AddEnvironmentVariables("ACTORCHAT_")
            .AddCommandLine(args, ShortFlags);

        builder.Logging.ClearProviders();
        builder.Logging.AddNLog(Path.Combine(configDirectory, "NLog.config"));

        var services = builder.Services;
        services.Configure<HostOptions>(o => o.ShutdownTimeout = ChatServer.ShutdownDeadline);
        services.AddOptions<ChatOptions>().Bind(builder.Configuration.GetSection(ChatOptions.Section)).ValidateOnStart();
        services.AddSingleton<IValidateOptions<ChatOptions>, ChatOptionsValidator>();
        services.AddSingleton(TimeProvider.System);
        services.AddSingleton(sp => new ConnectionLimiter(
            sp.GetRequiredService<IOptions<ChatOptions>>(), sp.GetRequiredService<TimeProvider>(), OpenFileLimit.ConnectionsThatFit()));
        services.AddSingleton<Gatekeeper>();
        services.AddSingleton<UdpMirror>();
        services.AddSingleton<IRoomMirror>(sp => sp.GetRequiredService<UdpMirror>());
        services.AddSingleton<ModerationView>();
        services.AddSingleton<IModerationStore, MemoryModerationStore>();
        services.AddSingleton<RoomBroker>();
        services.AddSingleton<TcpAcceptor>();
        services.AddSingleton<ChatServer>();
        services.AddHostedService(sp => sp.GetRequiredService<ChatServer>());
        overrides?.Invoke(services);
        return builder.Build();
    }
}

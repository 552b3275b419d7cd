using System.Net;
using System.Net.Sockets;
using ActorChat.Core;
using ActorChat.Core.Chat;
using ActorChat.Core.Chat.Moderation;
using ActorChat.Core.Storage;
using ActorChat.Server.Admission;
using ActorChat.Server.Irc;
using ActorChat.Server.Tls;
using ActorChat.Server.Transport;
using ActorChat.Server.Udp;
using ActorChat.Server.Web;
using Microsoft.AspNetCore.Builder;
using ActorChat.Store.Sqlite;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using NLog.Extensions.Logging;

namespace ActorChat.Server.Hosting;

/// <summary>
/// Builds the host: settings from config/, ACTORCHAT_* and the command line; NLog; the actors; and
/// the HTTP side (the web client, /ws, /metrics) in the same host, on Kestrel.
/// </summary>
public static class ServerHost
{
    /// <param name="args">The command line.</param>
    /// <param name="overrides">Replaces services after the defaults (tests give the server their own clock).</param>
    public static IHost Build(string[] args, Action<IServiceCollection>? overrides = null)
    {
        var configDirectory = Path.Combine(AppContext.BaseDirectory, "config");
        // The empty builder: no default settings, logging or server; only what is added here.
        var builder = WebApplication.CreateEmptyBuilder(new WebApplicationOptions
        {
            Args = args,
            ContentRootPath = AppContext.BaseDirectory,
        });
        AddSettings(builder.Configuration, args);
        var configuration = builder.Configuration;

        OperatorLog.Load(configuration[$"{ChatOptions.Section}:{nameof(ChatOptions.Port)}"]);
        builder.Logging.ClearProviders();
        builder.Logging.AddNLog();
        if (Settings.Problems(configuration) is { Count: > 0 } problems)
        {
            throw new StartupException(string.Join("; ", problems));
        }

        var services = builder.Services;
        services.Configure<HostOptions>(o => o.ShutdownTimeout = ChatServer.ShutdownDeadline);
        services.AddOptions<ChatOptions>().Bind(configuration.GetSection(ChatOptions.Section)).ValidateOnStart()
            .PostConfigure(o => Complete(o, configuration));
        services.AddSingleton<IValidateOptions<ChatOptions>, ChatOptionsValidator>();
        services.AddSingleton(TimeProvider.System);
        services.AddSingleton(sp => new ConnectionLimiter(
            sp.GetRequiredService<IOptions<ChatOptions>>(), sp.GetRequiredService<TimeProvider>(), OpenFileLimit.ConnectionsThatFit()));
        services.AddSingleton<Gatekeeper>();
        // Opened (and migrated) when the broker is made, before anything listens; a file it cannot use stops the start.
        services.AddSingleton(sp => ChatStores.Open(sp.GetRequiredService<IOptions<ChatOptions>>().Value, sp.GetRequiredService<ILoggerFactory>()));
        services.AddSingleton<UdpMirror>();
        services.AddSingleton<IRoomMirror>(sp => sp.GetRequiredService<UdpMirror>());
        services.AddSingleton<ModerationView>();
        // The chat's store keeps accounts, bans and claimed rooms too when it can (SQLite); else they live in memory.
        services.AddSingleton<IModerationStore>(sp => sp.GetService<IChatStore>() as IModerationStore ?? new MemoryModerationStore());
        services.AddSingleton<RoomBroker>();
        services.AddSingleton<CertificateProvider>();
        services.AddSingleton(sp => new LineFrontEnd(sp.GetRequiredService<IOptions<ChatOptions>>().Value, sp.GetRequiredService<TimeProvider>()));
        services.AddSingleton(sp => IrcServerFactory.Create(sp.GetRequiredService<IOptions<ChatOptions>>().Value, sp.GetRequiredService<TimeProvider>()));
        services.AddSingleton(sp => new IrcFrontEnd(
            sp.GetRequiredService<ActorChat.Core.Protocols.Irc.IrcServer>(), sp.GetRequiredService<IOptions<ChatOptions>>().Value, sp.GetRequiredService<TimeProvider>()));
        services.AddSingleton<IHttpsCertificate>(sp => sp.GetRequiredService<CertificateProvider>());
        services.AddSingleton<Listeners>();
        services.AddSingleton<ChatServer>();
        services.AddHostedService(sp => sp.GetRequiredService<ChatServer>());
        services.AddHostedService<MemoryTrimmer>();
        WebHosting.AddWeb(builder);
        overrides?.Invoke(services);
        var app = builder.Build();
        WebHosting.UseWeb(app);
        return app;
    }

    /// <summary>Where settings come from, later ones winning: config/appsettings.json, ACTORCHAT_* variables, the command line.</summary>
    public static IConfigurationBuilder AddSettings(IConfigurationBuilder configuration, string[] args) => configuration
        .AddJsonFile(Path.Combine(AppContext.BaseDirectory, "config", "appsettings.json"), optional: false)
        .AddEnvironmentVariables("ACTORCHAT_")
        .AddCommandLine(args, CommandLine.ShortFlags);

    /// <summary>Unless set, the UDP port follows the TCP port (the client assumes it does); a host name to bind resolves to its address.</summary>
    private static void Complete(ChatOptions options, IConfiguration configuration)
    {
        if (!Settings.IsSet(configuration, nameof(ChatOptions.UdpPort)))
        {
            options.UdpPort = options.Port;
        }
        if (!IPAddress.TryParse(options.Bind, out _))
        {
            try
            {
                var addresses = Dns.GetHostAddresses(options.Bind);
                var address = addresses.FirstOrDefault(a => a.AddressFamily == AddressFamily.InterNetwork) ?? addresses.FirstOrDefault();
                options.Bind = address?.ToString() ?? options.Bind;
            }
            catch (SocketException)
            {
                // Left as it is: the validator names the setting.
            }
        }
    }
}

using System.Net;
using ActorChat.Core;
using ActorChat.Core.Chat;
using ActorChat.Core.Metrics;
using ActorChat.Server.Admission;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.Features;
using Microsoft.AspNetCore.Server.Kestrel.Core;
using Microsoft.AspNetCore.Server.Kestrel.Transport.Sockets;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.FileProviders;
using Microsoft.Extensions.Options;
using OpenTelemetry.Metrics;
using OpenTelemetry.Resources;

namespace ActorChat.Server.Web;

/// <summary>
/// The HTTP side of the host: Kestrel on <c>Chat:HttpPort</c> (and <c>Chat:HttpsPort</c>), serving
/// the web client at <c>/</c>, the WebSocket front end at <c>/ws</c>, Prometheus at <c>/metrics</c>
/// and <c>/healthz</c>. With both ports off, no HTTP server runs at all.
/// </summary>
internal static class WebHosting
{
    /// <summary>
    /// The page may load only its own files and talk only to its own server; no inline script or
    /// style, no plugins, no framing, no forms posting elsewhere.
    /// </summary>
    public const string ContentSecurityPolicy =
        "default-src 'none'; script-src 'self'; style-src 'self'; img-src 'self' data:; connect-src 'self'; " +
        "manifest-src 'self'; base-uri 'none'; form-action 'none'; frame-ancestors 'none'";

    public static void AddWeb(WebApplicationBuilder builder)
    {
        var services = builder.Services;
        services.AddSingleton<WebFrontEnd>();
        if (!IsOn(builder.Configuration))
        {
            services.AddSingleton<IServer, NoHttpServer>();
            return;
        }
        // HTTP/1.1 only: a WebSocket is then always an upgraded connection, whose stream the sink writes (FrameStream).
        builder.WebHost.UseKestrelCore();
        // A session's batch of frames is sent by the thread that flushed it, not handed to another
        // thread to send (one thread-pool hop less per batch, as the TCP sink has). Safe here: nothing
        // on the request path blocks (the chat code only awaits).
        services.Configure<SocketTransportOptions>(sockets => sockets.UnsafePreferInlineScheduling = true);
        services.AddOptions<KestrelServerOptions>().Configure<IOptions<ChatOptions>, IServiceProvider>((kestrel, chat, provider) =>
        {
            var o = chat.Value;
            kestrel.AddServerHeader = false;
            // The same cap as the chat port's: MaxConnections, never more than fit under the open-file limit.
            var connections = provider.GetRequiredService<ConnectionLimiter>().MaxConnections;
            kestrel.Limits.MaxConcurrentConnections = connections;
            kestrel.Limits.MaxConcurrentUpgradedConnections = connections;
            if (o.HttpPort >= 0)
            {
                kestrel.Listen(o.BindAddress, o.HttpPort, listen => listen.Protocols = HttpProtocols.Http1);
            }
            if (o.HttpsPort >= 0)
            {
                var certificate = provider.GetService<IHttpsCertificate>()
                    ?? throw new InvalidOperationException("Chat:HttpsPort needs the server's TLS certificate, and none is configured");
                kestrel.Listen(o.BindAddress, o.HttpsPort, listen =>
                {
                    listen.Protocols = HttpProtocols.Http1;
                    listen.UseHttps(certificate.Certificate);
                });
            }
        });
        services.AddOpenTelemetry().WithMetrics(metrics => metrics.ConfigureResource(r => r.AddService("actorchat")).AddMeter(ChatMetrics.MeterName).AddPrometheusExporter());
    }

    public static void UseWeb(WebApplication app)
    {
        if (!IsOn(app.Configuration))
        {
            return;
        }
        var web = app.Services.GetRequiredService<WebFrontEnd>();
        var broker = app.Services.GetRequiredService<RoomBroker>();
        app.Use(static (context, next) =>
        {
            var headers = context.Response.Headers;
            headers.ContentSecurityPolicy = ContentSecurityPolicy;
            headers.XContentTypeOptions = "nosniff";
            headers["Referrer-Policy"] = "no-referrer";
            return next(context);
        });
        app.Map(new PathString("/ws"), ws =>
        {
            ws.Use(static (context, next) =>
            {
                if (context.Features.Get<IHttpUpgradeFeature>() is { } upgrade)
                {
                    context.Features.Set<IHttpUpgradeFeature>(new FrameStreamUpgrade(upgrade));
                }
                return next(context);
            });
            ws.UseWebSockets();
            ws.Run(web.HandleAsync);
        });
        app.Map(new PathString("/healthz"), health => health.Run(context => Health(context, broker)));
        app.UseOpenTelemetryPrometheusScrapingEndpoint();
        var files = new PhysicalFileProvider(Path.Combine(AppContext.BaseDirectory, "wwwroot"));
        app.UseDefaultFiles(new DefaultFilesOptions { FileProvider = files });
        app.UseStaticFiles(new StaticFileOptions { FileProvider = files });
    }

    /// <summary>The first address the HTTP server listens on with <paramref name="scheme"/>, or null when none.</summary>
    public static IPEndPoint? EndPoint(IServer server, string scheme) =>
        server.Features.Get<IServerAddressesFeature>()?.Addresses
            .Select(a => new Uri(a))
            .Where(u => u.Scheme == scheme)
            .Select(u => IPEndPoint.Parse(u.Authority))
            .FirstOrDefault();

    /// <summary>200 while the broker runs; 503 once it has stopped.</summary>
    private static Task Health(HttpContext context, RoomBroker broker)
    {
        var up = !broker.Completion.IsCompleted;
        context.Response.StatusCode = up ? StatusCodes.Status200OK : StatusCodes.Status503ServiceUnavailable;
        context.Response.ContentType = "text/plain; charset=utf-8";
        context.Response.Headers.CacheControl = "no-store";
        return context.Response.WriteAsync(up ? "ok\n" : "stopping\n");
    }

    /// <summary>Whether either port is on; a setting that does not parse counts as on, so the options check names it.</summary>
    private static bool IsOn(IConfiguration configuration) =>
        !int.TryParse(configuration["Chat:HttpPort"] ?? "8080", out var http) || !int.TryParse(configuration["Chat:HttpsPort"] ?? "-1", out var https)
        || http >= 0 || https >= 0;

    /// <summary>The HTTP server when both ports are off: nothing listens.</summary>
    private sealed class NoHttpServer : IServer
    {
        public IFeatureCollection Features { get; } = new FeatureCollection();

        public Task StartAsync<TContext>(IHttpApplication<TContext> application, CancellationToken cancellationToken) where TContext : notnull => Task.CompletedTask;

        public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;

        public void Dispose()
        {
        }
    }
}

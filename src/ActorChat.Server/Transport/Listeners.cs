using System.Net;
using ActorChat.Core;
using ActorChat.Core.Chat;
using ActorChat.Server.Admission;
using ActorChat.Server.Tls;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace ActorChat.Server.Transport;

/// <summary>Every TCP port the server accepts chat connections on: the plain line protocol port, and its TLS port unless that is off.</summary>
internal sealed class Listeners(
    IOptions<ChatOptions> options, RoomBroker broker, Gatekeeper gatekeeper, CertificateProvider certificates, TimeProvider clock, ILoggerFactory loggers)
    : IDisposable
{
    private readonly List<TcpAcceptor> _acceptors = [];

    public IPEndPoint? Tcp { get; private set; }

    /// <summary>Connections being served now, on every port.</summary>
    public int Count => _acceptors.Sum(a => a.Count);

    /// <summary>Null when the TLS port is off.</summary>
    public IPEndPoint? Tls { get; private set; }

    /// <summary>Binds every port; the certificate is loaded (or made) first, so a bad one stops the start before any port is open.</summary>
    public void Bind()
    {
        var o = options.Value;
        var secure = o.TlsPort >= 0;
        if (secure)
        {
            _ = certificates.Identity;
        }
        Tcp = Listen(new TcpConnectionFactory(broker, o, clock, loggers.CreateLogger<TcpConnection>()), o.Port, "tcp");
        if (secure)
        {
            Tls = Listen(new TlsConnectionFactory(broker, o, certificates, clock, loggers.CreateLogger<TlsConnection>()), o.TlsPort, "tls");
        }
    }

    /// <summary>Stops every port at once, each within the same budget (see <see cref="TcpAcceptor.StopAsync"/>).</summary>
    public Task StopAsync(TimeSpan drain, CancellationToken cancellationToken) =>
        Task.WhenAll(_acceptors.Select(a => a.StopAsync(drain, cancellationToken)));

    public void Dispose()
    {
        foreach (var acceptor in _acceptors)
        {
            acceptor.Dispose();
        }
    }

    private IPEndPoint Listen(IConnectionFactory factory, int port, string protocol)
    {
        var acceptor = new TcpAcceptor(factory, options.Value, gatekeeper, clock, loggers.CreateLogger<TcpAcceptor>());
        _acceptors.Add(acceptor);
        return PortBinding.Bind(() => acceptor.Bind(port), port, protocol);
    }
}

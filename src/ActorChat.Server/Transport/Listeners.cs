using System.Net;
using ActorChat.Core;
using ActorChat.Core.Chat;
using ActorChat.Server.Admission;
using ActorChat.Server.Irc;
using ActorChat.Server.Tls;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace ActorChat.Server.Transport;

/// <summary>
/// Every TCP port the server accepts chat connections on: the line protocol's plain and TLS ports, and
/// IRC's plain and TLS ports, each unless it is off; both TLS ports serve the one certificate.
/// </summary>
internal sealed class Listeners(
    IOptions<ChatOptions> options, RoomBroker broker, Gatekeeper gatekeeper, CertificateProvider certificates, LineFrontEnd line, IrcFrontEnd irc,
    TimeProvider clock, ILoggerFactory loggers)
    : IDisposable
{
    private readonly List<TcpAcceptor> _acceptors = [];

    public IPEndPoint? Tcp { get; private set; }

    /// <summary>Connections being served now, on every port.</summary>
    public int Count => _acceptors.Sum(a => a.Count);

    /// <summary>Null when the TLS port is off.</summary>
    public IPEndPoint? Tls { get; private set; }

    /// <summary>Null when the IRC port is off.</summary>
    public IPEndPoint? Irc { get; private set; }

    /// <summary>Null when the IRC TLS port is off.</summary>
    public IPEndPoint? IrcTls { get; private set; }

    /// <summary>Whether any port serves TLS (and so needs the certificate).</summary>
    public static bool Secure(ChatOptions o) => o.TlsPort >= 0 || o.IrcTlsPort >= 0;

    /// <summary>Binds every port; the certificate is loaded (or made) first, so a bad one stops the start before any port is open.</summary>
    public void Bind()
    {
        var o = options.Value;
        if (Secure(o))
        {
            _ = certificates.Identity;
        }
        Tcp = Listen(Plain(line), o.Port, "tcp");
        if (o.TlsPort >= 0)
        {
            Tls = Listen(Encrypted(line), o.TlsPort, "tls");
        }
        if (o.IrcPort >= 0)
        {
            Irc = Listen(Plain(irc), o.IrcPort, "irc");
        }
        if (o.IrcTlsPort >= 0)
        {
            IrcTls = Listen(Encrypted(irc), o.IrcTlsPort, "ircs");
        }
    }

    private TcpConnectionFactory Plain(IFrontEnd frontEnd) =>
        new(frontEnd, broker, options.Value, clock, loggers.CreateLogger<TcpConnection>());

    private TlsConnectionFactory Encrypted(IFrontEnd frontEnd) =>
        new(frontEnd, broker, options.Value, certificates, clock, loggers.CreateLogger<TlsConnection>());

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

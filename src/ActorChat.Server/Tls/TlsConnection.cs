using System.Net.Security;
using System.Net.Sockets;
using System.Security.Authentication;
using ActorChat.Core;
using ActorChat.Core.Chat;
using ActorChat.Core.Protocols;
using ActorChat.Core.Sessions;
using ActorChat.Server.Transport;
using Microsoft.Extensions.Logging;

namespace ActorChat.Server.Tls;

/// <summary>
/// One TLS connection of a front end (the line protocol, IRC): the handshake first (within the handshake timeout), then
/// the same actors as in clear text over the <see cref="SslStream"/>: the front end's reader
/// reads it, and the <see cref="ClientSession"/> writes it through a <see cref="StreamSink"/>. A
/// client that fails the handshake (plain text, an old TLS version, too slow) is closed without a
/// word and never reaches the broker.
/// </summary>
[System.Diagnostics.CodeAnalysis.SuppressMessage("Reliability", "CA1001", Justification =
    "The connection is its RunAsync: the stream is disposed when that ends, like the socket.")]
internal sealed class TlsConnection : IConnection
{
    private readonly Socket _socket;
    private readonly SslStream _tls;
    private readonly ChatOptions _options;
    private readonly IFrontEnd _frontEnd;
    private readonly IWireFormat _format;
    private readonly CertificateProvider _certificates;
    private readonly TimeProvider _clock;
    private readonly ILogger _logger;

    public TlsConnection(Socket socket, IFrontEnd frontEnd, IChatBroker broker, ChatOptions options, CertificateProvider certificates, TimeProvider clock, ILogger logger)
    {
        _socket = socket;
        _tls = new SslStream(new NetworkStream(socket, ownsSocket: false), leaveInnerStreamOpen: false);
        _options = options;
        _frontEnd = frontEnd;
        _format = frontEnd.NewFormat();
        _certificates = certificates;
        _clock = clock;
        _logger = logger;
        Session = new ClientSession(socket.RemoteEndPoint?.ToString() ?? "?", new StreamSink(_tls, socket), _format, broker, options, logger)
        {
            Secure = true,
        };
    }

    public ClientSession Session { get; }

    public async Task RunAsync()
    {
        try
        {
            if (await HandshakeAsync().ConfigureAwait(false) && !Session.IsClosing)
            {
                await Session.RunAsync(ReadAsync, _clock).ConfigureAwait(false);
            }
        }
        finally
        {
            await _tls.DisposeAsync().ConfigureAwait(false);
            _socket.Dispose();
        }
    }

    private async Task<bool> HandshakeAsync()
    {
        using var deadline = new CancellationTokenSource(TimeSpan.FromSeconds(_options.TlsHandshakeTimeoutSeconds), _clock);
        using var either = CancellationTokenSource.CreateLinkedTokenSource(deadline.Token, Session.Aborted);
        try
        {
            await _tls.AuthenticateAsServerAsync(_certificates.ServerOptions(), either.Token).ConfigureAwait(false);
            Log.TlsEstablished(_logger, Session.Id, _tls.SslProtocol, _tls.NegotiatedCipherSuite);
            return true;
        }
        catch (Exception e) when (e is AuthenticationException || ClientSession.IsGone(e))
        {
            Log.TlsHandshakeFailed(_logger, Session.Id, Session.Remote, deadline.IsCancellationRequested ? "timed out" : e.Message);
            return false;
        }
    }

    private Task<string> ReadAsync(ClientSession session) => _frontEnd.ReadAsync(LineFrontEnd.Pipe(_tls), session, _format);
}

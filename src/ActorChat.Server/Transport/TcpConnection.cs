using System.Net.Sockets;
using ActorChat.Core;
using ActorChat.Core.Chat;
using ActorChat.Core.Protocols;
using ActorChat.Core.Sessions;
using Microsoft.Extensions.Logging;

namespace ActorChat.Server.Transport;

/// <summary>
/// One plain TCP connection of a front end (the line protocol, IRC): the socket, read straight by the
/// front end's reader through a <see cref="SocketReader"/> (no stream: a TLS connection has one), and
/// written by the connection's <see cref="ClientSession"/> actor through a <see cref="SocketSink"/>.
/// </summary>
internal sealed class TcpConnection : IConnection
{
    private readonly Socket _socket;
    private readonly IFrontEnd _frontEnd;
    private readonly IWireFormat _format;
    private readonly TimeProvider _clock;

    public TcpConnection(Socket socket, IFrontEnd frontEnd, IChatBroker broker, ChatOptions options, TimeProvider clock, ILogger logger)
    {
        _socket = socket;
        _frontEnd = frontEnd;
        _format = frontEnd.NewFormat();
        _clock = clock;
        Session = new ClientSession(socket.RemoteEndPoint?.ToString() ?? "?", new SocketSink(socket), _format, broker, options, logger);
    }

    public ClientSession Session { get; }

    public async Task RunAsync()
    {
        try
        {
            await Session.RunAsync(ReadAsync, _clock).ConfigureAwait(false);
        }
        finally
        {
            _socket.Dispose();
        }
    }

    private Task<string> ReadAsync(ClientSession session) =>
        _frontEnd.ReadAsync(new SocketReader(_socket), session, _format);
}

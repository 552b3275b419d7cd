using System.Net.Sockets;
using ActorChat.Core;
using ActorChat.Core.Chat;
using ActorChat.Core.Protocols.Line;
using ActorChat.Core.Sessions;
using Microsoft.Extensions.Logging;

namespace ActorChat.Server.Transport;

/// <summary>
/// One plain TCP connection of the line protocol: the socket, read straight by a <see cref="LineSession"/>
/// through a <see cref="SocketReader"/> (no stream: a TLS connection has one, see <see cref="LineInput"/>),
/// and written by the connection's <see cref="ClientSession"/> actor through a <see cref="SocketSink"/>.
/// </summary>
internal sealed class TcpConnection : IConnection
{
    private readonly Socket _socket;
    private readonly ChatOptions _options;
    private readonly TimeProvider _clock;

    public TcpConnection(Socket socket, IChatBroker broker, ChatOptions options, TimeProvider clock, ILogger logger)
    {
        _socket = socket;
        _options = options;
        _clock = clock;
        Session = new ClientSession(socket.RemoteEndPoint?.ToString() ?? "?", new SocketSink(socket), TextFormat.Instance, broker, options, logger);
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
        new LineSession(session, _options, _clock).ReadAsync(new SocketReader(_socket));
}

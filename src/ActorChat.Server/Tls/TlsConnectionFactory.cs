using System.Net.Sockets;
using ActorChat.Core;
using ActorChat.Core.Chat;
using ActorChat.Server.Transport;
using Microsoft.Extensions.Logging;

namespace ActorChat.Server.Tls;

/// <summary>A TLS port: its front end's protocol (the line protocol, IRC) inside TLS.</summary>
internal sealed class TlsConnectionFactory(
    IFrontEnd frontEnd, IChatBroker broker, ChatOptions options, CertificateProvider certificates, TimeProvider clock, ILogger logger) : IConnectionFactory
{
    public IConnection Create(Socket socket) => new TlsConnection(socket, frontEnd, broker, options, certificates, clock, logger);

    /// <summary>Nothing: before the handshake, any line would be garbage to a TLS client, and the handshake is not worth its CPU for a refused one.</summary>
    public ReadOnlyMemory<byte> Refusal(string reason) => ReadOnlyMemory<byte>.Empty;
}

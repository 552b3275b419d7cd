using Microsoft.Extensions.Logging;

namespace ActorChat.Server;

/// <summary>Every log message of the server, source-generated: structured, and nothing formatted when the level is off.</summary>
internal static partial class Log
{
    [LoggerMessage(Level = LogLevel.Information, Message = "actorchat-server {Version} pid {Pid} starting: {Settings} (connections admitted: {Admitted}; socket completions {Completions})")]
    public static partial void Starting(ILogger logger, string version, int pid, string settings, int admitted, string completions);

    [LoggerMessage(Level = LogLevel.Information, Message = "listening {Ports}")]
    public static partial void Listening(ILogger logger, string ports);

    [LoggerMessage(Level = LogLevel.Information, Message = "store {Path}: {Rooms} rooms and {Messages} recent messages restored in {Ms} ms")]
    public static partial void Restored(ILogger logger, string path, int rooms, int messages, long ms);

    [LoggerMessage(Level = LogLevel.Warning, Message = "MaxConnections {Configured} does not fit under the open-file limit: at most {Effective} connections are admitted")]
    public static partial void ConnectionsCapped(ILogger logger, int configured, int effective);

    [LoggerMessage(Level = LogLevel.Information, Message = "stopped")]
    public static partial void Stopped(ILogger logger);

    [LoggerMessage(Level = LogLevel.Information, Message = "shutting down: closing {Count} connections")]
    public static partial void ShuttingDown(ILogger logger, int count);

    [LoggerMessage(Level = LogLevel.Warning, Message = "accept failed; retrying in {DelayMs} ms")]
    public static partial void AcceptFailed(ILogger logger, double delayMs, Exception exception);

    [LoggerMessage(Level = LogLevel.Information, Message = "refused a connection from {Address}: {Reason}")]
    public static partial void ConnectionRefused(ILogger logger, System.Net.IPAddress address, string reason);

    [LoggerMessage(Level = LogLevel.Debug, Message = "a connection was gone before it could be served: {Error}")]
    public static partial void ConnectionGoneBeforeServed(ILogger logger, System.Net.Sockets.SocketError error);

    [LoggerMessage(Level = LogLevel.Error, Message = "connection {Id} from {Remote} failed")]
    public static partial void ConnectionFailed(ILogger logger, long id, string remote, Exception exception);

    [LoggerMessage(Level = LogLevel.Information, Message = "connection {Id} from {Remote} ({Transport})")]
    public static partial void Accepted(ILogger logger, long id, string remote, string transport);

    [LoggerMessage(Level = LogLevel.Critical, Message = "serving a new connection failed; accepting goes on")]
    public static partial void ServeFailed(ILogger logger, Exception exception);

    [LoggerMessage(Level = LogLevel.Warning, Message = "UDP mirror dropped {Count} events: it could not keep up")]
    public static partial void MirrorDropped(ILogger logger, long count);

    [LoggerMessage(Level = LogLevel.Debug, Message = "UDP listener {Listener} subscribed to #{Room}")]
    public static partial void UdpSubscribed(ILogger logger, System.Net.IPEndPoint listener, string room);

    [LoggerMessage(Level = LogLevel.Information, Message = "connections went from {Before} to {Now}: heap compacted, committed {BeforeMiB} MiB -> {AfterMiB} MiB")]
    public static partial void MemoryTrimmed(ILogger logger, int before, int now, long beforeMiB, long afterMiB);

    [LoggerMessage(Level = LogLevel.Information, Message = "TLS certificate {Source}: {Subject}, valid until {NotAfter:u}, sha256={Fingerprint}")]
    public static partial void CertificateLoaded(ILogger logger, string source, string subject, DateTime notAfter, string fingerprint);

    [LoggerMessage(Level = LogLevel.Warning, Message = "the TLS certificate {Source} expired on {NotAfter:u}: clients that check dates will refuse it")]
    public static partial void CertificateExpired(ILogger logger, string source, DateTime notAfter);

    [LoggerMessage(Level = LogLevel.Information, Message = "made a self-signed TLS certificate: {Path}")]
    public static partial void CertificateGenerated(ILogger logger, string path);

    [LoggerMessage(Level = LogLevel.Warning, Message = "the self-signed TLS certificate {Path} expired on {NotAfter:u}: making a new one (its fingerprint changes)")]
    public static partial void GeneratedCertificateExpired(ILogger logger, string path, DateTime notAfter);

    [LoggerMessage(Level = LogLevel.Debug, Message = "connection {Id}: {Protocol} {Cipher}")]
    public static partial void TlsEstablished(ILogger logger, long id, System.Security.Authentication.SslProtocols protocol, System.Net.Security.TlsCipherSuite cipher);

    [LoggerMessage(Level = LogLevel.Debug, Message = "connection {Id} from {Remote}: TLS handshake failed: {Reason}")]
    public static partial void TlsHandshakeFailed(ILogger logger, long id, string remote, string reason);

    [LoggerMessage(Level = LogLevel.Information, Message = "refused a WebSocket from {Address}: origin {Origin} is not allowed")]
    public static partial void OriginRefused(ILogger logger, System.Net.IPAddress? address, string origin);
}

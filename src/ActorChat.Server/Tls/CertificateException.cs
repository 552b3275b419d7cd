namespace ActorChat.Server.Tls;

/// <summary>The TLS certificate cannot be read or made: the server says why and does not start.</summary>
internal sealed class CertificateException(string message, Exception? inner = null) : Exception(message, inner);

namespace ActorChat.Core.Protocols.Line;

/// <summary>Recognises clients that speak another protocol to the chat port, so they get a clear answer.</summary>
internal static class ProtocolSniffer
{
    private static readonly string[] HttpMethods = ["GET", "HEAD", "POST", "PUT", "DELETE", "OPTIONS", "PATCH", "CONNECT", "TRACE", "PRI"];

    /// <summary>A TLS handshake record starts with content type 22.</summary>
    public static bool IsTlsHello(byte firstByte) => firstByte == 0x16;

    /// <summary>"GET / HTTP/1.1" and the like: a method, a space, and a target.</summary>
    public static bool IsHttpRequestLine(string line)
    {
        var (method, rest) = Command.SplitWord(line);
        return rest.Length > 0 && Array.IndexOf(HttpMethods, method) >= 0
            && (rest.StartsWith('/') || rest.StartsWith('*') || rest.Contains(" HTTP/", StringComparison.Ordinal));
    }
}

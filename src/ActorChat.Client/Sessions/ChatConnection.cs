using System.Net.Security;
using System.Net.Sockets;
using System.Security.Authentication;
using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;
using System.Text;

namespace ActorChat.Client.Sessions;

/// <summary>One TCP (or TLS) connection to the server: lines out, lines in.</summary>
internal sealed class ChatConnection : IAsyncDisposable
{
    private readonly TcpClient _tcp;
    private readonly StreamReader _reader;
    private readonly StreamWriter _writer;
    private readonly SemaphoreSlim _sending = new(1, 1);

    private ChatConnection(TcpClient tcp, Stream stream)
    {
        _tcp = tcp;
        _reader = new StreamReader(stream, new UTF8Encoding(false));
        _writer = new StreamWriter(stream, new UTF8Encoding(false)) { NewLine = "\n", AutoFlush = true };
    }

    /// <summary>Throws <see cref="SocketException"/> when the server cannot be reached, <see cref="AuthenticationException"/> when its certificate is not trusted.</summary>
    public static async Task<ChatConnection> ConnectAsync(ClientOptions options, CancellationToken cancellationToken)
    {
        var tcp = new TcpClient { NoDelay = true };
        try
        {
            await tcp.ConnectAsync(options.Host, options.Port, cancellationToken);
            Stream stream = tcp.GetStream();
            if (options.Tls)
            {
                string? refusal = null;
                var tls = new SslStream(stream, leaveInnerStreamOpen: false, (_, certificate, _, errors) =>
                    (refusal = Refusal(certificate, errors, options.Fingerprint)) is null);
                try
                {
                    await tls.AuthenticateAsClientAsync(new SslClientAuthenticationOptions { TargetHost = options.Host }, cancellationToken);
                }
                catch (AuthenticationException) when (refusal is not null)
                {
                    throw new AuthenticationException(refusal);      // say why, not only that the callback said no
                }
                stream = tls;
            }
            return new ChatConnection(tcp, stream);
        }
        catch
        {
            tcp.Dispose();
            throw;
        }
    }

    /// <summary>A pinned fingerprint replaces the system's trust (a self-signed server); without one, the system decides.</summary>
    internal static bool Trusted(X509Certificate? certificate, SslPolicyErrors errors, string? fingerprint) =>
        Refusal(certificate, errors, fingerprint) is null;

    /// <summary>Why the certificate is not trusted, in words a person can act on; null when it is trusted.</summary>
    internal static string? Refusal(X509Certificate? certificate, SslPolicyErrors errors, string? fingerprint)
    {
        if (certificate is null)
        {
            return "the server sent no certificate";
        }
        var actual = string.Join(':', certificate.GetCertHashString(HashAlgorithmName.SHA256).Chunk(2).Select(c => new string(c)));
        if (fingerprint is null)
        {
            return errors == SslPolicyErrors.None ? null
                : $"the server's certificate is not trusted ({errors}); if you know it is the server's, pin it: --fingerprint {actual}";
        }
        var pinned = fingerprint.Replace(":", "", StringComparison.Ordinal);
        return actual.Replace(":", "", StringComparison.Ordinal).Equals(pinned, StringComparison.OrdinalIgnoreCase) ? null
            : $"the server's certificate has fingerprint {actual}, not the pinned {fingerprint}";
    }

    public async Task SendLineAsync(string line)
    {
        await _sending.WaitAsync();
        try
        {
            await _writer.WriteLineAsync(line);
        }
        finally
        {
            _sending.Release();
        }
    }

    /// <summary>The next line; null when the connection has ended.</summary>
    public async Task<string?> ReadLineAsync(CancellationToken cancellationToken)
    {
        try
        {
            return await _reader.ReadLineAsync(cancellationToken);
        }
        catch (IOException)
        {
            return null;
        }
    }

    public async ValueTask DisposeAsync()
    {
        _tcp.Dispose();
        _sending.Dispose();
        await Task.CompletedTask;
    }
}

using System.Net.Security;
using System.Net.Sockets;
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
                var tls = new SslStream(stream, leaveInnerStreamOpen: false, (_, certificate, _, errors) => Trusted(certificate, errors, options.Fingerprint));
                await tls.AuthenticateAsClientAsync(new SslClientAuthenticationOptions { TargetHost = options.Host }, cancellationToken);
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
    internal static bool Trusted(X509Certificate? certificate, SslPolicyErrors errors, string? fingerprint)
    {
        if (fingerprint is null)
        {
            return errors == SslPolicyErrors.None;
        }
        var pinned = fingerprint.Replace(":", "", StringComparison.Ordinal);
        return certificate is not null && certificate.GetCertHashString(HashAlgorithmName.SHA256).Equals(pinned, StringComparison.OrdinalIgnoreCase);
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

using ActorChat.Server.Hosting;
using System.Net.Security;
using System.Security.Authentication;
using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;
using ActorChat.Core;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace ActorChat.Server.Tls;

/// <summary>
/// The server's TLS certificate, for every TLS listener: the one configured (<c>Chat:TlsCertificate</c>
/// as PEM with <c>Chat:TlsKey</c>, or as PFX with <c>Chat:TlsPassword</c>), else a self-signed one made
/// at first start and kept in <c>Chat:DataDirectory</c>. Loaded once, when a listener first needs it.
/// </summary>
internal sealed class CertificateProvider : Web.IHttpsCertificate
{
    private readonly ChatOptions _options;
    private readonly TimeProvider _clock;
    private readonly ILogger _logger;
    private readonly Lazy<ServerIdentity> _identity;

    public CertificateProvider(IOptions<ChatOptions> options, TimeProvider clock, ILogger<CertificateProvider> logger)
    {
        _options = options.Value;
        _clock = clock;
        _logger = logger;
        _identity = new Lazy<ServerIdentity>(Load);
    }

    /// <summary>The certificate; throws <see cref="StartupException"/> when it cannot be read or made.</summary>
    public ServerIdentity Identity => _identity.Value;

    /// <summary>The same certificate for HTTPS (<c>Chat:HttpsPort</c>).</summary>
    public System.Security.Cryptography.X509Certificates.X509Certificate2 Certificate => Identity.Certificate;

    /// <summary>The server side of every handshake: this certificate, TLS 1.2 and 1.3 only, no client certificate, no renegotiation.</summary>
    public SslServerAuthenticationOptions ServerOptions() => new()
    {
        ServerCertificateContext = Identity.Context,
        EnabledSslProtocols = SslProtocols.Tls12 | SslProtocols.Tls13,
        ClientCertificateRequired = false,
        CertificateRevocationCheckMode = X509RevocationMode.NoCheck,
        AllowRenegotiation = false,
    };

    private ServerIdentity Load()
    {
        var identity = _options.TlsCertificate.Length > 0 ? LoadConfigured() : LoadGenerated();
        var certificate = identity.Certificate;
        var notAfter = certificate.NotAfter.ToUniversalTime();
        if (notAfter < _clock.GetUtcNow().UtcDateTime)
        {
            Log.CertificateExpired(_logger, identity.Source, notAfter);
        }
        var subject = certificate.Subject;
        Log.CertificateLoaded(_logger, identity.Source, subject, notAfter, identity.Fingerprint);
        return identity;
    }

    private ServerIdentity LoadConfigured()
    {
        var path = _options.TlsCertificate;
        try
        {
            return _options.TlsKey.Length > 0 || IsPem(path) ? FromPem(path, _options.TlsKey, _options.TlsPassword) : FromPfx(path, _options.TlsPassword);
        }
        catch (Exception e) when (e is CryptographicException or IOException or UnauthorizedAccessException or ArgumentException)
        {
            // The message names the files, never the password.
            throw new StartupException($"cannot read the TLS certificate {path}{(_options.TlsKey.Length > 0 ? $" with key {_options.TlsKey}" : "")}: {e.Message}", e);
        }
    }

    /// <summary>The generated certificate, made on first start; made again only once it has expired (its fingerprint then changes).</summary>
    private ServerIdentity LoadGenerated()
    {
        var directory = Path.GetFullPath(_options.DataDirectory);
        var certificatePath = Path.Combine(directory, SelfSignedCertificate.CertificateFile);
        var keyPath = Path.Combine(directory, SelfSignedCertificate.KeyFile);
        try
        {
            if (File.Exists(certificatePath) && File.Exists(keyPath))
            {
                var kept = FromPem(certificatePath, keyPath, password: "");
                var notAfter = kept.Certificate.NotAfter.ToUniversalTime();
                if (notAfter > _clock.GetUtcNow().UtcDateTime)
                {
                    return kept;
                }
                Log.GeneratedCertificateExpired(_logger, certificatePath, notAfter);
            }
            SelfSignedCertificate.CreateIn(directory, _clock.GetUtcNow());
            Log.CertificateGenerated(_logger, certificatePath);
            return FromPem(certificatePath, keyPath, password: "");
        }
        catch (Exception e) when (e is CryptographicException or IOException or UnauthorizedAccessException)
        {
            throw new StartupException(
                $"cannot read or make the self-signed TLS certificate in {directory}: {e.Message} (delete {SelfSignedCertificate.CertificateFile} and {SelfSignedCertificate.KeyFile} there to make a new one)", e);
        }
    }

    private static bool IsPem(string path)
    {
        Span<byte> start = stackalloc byte[64];
        using var file = File.OpenRead(path);
        var read = file.ReadAtLeast(start, start.Length, throwOnEndOfStream: false);
        return start[..read].IndexOf("-----BEGIN "u8) >= 0;
    }

    /// <summary>A PEM certificate (and the chain after it in the same file) with its key, from <paramref name="keyPath"/> or the same file.</summary>
    private static ServerIdentity FromPem(string certificatePath, string keyPath, string password)
    {
        var key = keyPath.Length > 0 ? keyPath : null;
        var certificate = password.Length > 0
            ? X509Certificate2.CreateFromEncryptedPemFile(certificatePath, password, key)
            : X509Certificate2.CreateFromPemFile(certificatePath, key);
        var all = new X509Certificate2Collection();
        all.ImportFromPemFile(certificatePath);
        return new ServerIdentity(certificate, [.. all.Skip(1)], certificatePath);
    }

    private static ServerIdentity FromPfx(string path, string password)
    {
        var all = X509CertificateLoader.LoadPkcs12CollectionFromFile(path, password.Length > 0 ? password : null);
        var leaf = all.FirstOrDefault(c => c.HasPrivateKey)
            ?? throw new CryptographicException("the PFX holds no certificate with a private key");
        return new ServerIdentity(leaf, [.. all.Where(c => c != leaf)], path);
    }
}

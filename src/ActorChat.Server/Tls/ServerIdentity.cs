using System.Net.Security;
using System.Security.Cryptography.X509Certificates;

namespace ActorChat.Server.Tls;

/// <summary>The certificate every TLS listener presents, its chain, and its SHA-256 fingerprint (<c>AB:CD:…</c>, as <c>openssl x509 -fingerprint -sha256</c> prints it).</summary>
internal sealed class ServerIdentity(X509Certificate2 certificate, X509Certificate2Collection chain, string source)
{
    public X509Certificate2 Certificate { get; } = certificate;

    /// <summary>Where it came from: the configured file, or the generated one.</summary>
    public string Source { get; } = source;

    public string Fingerprint { get; } = string.Join(':', Convert.ToHexString(certificate.GetCertHash(System.Security.Cryptography.HashAlgorithmName.SHA256)).Chunk(2).Select(pair => new string(pair)));

    /// <summary>Built once: the chain sent in every handshake, without a lookup per connection.</summary>
    public SslStreamCertificateContext Context { get; } = SslStreamCertificateContext.Create(certificate, chain, offline: true);
}

using System.Net.Security;
using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;
using ActorChat.Client.Sessions;

namespace ActorChat.Client.Tests;

/// <summary>--tls and --fingerprint: whom the client trusts (the decision alone; TlsTests connects to a real TLS server).</summary>
public class TlsTrustTests
{
    [Fact]
    public void A_pinned_fingerprint_trusts_that_certificate_alone_and_otherwise_the_system_decides()
    {
        using var key = ECDsa.Create();
        using var certificate = new CertificateRequest("CN=chat.example", key, HashAlgorithmName.SHA256)
            .CreateSelfSigned(DateTimeOffset.UtcNow.AddDays(-1), DateTimeOffset.UtcNow.AddDays(1));
        var hex = certificate.GetCertHashString(HashAlgorithmName.SHA256);
        var withColons = string.Join(':', hex.Chunk(2).Select(c => new string(c))).ToLowerInvariant();

        Assert.True(ChatConnection.Trusted(certificate, SslPolicyErrors.RemoteCertificateChainErrors, withColons));
        Assert.False(ChatConnection.Trusted(certificate, SslPolicyErrors.None, new string('0', 64)));
        Assert.False(ChatConnection.Trusted(certificate, SslPolicyErrors.RemoteCertificateChainErrors, null));
        Assert.True(ChatConnection.Trusted(certificate, SslPolicyErrors.None, null));
    }
}

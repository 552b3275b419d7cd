using System.Security.Cryptography.X509Certificates;

namespace ActorChat.Server.Web;

/// <summary>
/// The seam for <c>Chat:HttpsPort</c>: the server's TLS certificate (made or loaded by Server/Tls),
/// registered in DI as this interface (the <c>CertificateProvider</c>: configured, or self-signed in the data directory).
/// </summary>
internal interface IHttpsCertificate
{
    X509Certificate2 Certificate { get; }
}

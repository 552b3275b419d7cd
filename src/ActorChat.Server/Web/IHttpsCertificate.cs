using System.Security.Cryptography.X509Certificates;

namespace ActorChat.Server.Web;

/// <summary>
/// The seam for <c>Chat:HttpsPort</c>: the server's TLS certificate (made or loaded by Server/Tls),
/// registered in DI as this interface. Without one, an HTTPS port is refused at start with a clear error.
/// </summary>
internal interface IHttpsCertificate
{
    X509Certificate2 Certificate { get; }
}

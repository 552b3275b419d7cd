using System.Net;
using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;
using System.Text;

namespace ActorChat.Server.Tls;

/// <summary>
/// The certificate the server makes for itself when none is configured: ECDSA P-256, valid a year,
/// for localhost, 127.0.0.1, ::1 and the machine's host name; kept as PEM files in the data
/// directory (directory 0700, key 0600, certificate 0644) and reused on later starts.
/// </summary>
internal static class SelfSignedCertificate
{
    public const string CertificateFile = "tls-certificate.pem", KeyFile = "tls-key.pem";

    private static readonly TimeSpan Validity = TimeSpan.FromDays(365);

    /// <summary>Makes a new key and certificate and writes both into <paramref name="directory"/>, replacing any there.</summary>
    public static void CreateIn(string directory, DateTimeOffset now)
    {
        using var key = ECDsa.Create(ECCurve.NamedCurves.nistP256);
        var hostName = Dns.GetHostName();
        var subject = new X500DistinguishedNameBuilder();
        subject.AddCommonName(hostName);
        subject.AddOrganizationName("ActorChat (self-signed)");
        var request = new CertificateRequest(subject.Build(), key, HashAlgorithmName.SHA256);
        request.CertificateExtensions.Add(new X509BasicConstraintsExtension(false, false, 0, true));
        request.CertificateExtensions.Add(new X509KeyUsageExtension(X509KeyUsageFlags.DigitalSignature, true));
        request.CertificateExtensions.Add(new X509EnhancedKeyUsageExtension([new Oid("1.3.6.1.5.5.7.3.1", "serverAuth")], false));
        request.CertificateExtensions.Add(new X509SubjectKeyIdentifierExtension(request.PublicKey, false));
        request.CertificateExtensions.Add(Names(hostName));
        // Back-dated a little, so a client whose clock is slightly behind accepts it at once.
        using var certificate = request.CreateSelfSigned(now.AddMinutes(-5), now + Validity);

        CreateDirectory(directory);
        // The key first: a certificate file is only ever beside the key it belongs to.
        Write(Path.Combine(directory, KeyFile), key.ExportPkcs8PrivateKeyPem(), UnixFileMode.UserRead | UnixFileMode.UserWrite);
        Write(Path.Combine(directory, CertificateFile), certificate.ExportCertificatePem(),
            UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.GroupRead | UnixFileMode.OtherRead);
    }

    private static X509Extension Names(string hostName)
    {
        var names = new SubjectAlternativeNameBuilder();
        names.AddDnsName("localhost");
        names.AddIpAddress(IPAddress.Loopback);
        names.AddIpAddress(IPAddress.IPv6Loopback);
        if (!hostName.Equals("localhost", StringComparison.OrdinalIgnoreCase) && Uri.CheckHostName(hostName) == UriHostNameType.Dns)
        {
            names.AddDnsName(hostName);
        }
        return names.Build();
    }

    private static void CreateDirectory(string directory)
    {
        if (Directory.Exists(directory))
        {
            return;     // the operator's (or the store's) directory: its mode is theirs
        }
        if (OperatingSystem.IsWindows())
        {
            Directory.CreateDirectory(directory);
        }
        else
        {
            Directory.CreateDirectory(directory, UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute);
        }
    }

    /// <summary>
    /// Writes through a new file created with <paramref name="mode"/> from the start (the key is never
    /// readable by others, not even for a moment), then renames it into place.
    /// </summary>
    private static void Write(string path, string pem, UnixFileMode mode)
    {
        var temporary = path + ".new";
        File.Delete(temporary);
        var create = new FileStreamOptions { Mode = FileMode.CreateNew, Access = FileAccess.Write };
        if (!OperatingSystem.IsWindows())
        {
            create.UnixCreateMode = mode;
        }
        using (var file = new FileStream(temporary, create))
        {
            file.Write(Encoding.ASCII.GetBytes(pem));
            file.Flush(flushToDisk: true);
        }
        if (!OperatingSystem.IsWindows())
        {
            File.SetUnixFileMode(temporary, mode);     // the umask may have narrowed it
        }
        File.Move(temporary, path, overwrite: true);
    }
}

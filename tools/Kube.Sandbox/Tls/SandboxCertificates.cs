using System.Net;
using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;

namespace Kube.Sandbox.Tls;

/// <summary>
/// The sandbox's own certificate authority and the serving certificate it signs (SAN 127.0.0.1, ::1, localhost).
/// The CA is kept in the state directory so kubeconfigs written earlier stay valid across restarts.
/// </summary>
internal sealed class SandboxCertificates : IDisposable
{
    private SandboxCertificates(X509Certificate2 authority, X509Certificate2 server, string authorityPem)
    {
        Authority = authority;
        Server = server;
        AuthorityPem = authorityPem;
    }

    /// <summary>The CA certificate (public part only is ever handed out).</summary>
    public X509Certificate2 Authority { get; }

    /// <summary>Serving certificate with an exportable private key, loadable by Kestrel on every platform.</summary>
    public X509Certificate2 Server { get; }

    /// <summary>PEM of the CA certificate: what kubeconfigs carry as certificate-authority-data.</summary>
    public string AuthorityPem { get; }

    public static SandboxCertificates LoadOrCreate(string stateDirectory, TimeProvider time)
    {
        Directory.CreateDirectory(stateDirectory);
        var caCertPath = Path.Combine(stateDirectory, "ca.crt");
        var caKeyPath = Path.Combine(stateDirectory, "ca.key");
        var now = time.GetUtcNow();

        X509Certificate2 authority;
        if (File.Exists(caCertPath) && File.Exists(caKeyPath))
        {
            authority = X509Certificate2.CreateFromPemFile(caCertPath, caKeyPath);
            if (authority.NotAfter.ToUniversalTime() < now.UtcDateTime.AddDays(1))
            {
                authority.Dispose();
                authority = CreateAuthority(now);
                Persist(authority, caCertPath, caKeyPath);
            }
        }
        else
        {
            authority = CreateAuthority(now);
            Persist(authority, caCertPath, caKeyPath);
        }

        var server = CreateServer(authority, now);
        var serverPem = server.ExportCertificatePem();
        File.WriteAllText(Path.Combine(stateDirectory, "server.crt"), serverPem);
        return new SandboxCertificates(authority, server, authority.ExportCertificatePem());
    }

    private static X509Certificate2 CreateAuthority(DateTimeOffset now)
    {
        using var key = ECDsa.Create(ECCurve.NamedCurves.nistP256);
        var request = new CertificateRequest("CN=kube-sandbox-ca, O=kube-sandbox", key, HashAlgorithmName.SHA256);
        request.CertificateExtensions.Add(new X509BasicConstraintsExtension(true, false, 0, true));
        request.CertificateExtensions.Add(new X509KeyUsageExtension(X509KeyUsageFlags.KeyCertSign | X509KeyUsageFlags.CrlSign | X509KeyUsageFlags.DigitalSignature, true));
        request.CertificateExtensions.Add(new X509SubjectKeyIdentifierExtension(request.PublicKey, false));
        return request.CreateSelfSigned(now.AddHours(-1), now.AddYears(5));
    }

    private static X509Certificate2 CreateServer(X509Certificate2 authority, DateTimeOffset now)
    {
        using var key = ECDsa.Create(ECCurve.NamedCurves.nistP256);
        var request = new CertificateRequest("CN=kube-apiserver", key, HashAlgorithmName.SHA256);
        request.CertificateExtensions.Add(new X509BasicConstraintsExtension(false, false, 0, true));
        request.CertificateExtensions.Add(new X509KeyUsageExtension(X509KeyUsageFlags.DigitalSignature | X509KeyUsageFlags.KeyEncipherment, true));
        request.CertificateExtensions.Add(new X509EnhancedKeyUsageExtension([new Oid("1.3.6.1.5.5.7.3.1")], false));
        var san = new SubjectAlternativeNameBuilder();
        san.AddIpAddress(IPAddress.Loopback);
        san.AddIpAddress(IPAddress.IPv6Loopback);
        san.AddDnsName("localhost");
        request.CertificateExtensions.Add(san.Build());
        request.CertificateExtensions.Add(new X509SubjectKeyIdentifierExtension(request.PublicKey, false));
        request.CertificateExtensions.Add(X509AuthorityKeyIdentifierExtension.CreateFromCertificate(authority, true, false));

        var serial = RandomNumberGenerator.GetBytes(16);
        serial[0] &= 0x7F;
        var notAfter = now.AddYears(1) < authority.NotAfter ? now.AddYears(1) : new DateTimeOffset(authority.NotAfter);
        using var signed = request.Create(authority, now.AddHours(-1), notAfter, serial);
        using var withKey = signed.CopyWithPrivateKey(key);
        // On Linux an ephemeral key cannot be used by SslStream: round-trip through PKCS#12 to get a usable one.
        var pfx = withKey.Export(X509ContentType.Pkcs12);
        return X509CertificateLoader.LoadPkcs12(pfx, null, X509KeyStorageFlags.Exportable);
    }

    private static void Persist(X509Certificate2 authority, string certPath, string keyPath)
    {
        File.WriteAllText(certPath, authority.ExportCertificatePem());
        using var key = authority.GetECDsaPrivateKey() ?? throw new InvalidOperationException("CA has no private key");
        File.WriteAllText(keyPath, key.ExportPkcs8PrivateKeyPem());
        if (!OperatingSystem.IsWindows())
        {
            File.SetUnixFileMode(keyPath, UnixFileMode.UserRead | UnixFileMode.UserWrite);
        }
    }

    public void Dispose()
    {
        Authority.Dispose();
        Server.Dispose();
    }
}

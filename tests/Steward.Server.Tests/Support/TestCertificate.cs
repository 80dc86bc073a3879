using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;

namespace Steward.Server.Tests.Support;

/// <summary>A self-signed server certificate made in the test, as PEM text (what cert-manager writes to tls.crt and tls.key).</summary>
internal sealed record TestCertificate(string CertificatePem, string KeyPem, string Thumbprint)
{
    public static TestCertificate Create(string commonName)
    {
        using var key = ECDsa.Create(ECCurve.NamedCurves.nistP256);
        var request = new CertificateRequest($"CN={commonName}", key, HashAlgorithmName.SHA256);
        var names = new SubjectAlternativeNameBuilder();
        names.AddIpAddress(System.Net.IPAddress.Loopback);
        names.AddDnsName("localhost");
        request.CertificateExtensions.Add(names.Build());
        request.CertificateExtensions.Add(new X509EnhancedKeyUsageExtension([new Oid("1.3.6.1.5.5.7.3.1")], critical: false));
        var now = DateTimeOffset.UtcNow;
        using var certificate = request.CreateSelfSigned(now.AddMinutes(-5), now.AddDays(1));
        return new TestCertificate(certificate.ExportCertificatePem(), key.ExportPkcs8PrivateKeyPem(), certificate.Thumbprint);
    }
}

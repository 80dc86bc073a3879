using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;
using Steward.Core;

namespace Steward.Server.Hosting;

/// <summary>
/// Reads the PEM certificate (with its chain) and private key of <c>--tls-cert</c>/<c>--tls-key</c>,
/// and says in one line which flag is wrong: a missing file, no certificate, no key, or a key that
/// is not the certificate's.
/// </summary>
public static class TlsCertificatePair
{
    /// <summary>PEM files are small; a larger file is not a certificate (and is not read whole).</summary>
    public const long MaxPemBytes = 1024 * 1024;

    public static X509Certificate2 Load(string certFile, string keyFile)
    {
        var certPem = Read(certFile, "--tls-cert");
        var keyPem = Read(keyFile, "--tls-key");
        if (!certPem.Contains("-----BEGIN CERTIFICATE-----", StringComparison.Ordinal))
            throw new StewardInputException($"--tls-cert {certFile}: no PEM certificate (-----BEGIN CERTIFICATE-----) in the file");
        if (!keyPem.Contains("PRIVATE KEY-----", StringComparison.Ordinal))
            throw new StewardInputException($"--tls-key {keyFile}: no PEM private key (-----BEGIN ... PRIVATE KEY-----) in the file");
        X509Certificate2 certificate;
        try
        {
            certificate = X509Certificate2.CreateFromPem(certPem, keyPem);
        }
        catch (ArgumentException e) when (e.ParamName == "privateKey")
        {
            // The key's public half is not the certificate's.
            throw new StewardInputException($"--tls-key {keyFile}: the key does not match the certificate of --tls-cert {certFile}");
        }
        catch (Exception e) when (e is CryptographicException or ArgumentException)
        {
            throw new StewardInputException($"--tls-cert {certFile} / --tls-key {keyFile}: cannot read the pair: {e.Message}");
        }
        // Windows' TLS stack cannot use an ephemeral key; a PKCS#12 round trip gives it a persisted one.
        if (OperatingSystem.IsWindows())
        {
            using var ephemeral = certificate;
            certificate = X509CertificateLoader.LoadPkcs12(ephemeral.Export(X509ContentType.Pkcs12), null);
        }
        return certificate;
    }

    private static string Read(string path, string flag)
    {
        try
        {
            // File.ReadAllText follows symbolic links: cert-manager's Secret volumes are ..data links.
            var info = new FileInfo(path);
            if (!info.Exists)
                throw new StewardInputException($"{flag} {path}: file not found");
            if (info.Length > MaxPemBytes)
                throw new StewardInputException($"{flag} {path}: {info.Length} bytes, more than a PEM file holds (limit {MaxPemBytes})");
            return File.ReadAllText(path);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            throw new StewardInputException($"{flag} {path}: cannot read: {e.Message}");
        }
    }
}

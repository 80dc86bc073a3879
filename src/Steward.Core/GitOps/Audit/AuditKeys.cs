using System.Security.Cryptography;
using System.Text;
using NSec.Cryptography;

namespace Steward.Core.GitOps.Audit;

/// <summary>Ed25519 keys for signing audit entries, read from PEM (PKCS#8 private, SPKI public) as openssl writes them.</summary>
public static class AuditKeys
{
    private static readonly SignatureAlgorithm Algorithm = SignatureAlgorithm.Ed25519;

    public static Key LoadPrivate(string path)
    {
        var bytes = Read(path);
        if (!Key.TryImport(Algorithm, bytes, KeyBlobFormat.PkixPrivateKeyText, out var key, new KeyCreationParameters { ExportPolicy = KeyExportPolicies.None }) || key is null)
            throw new StewardInputException($"{path}: not an Ed25519 private key in PEM (PKCS#8) form");
        return key;
    }

    public static PublicKey LoadPublic(string path)
    {
        var bytes = Read(path);
        if (PublicKey.TryImport(Algorithm, bytes, KeyBlobFormat.PkixPublicKeyText, out var key) && key is not null) return key;
        // A private key also holds its public key.
        using var pair = LoadPrivate(path);
        return pair.PublicKey;
    }

    /// <summary>A short, stable name for a public key: the first 16 hex digits of SHA-256 of its raw bytes.</summary>
    public static string KeyId(PublicKey key) =>
        Convert.ToHexStringLower(SHA256.HashData(key.Export(KeyBlobFormat.RawPublicKey)))[..16];

    public static string Sign(Key key, string hashHex) =>
        Convert.ToBase64String(Algorithm.Sign(key, Convert.FromHexString(hashHex)));

    public static bool Verify(PublicKey key, string hashHex, string signature)
    {
        try
        {
            return Algorithm.Verify(key, Convert.FromHexString(hashHex), Convert.FromBase64String(signature));
        }
        catch (FormatException)
        {
            return false;
        }
    }

    /// <summary>Signs a message (an audit head's canonical JSON); base64.</summary>
    public static string SignMessage(Key key, byte[] message) => Convert.ToBase64String(Algorithm.Sign(key, message));

    public static bool VerifyMessage(PublicKey key, byte[] message, string signature)
    {
        try
        {
            return Algorithm.Verify(key, message, Convert.FromBase64String(signature));
        }
        catch (FormatException)
        {
            return false;
        }
    }

    private static byte[] Read(string path)
    {
        if (!File.Exists(path)) throw new StewardInputException($"{path}: key file not found");
        return Encoding.ASCII.GetBytes(File.ReadAllText(path));
    }
}

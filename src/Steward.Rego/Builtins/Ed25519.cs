using NSec.Cryptography;

namespace Steward.Rego.Builtins;

/// <summary>
/// Ed25519 signatures (RFC 8032) for JWT's EdDSA, from NSec (libsodium): constant-time signing
/// with a kept library, since io.jwt.encode_sign signs with a caller's secret inside a process
/// that may serve requests. .NET 10's BCL has no Ed25519. NSec stays internal: no NSec type is
/// part of the engine's public API.
/// </summary>
internal static class Ed25519
{
    private static readonly SignatureAlgorithm Algorithm = SignatureAlgorithm.Ed25519;

    /// <summary>The 64-byte signature of <paramref name="message"/> under the 32-byte private seed.</summary>
    public static byte[] Sign(byte[] seed, byte[] message)
    {
        if (seed.Length != 32) throw new ArgumentException("an Ed25519 private key is 32 bytes");
        using var key = Key.Import(Algorithm, seed, KeyBlobFormat.RawPrivateKey);
        return Algorithm.Sign(key, message);
    }

    public static bool Verify(byte[] publicKey, byte[] message, byte[] signature)
    {
        if (publicKey.Length != 32 || signature.Length != 64) return false;
        return PublicKey.TryImport(Algorithm, publicKey, KeyBlobFormat.RawPublicKey, out var key)
            && key is not null
            && Algorithm.Verify(key, message, signature);
    }
}

using System.Formats.Asn1;
using System.Security.Cryptography;
using NSec.Cryptography;

namespace Steward.Core.SupplyChain.Signing;

/// <summary>A private key that signs.</summary>
public interface ISigner : IDisposable
{
    /// <summary>"ecdsa-p256-sha256" or "ed25519".</summary>
    string Algorithm { get; }

    /// <summary>Hex SHA-256 of the public key's SubjectPublicKeyInfo DER.</summary>
    string KeyId { get; }

    byte[] Sign(byte[] data);
}

/// <summary>A public key that verifies.</summary>
public interface IVerifier : IDisposable
{
    string Algorithm { get; }

    string KeyId { get; }

    bool Verify(byte[] data, byte[] signature);
}

/// <summary>
/// Loads PEM keys: ECDSA P-256 (PKCS#8 "PRIVATE KEY" or SEC1 "EC PRIVATE KEY"; SPKI "PUBLIC KEY")
/// and Ed25519 (PKCS#8 / SPKI), the formats openssl and cosign write. The algorithm is read from
/// the key's AlgorithmIdentifier, not guessed from the file name.
/// </summary>
public static class SigningKeys
{
    private const string EcPublicKeyOid = "1.2.840.10045.2.1";
    private const string P256Oid = "1.2.840.10045.3.1.7";
    private const string Ed25519Oid = "1.3.101.112";

    /// <exception cref="StewardInputException">Not a supported private key; the message names the file.</exception>
    public static ISigner LoadSigner(string file)
    {
        var (label, der) = ReadPem(file);
        try
        {
            switch (label)
            {
                case "EC PRIVATE KEY":
                {
                    var ec = ECDsa.Create();
                    ec.ImportECPrivateKey(der, out _);
                    return new EcdsaKey(CheckP256(ec, file));
                }
                case "PRIVATE KEY":
                    switch (AlgorithmOid(der, pkcs8: true))
                    {
                        case EcPublicKeyOid:
                        {
                            var ec = ECDsa.Create();
                            ec.ImportPkcs8PrivateKey(der, out _);
                            return new EcdsaKey(CheckP256(ec, file));
                        }
                        case Ed25519Oid:
                            return new Ed25519Signer(Key.Import(SignatureAlgorithm.Ed25519, der, KeyBlobFormat.PkixPrivateKey));
                        case var oid:
                            throw new StewardInputException($"{file}: key algorithm {oid} is not supported (use ECDSA P-256 or Ed25519).");
                    }
                case "ENCRYPTED PRIVATE KEY":
                    throw new StewardInputException($"{file}: encrypted private keys are not supported; decrypt it first (openssl pkcs8 -in KEY -out PLAIN.pem).");
                case "PUBLIC KEY":
                    throw new StewardInputException($"{file}: this is a public key; signing needs the private key.");
                default:
                    throw new StewardInputException($"{file}: PEM block '{label}' is not a supported private key.");
            }
        }
        catch (Exception ex) when (ex is CryptographicException or AsnContentException or FormatException)
        {
            throw new StewardInputException($"{file}: not a valid {label}: {ex.Message}", ex);
        }
    }

    /// <summary>Loads a public key (a private key file is accepted too: its public half is used).</summary>
    /// <exception cref="StewardInputException">Not a supported key; the message names the file.</exception>
    public static IVerifier LoadVerifier(string file)
    {
        var (label, der) = ReadPem(file);
        if (label != "PUBLIC KEY")
        {
            using var signer = LoadSigner(file);
            return signer switch
            {
                EcdsaKey ec => ec.PublicOnly(),
                Ed25519Signer ed => ed.PublicOnly(),
                _ => throw new InvalidOperationException("unknown signer"),
            };
        }
        try
        {
            switch (AlgorithmOid(der, pkcs8: false))
            {
                case EcPublicKeyOid:
                {
                    var ec = ECDsa.Create();
                    ec.ImportSubjectPublicKeyInfo(der, out _);
                    return new EcdsaKey(CheckP256(ec, file));
                }
                case Ed25519Oid:
                    return new Ed25519Verifier(PublicKey.Import(SignatureAlgorithm.Ed25519, der, KeyBlobFormat.PkixPublicKey));
                case var oid:
                    throw new StewardInputException($"{file}: key algorithm {oid} is not supported (use ECDSA P-256 or Ed25519).");
            }
        }
        catch (Exception ex) when (ex is CryptographicException or AsnContentException or FormatException)
        {
            throw new StewardInputException($"{file}: not a valid public key: {ex.Message}", ex);
        }
    }

    /// <summary>The first key block of a PEM file ("EC PARAMETERS", which openssl may write first, is skipped).</summary>
    private static (string Label, byte[] Der) ReadPem(string file)
    {
        if (!File.Exists(file)) throw new StewardInputException($"{file}: key file not found.");
        var text = Security.SafeFile.ReadText(file, file).AsSpan();
        while (PemEncoding.TryFind(text, out var fields))
        {
            var label = text[fields.Label].ToString();
            if (label != "EC PARAMETERS")
                return (label, Convert.FromBase64String(text[fields.Base64Data].ToString()));
            text = text[fields.Location.End..];
        }
        throw new StewardInputException($"{file}: no PEM key found (expected -----BEGIN PRIVATE KEY----- or -----BEGIN PUBLIC KEY-----).");
    }

    /// <summary>The OID of the AlgorithmIdentifier in a PKCS#8 PrivateKeyInfo or an SPKI.</summary>
    private static string AlgorithmOid(byte[] der, bool pkcs8)
    {
        var outer = new AsnReader(der, AsnEncodingRules.DER).ReadSequence();
        if (pkcs8) outer.ReadInteger();
        return outer.ReadSequence().ReadObjectIdentifier();
    }

    private static ECDsa CheckP256(ECDsa ec, string file)
    {
        var curve = ec.ExportParameters(false).Curve;
        if (ec.KeySize != 256 || (curve.Oid.Value is { } oid && oid != P256Oid))
        {
            ec.Dispose();
            throw new StewardInputException($"{file}: only the P-256 curve (prime256v1) is supported for ECDSA keys.");
        }
        return ec;
    }

    internal static string KeyIdOf(byte[] spki) => Convert.ToHexStringLower(SHA256.HashData(spki));

    /// <summary>ECDSA P-256 with SHA-256, DER (RFC 3279) signatures as openssl and cosign produce.</summary>
    private sealed class EcdsaKey(ECDsa ec) : ISigner, IVerifier
    {
        public string Algorithm => "ecdsa-p256-sha256";
        public string KeyId { get; } = KeyIdOf(ec.ExportSubjectPublicKeyInfo());

        public byte[] Sign(byte[] data) => ec.SignData(data, HashAlgorithmName.SHA256, DSASignatureFormat.Rfc3279DerSequence);

        public bool Verify(byte[] data, byte[] signature) =>
            ec.VerifyData(data, signature, HashAlgorithmName.SHA256, DSASignatureFormat.Rfc3279DerSequence)
            // Some tools write the fixed-size r||s form (IEEE P1363); accept it too.
            || (signature.Length == 64 && ec.VerifyData(data, signature, HashAlgorithmName.SHA256, DSASignatureFormat.IeeeP1363FixedFieldConcatenation));

        public EcdsaKey PublicOnly()
        {
            var pub = ECDsa.Create();
            pub.ImportSubjectPublicKeyInfo(ec.ExportSubjectPublicKeyInfo(), out _);
            return new EcdsaKey(pub);
        }

        public void Dispose() => ec.Dispose();
    }

    private sealed class Ed25519Signer(Key key) : ISigner
    {
        public string Algorithm => "ed25519";
        public string KeyId { get; } = KeyIdOf(key.PublicKey.Export(KeyBlobFormat.PkixPublicKey));

        public byte[] Sign(byte[] data) => SignatureAlgorithm.Ed25519.Sign(key, data);

        public Ed25519Verifier PublicOnly() =>
            new(PublicKey.Import(SignatureAlgorithm.Ed25519, key.PublicKey.Export(KeyBlobFormat.PkixPublicKey), KeyBlobFormat.PkixPublicKey));

        public void Dispose() => key.Dispose();
    }

    private sealed class Ed25519Verifier(PublicKey key) : IVerifier
    {
        public string Algorithm => "ed25519";
        public string KeyId { get; } = KeyIdOf(key.Export(KeyBlobFormat.PkixPublicKey));

        public bool Verify(byte[] data, byte[] signature) => SignatureAlgorithm.Ed25519.Verify(key, data, signature);

        public void Dispose()
        {
        }
    }
}

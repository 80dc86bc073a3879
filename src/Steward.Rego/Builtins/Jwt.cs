using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;
using Steward.Rego.Values;
using static Steward.Rego.Builtins.Arg;

namespace Steward.Rego.Builtins;

/// <summary>io.jwt.*: decoding, verification (HS, RS, PS, ES) and signing with JWKs.</summary>
internal static class Jwt
{
    public static void Register(Registrar r)
    {
        r.Add("io.jwt.decode", a =>
        {
            var t = Decode("io.jwt.decode", Str("io.jwt.decode", a, 0));
            return new RegoArray([t.Header, t.Payload, S(Convert.ToHexString(t.Signature).ToLowerInvariant())]);
        }, 1);
        foreach (var alg in new[] { "HS256", "HS384", "HS512", "RS256", "RS384", "RS512", "PS256", "PS384", "PS512", "ES256", "ES384", "ES512" })
        {
            var name = "io.jwt.verify_" + alg.ToLowerInvariant();
            r.Add(name, a =>
            {
                var token = Str(name, a, 0);
                var key = Str(name, a, 1);
                var t = Decode(name, token, nested: false);
                return B(alg.StartsWith("HS", StringComparison.Ordinal)
                    ? VerifyHmac(alg, t, Encoding.Utf8(key))
                    : Keys(name, key).Any(k => VerifyWith(alg, t, k)));
            }, 2);
        }
        r.Add("io.jwt.verify_eddsa", a =>
        {
            const string name = "io.jwt.verify_eddsa";
            var t = Decode(name, Str(name, a, 0), nested: false);
            var data = Encoding.Utf8(t.SigningInput);
            return B(EdKeys(name, Str(name, a, 1)).Any(k => Ed25519.Verify(k.PublicKey, data, t.Signature)));
        }, 2);
        r.Add("io.jwt.decode_verify", 2, (ctx, a) => DecodeVerify(ctx, Str("io.jwt.decode_verify", a, 0), Obj("io.jwt.decode_verify", a, 1)));
        r.Add("io.jwt.encode_sign", a =>
        {
            var header = Obj("io.jwt.encode_sign", a, 0);
            var payload = Obj("io.jwt.encode_sign", a, 1);
            var key = Obj("io.jwt.encode_sign", a, 2);
            return S(Sign("io.jwt.encode_sign", RegoJson.Serialize(header), RegoJson.Serialize(payload), header, key));
        }, 3);
        r.Add("io.jwt.encode_sign_raw", a =>
        {
            var header = Str("io.jwt.encode_sign_raw", a, 0);
            var payload = Str("io.jwt.encode_sign_raw", a, 1);
            var key = Str("io.jwt.encode_sign_raw", a, 2);
            var headerObj = ParseJson("io.jwt.encode_sign_raw", header) as RegoObject ?? throw Error("io.jwt.encode_sign_raw", "header must be an object");
            if (headerObj.Get("typ") is RegoString { Value: "JWT" })
            {
                try { RegoJson.Parse(payload); }
                catch (RegoException) { throw Error("io.jwt.encode_sign_raw", "type is JWT but payload is not JSON"); }
            }
            var keyObj = ParseJson("io.jwt.encode_sign_raw", key) as RegoObject ?? throw Error("io.jwt.encode_sign_raw", "key must be a JWK object");
            return S(Sign("io.jwt.encode_sign_raw", header, payload, headerObj, keyObj));
        }, 3);
    }

    /// <summary>An Ed25519 JWK (kty OKP): public key x and, for signing, the private seed d.</summary>
    private sealed record EdKey(byte[] PublicKey, byte[]? Seed);

    private sealed record Token(RegoObject Header, RegoValue Payload, byte[] Signature, string SigningInput, RegoObject RawHeader);

    private static RegoValue ParseJson(string fn, string s)
    {
        try { return RegoJson.Parse(s); }
        catch (RegoException) { throw Error(fn, "invalid JSON"); }
    }

    private static Token Decode(string fn, string token, bool nested = true)
    {
        var parts = token.Split('.');
        if (parts.Length != 3) throw Error(fn, "encoded JWT had no period separators");
        var headerBytes = B64(fn, parts[0]);
        var header = ParseJson(fn, System.Text.Encoding.UTF8.GetString(headerBytes)) as RegoObject ?? throw Error(fn, "invalid header");
        if (header.Get("enc") is not null) throw Error(fn, "JWT is a JWE object, which is not supported");
        var payloadText = System.Text.Encoding.UTF8.GetString(B64(fn, parts[1]));
        var sig = B64(fn, parts[2]);
        var wrapsToken = header.Get("cty") is RegoString { Value: var cty } && cty.Equals("JWT", StringComparison.OrdinalIgnoreCase);
        if (nested && wrapsToken) return Decode(fn, InnerToken(payloadText));
        // Unwrapping level by level (decode_verify): the payload of a wrapping token is the inner token.
        if (wrapsToken) return new Token(header, new RegoString(payloadText), sig, parts[0] + "." + parts[1], header);
        var payload = ParseJson(fn, payloadText);
        if (payload is not RegoObject) throw Error(fn, "JWT payload must be an object");
        return new Token(header, payload, sig, parts[0] + "." + parts[1], header);
    }

    /// <summary>A nested token's payload is the inner token, bare or as a JSON string.</summary>
    private static string InnerToken(string payload)
    {
        var t = payload.Trim();
        if (t.StartsWith('"'))
        {
            try { if (RegoJson.Parse(t) is RegoString s) return s.Value; }
            catch (RegoException) { }
        }
        return t;
    }

    private static byte[] B64(string fn, string s)
    {
        if (s.Contains('=', StringComparison.Ordinal)) s = s.TrimEnd('=');
        return Encoding.TryBase64(s, true) ?? throw Error(fn, "JWT is not base64url encoded");
    }

    private static string B64Url(byte[] b) => Convert.ToBase64String(b).TrimEnd('=').Replace('+', '-').Replace('/', '_');

    private static HashAlgorithmName Hash(string alg) => alg[2..] switch
    {
        "256" => HashAlgorithmName.SHA256,
        "384" => HashAlgorithmName.SHA384,
        _ => HashAlgorithmName.SHA512,
    };

    private static byte[] Hmac(string alg, byte[] key, byte[] data) => alg switch
    {
        "HS256" => HMACSHA256.HashData(key, data),
        "HS384" => HMACSHA384.HashData(key, data),
        _ => HMACSHA512.HashData(key, data),
    };

    private static bool VerifyHmac(string alg, Token t, byte[] key)
        => CryptographicOperations.FixedTimeEquals(Hmac(alg, key, Encoding.Utf8(t.SigningInput)), t.Signature);

    private static bool VerifyWith(string alg, Token t, AsymmetricAlgorithm key)
    {
        var data = Encoding.Utf8(t.SigningInput);
        try
        {
            return (alg[..2], key) switch
            {
                ("RS", RSA rsa) => rsa.VerifyData(data, t.Signature, Hash(alg), RSASignaturePadding.Pkcs1),
                ("PS", RSA rsa) => rsa.VerifyData(data, t.Signature, Hash(alg), RSASignaturePadding.Pss),
                ("ES", ECDsa ec) => ec.VerifyData(data, t.Signature, Hash(alg), DSASignatureFormat.IeeeP1363FixedFieldConcatenation),
                _ => false,
            };
        }
        catch (CryptographicException) { return false; }
    }

    /// <summary>Public keys from PEM certificates, PEM public keys, a JWK or a JWK set.</summary>
    private static List<AsymmetricAlgorithm> Keys(string fn, string text)
    {
        var keys = new List<AsymmetricAlgorithm>();
        var trimmed = text.Trim();
        if (trimmed.StartsWith('{'))
        {
            var jwk = ParseJson(fn, trimmed) as RegoObject ?? throw Error(fn, "failed to parse a JWK key (set)");
            if (jwk.Get("keys") is RegoArray set)
            {
                foreach (var k in set.Items)
                {
                    if (k is RegoObject ko && FromJwk(fn, ko, false) is AsymmetricAlgorithm a) keys.Add(a);
                }
            }
            else if (FromJwk(fn, jwk, false) is AsymmetricAlgorithm a) keys.Add(a);
            if (keys.Count == 0) throw Error(fn, "failed to parse a JWK key (set)");
            return keys;
        }
        if (!trimmed.Contains("-----BEGIN", StringComparison.Ordinal)) throw Error(fn, "failed to find a PEM certificate or public key");
        try
        {
            if (trimmed.Contains("BEGIN CERTIFICATE", StringComparison.Ordinal))
            {
                var end = trimmed.LastIndexOf("-----END CERTIFICATE-----", StringComparison.Ordinal);
                if (end >= 0 && trimmed[(end + "-----END CERTIFICATE-----".Length)..].Trim().Length > 0)
                    throw Error(fn, "extra data after a PEM certificate block");
                var certs = new X509Certificate2Collection();
                certs.ImportFromPem(trimmed);
                foreach (var c in certs)
                {
                    if (c.GetRSAPublicKey() is { } rsa) keys.Add(rsa);
                    else if (c.GetECDsaPublicKey() is { } ec) keys.Add(ec);
                }
                return keys;
            }
            try
            {
                var rsa = RSA.Create();
                rsa.ImportFromPem(trimmed);
                keys.Add(rsa);
            }
            catch (Exception e) when (e is ArgumentException or CryptographicException)
            {
                var ec = ECDsa.Create();
                ec.ImportFromPem(trimmed);
                keys.Add(ec);
            }
            return keys;
        }
        catch (Exception e) when (e is CryptographicException or ArgumentException)
        {
            throw Error(fn, "failed to parse a PEM certificate or public key: " + e.Message);
        }
    }

    /// <summary>The OID of Ed25519 keys in a SubjectPublicKeyInfo (RFC 8410).</summary>
    private const string Ed25519Oid = "1.3.101.112";

    /// <summary>
    /// Ed25519 public keys as OPA's getKeysFromCertOrJWK finds them: one PEM block (a certificate
    /// or a PUBLIC KEY), or a JWK or JWK set. A key of another type verifies nothing (OPA:
    /// "incorrect public key type", so false), it is not an error.
    /// </summary>
    private static List<EdKey> EdKeys(string fn, string text)
    {
        var trimmed = text.Trim();
        if (PemEncoding.TryFind(trimmed, out var pem))
        {
            if (trimmed[pem.Location.End.Value..].Trim().Length > 0) throw Error(fn, "extra data after a PEM certificate block");
            var label = trimmed[pem.Label];
            var der = Convert.FromBase64String(trimmed[pem.Base64Data]);
            try
            {
                byte[]? raw;
                string? oid;
                switch (label)
                {
                    case "CERTIFICATE":
                    {
                        using var cert = X509CertificateLoader.LoadCertificate(der);
                        (oid, raw) = (cert.PublicKey.Oid.Value, cert.PublicKey.EncodedKeyValue.RawData);
                        break;
                    }
                    case "PUBLIC KEY":
                    {
                        var key = PublicKey.CreateFromSubjectPublicKeyInfo(der, out _);
                        (oid, raw) = (key.Oid.Value, key.EncodedKeyValue.RawData);
                        break;
                    }
                    default: throw Error(fn, "failed to extract a Key from the PEM certificate");
                }
                return oid == Ed25519Oid ? [new EdKey(raw, null)] : [];
            }
            catch (CryptographicException e)
            {
                throw Error(fn, (label == "CERTIFICATE" ? "failed to parse a PEM certificate: " : "failed to parse a PEM public key: ") + e.Message);
            }
        }
        var jwk = ParseJson(fn, trimmed) as RegoObject ?? throw Error(fn, "failed to parse a JWK key (set)");
        IEnumerable<RegoValue> candidates = jwk.Get("keys") is RegoArray set ? set.Items : [jwk];
        return [.. candidates.OfType<RegoObject>().Where(k => k.Get("kty") is RegoString { Value: "OKP" })
            .Select(k => (EdKey)FromJwk(fn, k, false)!)];
    }

    private static byte[] JwkBytes(string fn, RegoObject jwk, string name)
        => jwk.Get(name) is RegoString s ? B64(fn, s.Value) : throw Error(fn, $"JWK is missing {name}");

    private static byte[]? OptBytes(string fn, RegoObject jwk, string name) => jwk.Get(name) is RegoString s ? B64(fn, s.Value) : null;

    private static object? FromJwk(string fn, RegoObject jwk, bool priv)
    {
        switch ((jwk.Get("kty") as RegoString)?.Value)
        {
            case "oct":
                return JwkBytes(fn, jwk, "k");
            case "RSA":
            {
                var p = new RSAParameters { Modulus = JwkBytes(fn, jwk, "n"), Exponent = JwkBytes(fn, jwk, "e") };
                if (priv)
                {
                    p.D = JwkBytes(fn, jwk, "d");
                    p.P = OptBytes(fn, jwk, "p");
                    p.Q = OptBytes(fn, jwk, "q");
                    p.DP = OptBytes(fn, jwk, "dp");
                    p.DQ = OptBytes(fn, jwk, "dq");
                    p.InverseQ = OptBytes(fn, jwk, "qi");
                    p = Normalize(p);
                }
                return RSA.Create(p);
            }
            case "OKP":
            {
                if ((jwk.Get("crv") as RegoString)?.Value != "Ed25519") throw Error(fn, "unsupported OKP curve");
                return new EdKey(JwkBytes(fn, jwk, "x"), priv ? JwkBytes(fn, jwk, "d") : null);
            }
            case "EC":
            {
                var curve = (jwk.Get("crv") as RegoString)?.Value switch
                {
                    "P-256" => ECCurve.NamedCurves.nistP256,
                    "P-384" => ECCurve.NamedCurves.nistP384,
                    "P-521" => ECCurve.NamedCurves.nistP521,
                    _ => throw Error(fn, "unsupported EC curve"),
                };
                var p = new ECParameters { Curve = curve, Q = new ECPoint { X = JwkBytes(fn, jwk, "x"), Y = JwkBytes(fn, jwk, "y") } };
                if (priv) p.D = JwkBytes(fn, jwk, "d");
                return ECDsa.Create(p);
            }
            default:
                return null;
        }
    }

    /// <summary>.NET wants the CRT parameters sized from the modulus.</summary>
    private static RSAParameters Normalize(RSAParameters p)
    {
        var n = p.Modulus!.Length;
        static byte[]? Pad(byte[]? b, int len) => b is null || b.Length >= len ? b : [.. new byte[len - b.Length], .. b];
        p.D = Pad(p.D, n);
        p.P = Pad(p.P, (n + 1) / 2);
        p.Q = Pad(p.Q, (n + 1) / 2);
        p.DP = Pad(p.DP, (n + 1) / 2);
        p.DQ = Pad(p.DQ, (n + 1) / 2);
        p.InverseQ = Pad(p.InverseQ, (n + 1) / 2);
        return p;
    }

    private static string Sign(string fn, string header, string payload, RegoObject headerObj, RegoObject key)
    {
        var alg = (headerObj.Get("alg") as RegoString)?.Value ?? throw Error(fn, "header has no alg");
        var input = B64Url(Encoding.Utf8(header)) + "." + B64Url(Encoding.Utf8(payload));
        var data = Encoding.Utf8(input);
        var k = FromJwk(fn, key, !alg.StartsWith("HS", StringComparison.Ordinal)) ?? throw Error(fn, "unsupported key type");
        byte[] sig;
        try
        {
            sig = (alg[..2], k) switch
            {
                ("HS", byte[] secret) => Hmac(alg, secret, data),
                ("RS", RSA rsa) => rsa.SignData(data, Hash(alg), RSASignaturePadding.Pkcs1),
                ("PS", RSA rsa) => rsa.SignData(data, Hash(alg), RSASignaturePadding.Pss),
                ("ES", ECDsa ec) => ec.SignData(data, Hash(alg), DSASignatureFormat.IeeeP1363FixedFieldConcatenation),
                ("Ed", EdKey { Seed: { Length: 32 } seed }) when alg == "EdDSA" => Ed25519.Sign(seed, data),
                _ => throw Error(fn, $"unsupported algorithm {alg} for this key"),
            };
        }
        catch (CryptographicException e) { throw Error(fn, e.Message); }
        return input + "." + B64Url(sig);
    }

    private static readonly RegoArray Invalid = new([RegoBool.False, RegoObject.Empty, RegoObject.Empty]);

    private static RegoValue DecodeVerify(BuiltinContext ctx, string token, RegoObject constraints)
    {
        const string fn = "io.jwt.decode_verify";
        string? secret = null;
        string? cert = null;
        string? alg = null;
        string? iss = null;
        string? aud = null;
        decimal? time = null;
        foreach (var kv in constraints.Items)
        {
            var name = (kv.Key as RegoString)?.Value;
            switch (name)
            {
                case "secret": secret = (kv.Value as RegoString)?.Value ?? throw Error(fn, "secret must be a string"); break;
                case "cert": cert = (kv.Value as RegoString)?.Value ?? throw Error(fn, "cert must be a string"); break;
                case "alg": alg = (kv.Value as RegoString)?.Value; break;
                case "iss": iss = (kv.Value as RegoString)?.Value; break;
                case "aud": aud = (kv.Value as RegoString)?.Value; break;
                case "time":
                    if (kv.Value is not RegoNumber tn) throw Error(fn, "time must be a number");
                    time = tn.TryGetDecimal(out var td) ? td : (decimal)tn.AsDouble;
                    break;
                default: throw Error(fn, $"unknown token validation constraint: {name}");
            }
        }
        if (secret is null && cert is null) throw Error(fn, "no key or secret provided");
        var outer = Decode(fn, token, nested: false);
        var current = outer;
        // Nested tokens: verify each level with the same key.
        while (true)
        {
            if (!VerifySignature(fn, current, secret, cert, alg)) return Invalid;
            if (current.Header.Get("cty") is RegoString { Value: var cty } && cty.Equals("JWT", StringComparison.OrdinalIgnoreCase))
            {
                var innerText = System.Text.Encoding.UTF8.GetString(B64(fn, token.Split('.')[1]));
                var inner = InnerToken(innerText);
                token = inner;
                current = Decode(fn, inner, nested: false);
                continue;
            }
            break;
        }
        var payload = (RegoObject)current.Payload;
        var now = (time ?? ctx.Now.ToUnixTimeMilliseconds() * 1_000_000m) / 1_000_000_000m;
        if (payload.Get("exp") is { } exp)
        {
            if (exp is not RegoNumber en) throw Error(fn, "exp value must be a number");
            if (now >= Dec(en)) return Invalid;
        }
        if (payload.Get("nbf") is { } nbf)
        {
            if (nbf is not RegoNumber nn) throw Error(fn, "nbf value must be a number");
            if (now < Dec(nn)) return Invalid;
        }
        if (iss is not null && payload.Get("iss") is not RegoString { Value: var pi } ) return Invalid;
        if (iss is not null && ((RegoString)payload.Get("iss")!).Value != iss) return Invalid;
        var tokenAud = payload.Get("aud");
        if (aud is null && tokenAud is not null) return Invalid;
        if (aud is not null)
        {
            var ok = tokenAud switch
            {
                RegoString s => s.Value == aud,
                RegoArray arr => arr.Items.Any(x => x is RegoString xs && xs.Value == aud),
                _ => false,
            };
            if (!ok) return Invalid;
        }
        return new RegoArray([RegoBool.True, current.Header, payload]);
    }

    private static decimal Dec(RegoNumber n) => n.TryGetDecimal(out var d) ? d : (decimal)n.AsDouble;

    private static bool VerifySignature(string fn, Token t, string? secret, string? cert, string? alg)
    {
        var headerAlg = (t.Header.Get("alg") as RegoString)?.Value;
        if (headerAlg is null) return false;
        if (alg is not null && alg != headerAlg) return false;
        if (t.Header.Get("crit") is not null) return false;
        if (headerAlg.StartsWith("HS", StringComparison.Ordinal))
            return secret is not null && VerifyHmac(headerAlg, t, Encoding.Utf8(secret));
        if (cert is null) return false;
        if (headerAlg == "EdDSA") return EdKeys(fn, cert).Any(k => Ed25519.Verify(k.PublicKey, Encoding.Utf8(t.SigningInput), t.Signature));
        if (headerAlg.Length != 5 || headerAlg[..2] is not ("RS" or "PS" or "ES")) return false;
        return Keys(fn, cert).Any(k => VerifyWith(headerAlg, t, k));
    }
}

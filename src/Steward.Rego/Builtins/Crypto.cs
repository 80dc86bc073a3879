using System.Security.Cryptography;
using Steward.Rego.Values;
using static Steward.Rego.Builtins.Arg;

namespace Steward.Rego.Builtins;

/// <summary>Hashes, HMACs and X.509 parsing.</summary>
[System.Diagnostics.CodeAnalysis.SuppressMessage("Security", "CA5351", Justification = "OPA defines crypto.md5 and hmac.md5; they hash, they do not protect.")]
[System.Diagnostics.CodeAnalysis.SuppressMessage("Security", "CA5350", Justification = "OPA defines crypto.sha1 and hmac.sha1.")]
internal static class Crypto
{
    public static void Register(Registrar r)
    {
        r.Add("crypto.md5", a => Hex(MD5.HashData(Encoding.Utf8(Str("crypto.md5", a, 0)))), 1);
        r.Add("crypto.sha1", a => Hex(SHA1.HashData(Encoding.Utf8(Str("crypto.sha1", a, 0)))), 1);
        r.Add("crypto.sha256", a => Hex(SHA256.HashData(Encoding.Utf8(Str("crypto.sha256", a, 0)))), 1);
        r.Add("crypto.hmac.md5", a => Hex(HMACMD5.HashData(Encoding.Utf8(Str("crypto.hmac.md5", a, 1)), Encoding.Utf8(Str("crypto.hmac.md5", a, 0)))), 2);
        r.Add("crypto.hmac.sha1", a => Hex(HMACSHA1.HashData(Encoding.Utf8(Str("crypto.hmac.sha1", a, 1)), Encoding.Utf8(Str("crypto.hmac.sha1", a, 0)))), 2);
        r.Add("crypto.hmac.sha256", a => Hex(HMACSHA256.HashData(Encoding.Utf8(Str("crypto.hmac.sha256", a, 1)), Encoding.Utf8(Str("crypto.hmac.sha256", a, 0)))), 2);
        r.Add("crypto.hmac.sha512", a => Hex(HMACSHA512.HashData(Encoding.Utf8(Str("crypto.hmac.sha512", a, 1)), Encoding.Utf8(Str("crypto.hmac.sha512", a, 0)))), 2);
        r.Add("crypto.hmac.equal", a => B(CryptographicOperations.FixedTimeEquals(Encoding.Utf8(Str("crypto.hmac.equal", a, 0)), Encoding.Utf8(Str("crypto.hmac.equal", a, 1)))), 2);
        X509.Register(r);
    }

    private static RegoValue Hex(byte[] b) => S(Convert.ToHexString(b).ToLowerInvariant());
}

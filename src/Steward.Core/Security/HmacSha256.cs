using System.Security.Cryptography;

namespace Steward.Core.Security;

/// <summary>
/// HMAC-SHA256 as webhooks use it (GitHub's X-Hub-Signature-256, Steward's X-Steward-Signature-256):
/// the lower-case hex digest of the exact body bytes, and a constant-time check of a presented one.
/// </summary>
public static class HmacSha256
{
    public static string Hex(ReadOnlySpan<byte> key, ReadOnlySpan<byte> data) => Convert.ToHexStringLower(HMACSHA256.HashData(key, data));

    /// <summary>
    /// Whether <paramref name="presentedHex"/> is the digest of <paramref name="data"/>. The comparison is on
    /// bytes in constant time, so that timing does not reveal how many leading digits were right.
    /// </summary>
    public static bool Matches(ReadOnlySpan<byte> key, ReadOnlySpan<byte> data, string presentedHex)
    {
        if (presentedHex.Length != 64 || !presentedHex.All(Uri.IsHexDigit)) return false;
        var expected = HMACSHA256.HashData(key, data);
        return CryptographicOperations.FixedTimeEquals(expected, Convert.FromHexString(presentedHex));
    }
}

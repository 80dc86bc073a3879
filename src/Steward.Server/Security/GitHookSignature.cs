using System.Security.Cryptography;
using System.Text;
using Steward.Core.Security;

namespace Steward.Server.Security;

/// <summary>
/// How a Git push hook delivery proves it comes from the forge: GitHub signs the raw body
/// (<c>X-Hub-Signature-256: sha256=HEX(HMAC-SHA256(secret, body))</c>); GitLab sends the secret itself
/// (<c>X-Gitlab-Token</c>). Both are compared in constant time.
/// </summary>
public static class GitHookSignature
{
    public static bool GitHub(byte[] key, ReadOnlySpan<byte> body, string? header)
    {
        const string prefix = "sha256=";
        if (header is null || !header.StartsWith(prefix, StringComparison.Ordinal)) return false;
        return HmacSha256.Matches(key, body, header[prefix.Length..]);
    }

    /// <summary>Both sides hashed first, so that the comparison takes the same time whatever the presented token's length.</summary>
    public static bool GitLab(byte[] key, string? header)
    {
        if (string.IsNullOrEmpty(header)) return false;
        return CryptographicOperations.FixedTimeEquals(SHA256.HashData(key), SHA256.HashData(Encoding.UTF8.GetBytes(header)));
    }
}

using System.Globalization;
using System.Text;
using Steward.Core.Security;

namespace Steward.Core.Notifications;

/// <summary>
/// How a notification is signed (docs/integrations.md, "Verifying a notification"): the sender puts
/// the Unix time in <c>X-Steward-Timestamp</c> and
/// <c>sha256=HEX(HMAC-SHA256(secret, TIMESTAMP + "." + BODY))</c> in <c>X-Steward-Signature-256</c>,
/// BODY being the exact bytes sent. The timestamp is inside the signed content, so a receiver that
/// refuses old timestamps (five minutes) refuses a replayed delivery.
/// </summary>
public static class WebhookSignature
{
    public const string SignatureHeader = "X-Steward-Signature-256";
    public const string TimestampHeader = "X-Steward-Timestamp";

    public static string Sign(ReadOnlySpan<byte> secret, long timestamp, ReadOnlySpan<byte> body) =>
        "sha256=" + HmacSha256.Hex(secret, SignedContent(timestamp, body));

    /// <summary>Whether a delivery's headers sign its body (a receiver's check, as the docs' recipe does it).</summary>
    public static bool Verify(ReadOnlySpan<byte> secret, string timestamp, ReadOnlySpan<byte> body, string signature) =>
        long.TryParse(timestamp, NumberStyles.None, CultureInfo.InvariantCulture, out var seconds)
        && signature.StartsWith("sha256=", StringComparison.Ordinal)
        && HmacSha256.Matches(secret, SignedContent(seconds, body), signature["sha256=".Length..]);

    private static byte[] SignedContent(long timestamp, ReadOnlySpan<byte> body)
    {
        var prefix = Encoding.ASCII.GetBytes(timestamp.ToString(CultureInfo.InvariantCulture) + ".");
        var content = new byte[prefix.Length + body.Length];
        prefix.CopyTo(content, 0);
        body.CopyTo(content.AsSpan(prefix.Length));
        return content;
    }
}

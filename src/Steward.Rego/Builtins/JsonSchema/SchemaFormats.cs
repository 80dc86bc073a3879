using System.Globalization;
using System.Net;

namespace Steward.Rego.Builtins.JsonSchema;

/// <summary>The "format" checks gojsonschema applies; formats it does not know always pass.</summary>
internal static class SchemaFormats
{
    public static bool Matches(string format, string value) => format switch
    {
        "date-time" => DateTimeOffset.TryParseExact(value, ["yyyy-MM-dd'T'HH:mm:ssK", "yyyy-MM-dd'T'HH:mm:ss.FFFFFFFFFK"], CultureInfo.InvariantCulture, DateTimeStyles.None, out _),
        "date" => DateOnly.TryParseExact(value, "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out _),
        "email" => value.IndexOf('@', StringComparison.Ordinal) is > 0 and var at && at < value.Length - 1,
        "ipv4" => IPAddress.TryParse(value, out var v4) && v4.AddressFamily == System.Net.Sockets.AddressFamily.InterNetwork && value.Count(c => c == '.') == 3,
        "ipv6" => IPAddress.TryParse(value, out var v6) && v6.AddressFamily == System.Net.Sockets.AddressFamily.InterNetworkV6,
        "uri" => Uri.TryCreate(value, UriKind.Absolute, out _),
        "uri-reference" => Uri.TryCreate(value, UriKind.RelativeOrAbsolute, out _),
        "uuid" => Guid.TryParseExact(value, "D", out _),
        "regex" => IsRegex(value),
        _ => true,
    };

    private static bool IsRegex(string value)
    {
        try { _ = new System.Text.RegularExpressions.Regex(value); return true; }
        catch (ArgumentException) { return false; }
    }
}

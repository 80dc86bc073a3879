using System.Globalization;

namespace Steward.Core.Kubernetes;

/// <summary>
/// Kubernetes resource quantities ("500m", "1.5", "4Gi", "1e3"), parsed exactly into decimals as
/// the API server reads them, so that "1000m" and "1" are the same amount.
/// </summary>
public static class Quantity
{
    private static readonly (string Suffix, decimal Factor)[] Suffixes =
    [
        ("Ki", 1024m), ("Mi", 1024m * 1024), ("Gi", 1024m * 1024 * 1024), ("Ti", 1024m * 1024 * 1024 * 1024),
        ("Pi", 1024m * 1024 * 1024 * 1024 * 1024), ("Ei", 1024m * 1024 * 1024 * 1024 * 1024 * 1024),
        ("n", 0.000000001m), ("u", 0.000001m), ("m", 0.001m),
        ("k", 1000m), ("M", 1000_000m), ("G", 1000_000_000m), ("T", 1000_000_000_000m),
        ("P", 1000_000_000_000_000m), ("E", 1000_000_000_000_000_000m),
    ];

    public const decimal GiB = 1024m * 1024 * 1024;

    public static bool TryParse(string? text, out decimal value)
    {
        value = 0;
        if (string.IsNullOrWhiteSpace(text)) return false;
        text = text.Trim();
        var factor = 1m;
        foreach (var (suffix, f) in Suffixes)
        {
            if (text.EndsWith(suffix, StringComparison.Ordinal) && text.Length > suffix.Length &&
                (char.IsAsciiDigit(text[^(suffix.Length + 1)]) || text[^(suffix.Length + 1)] == '.'))
            {
                // "1E" would be an exponent without digits; "1e3" has none of these suffixes at the end.
                factor = f;
                text = text[..^suffix.Length];
                break;
            }
        }
        if (text.Length == 0 || text.Any(c => char.IsWhiteSpace(c) || c == ',')) return false;
        if (!decimal.TryParse(text, NumberStyles.AllowLeadingSign | NumberStyles.AllowDecimalPoint | NumberStyles.AllowExponent,
                CultureInfo.InvariantCulture, out var number))
            return false;
        if (number < 0) return false;
        value = number * factor;
        return true;
    }

    /// <summary>A short human form: cores as "1.5", bytes as "4Gi".</summary>
    public static string FormatBytes(decimal bytes) =>
        bytes >= GiB && bytes % (GiB / 1024) == 0 ? $"{bytes / GiB:0.###}Gi" : $"{bytes / (1024m * 1024):0.###}Mi";
}

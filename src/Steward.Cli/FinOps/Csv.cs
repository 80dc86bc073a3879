namespace Steward.Cli.FinOps;

/// <summary>RFC 4180 CSV fields.</summary>
internal static class Csv
{
    public static string Field(string? value)
    {
        if (value is null)
            return "";
        return value.IndexOfAny([',', '"', '\n', '\r']) >= 0 ? "\"" + value.Replace("\"", "\"\"") + "\"" : value;
    }

    public static string Line(IEnumerable<string?> values) => string.Join(",", values.Select(Field));
}

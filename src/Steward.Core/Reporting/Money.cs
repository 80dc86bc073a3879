using System.Globalization;

namespace Steward.Core.Reporting;

/// <summary>How amounts are written: exact and without trailing zeros in data formats, rounded for people in tables.</summary>
public static class Money
{
    /// <summary>The same value with the smallest scale (20.520226728990 → 20.52022672899).</summary>
    public static decimal Normalize(decimal value) => value / 1.000000000000000000000000000000000m;

    /// <summary>Exact invariant text, no exponent: for JSON and CSV.</summary>
    public static string Exact(decimal value) => Normalize(value).ToString(CultureInfo.InvariantCulture);

    /// <summary>For tables: at least 2 and at most 6 decimals, thousands separated.</summary>
    public static string Display(decimal value) => value.ToString("#,##0.00####", CultureInfo.InvariantCulture);

    public static string Display(double value) => value.ToString("#,##0.00##", CultureInfo.InvariantCulture);
}

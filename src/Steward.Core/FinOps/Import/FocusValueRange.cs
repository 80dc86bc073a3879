using System.Globalization;

namespace Steward.Core.FinOps.Import;

/// <summary>
/// The values a FOCUS import accepts, checked on the way in so that no later command can fail on
/// what the store holds (issue 12: a sum that overflowed DuckDB's HUGEINT broke every report).
/// </summary>
internal static class FocusValueRange
{
    /// <summary>
    /// The largest magnitude of a cost (BilledCost, EffectiveCost, ListCost, ContractedCost): 10^15.
    /// <para>
    /// Why this bound: costs are stored as DECIMAL(38,12), a 128-bit integer count of 10^-12 currency
    /// units. DuckDB sums a DECIMAL(38,12) in a HUGEINT (int128, at most about 1.7·10^38 units, i.e.
    /// 1.7·10^26 currency units) and fails with "Overflow in HUGEINT addition" beyond; the result type
    /// DECIMAL(38,12) holds 26 integer digits (&lt; 10^26), and .NET's decimal, which reads the sums,
    /// holds up to 7.9·10^28. With every cost within ±10^15, a SUM over N rows stays within N·10^15,
    /// which is below 10^26 for every N up to 10^11: a hundred billion charges in one store, ten
    /// thousand times the 10,000,000-row exports Steward is benchmarked with. So every SUM a report,
    /// forecast or budget runs, over any subset of the store, fits all three.
    /// </para>
    /// <para>
    /// And no real charge comes near it: 10^15 is more than a thousand times the whole world's
    /// yearly cloud spend (under 10^12 US dollars in 2025).
    /// </para>
    /// </summary>
    public const decimal MaxCost = 1_000_000_000_000_000m;

    /// <summary>
    /// The largest magnitude of a quantity or unit price (PricingQuantity, ConsumedQuantity,
    /// ListUnitPrice, ContractedUnitPrice): 10^18, and finite. They are DOUBLE, whose sums do not
    /// overflow but turn into Infinity (which JSON cannot write) past 1.8·10^308, and NaN poisons every
    /// sum it enters; 10^18 leaves room for quantities counted in bytes or requests, and a sum of 10^11
    /// of them (10^29) is still far from Infinity.
    /// </summary>
    public const double MaxQuantity = 1e18;

    /// <summary>
    /// The first and the end (exclusive) instant of a date-time column: 1970-01-01 to 2200-01-01 UTC.
    /// DuckDB's TIMESTAMP reaches the year 294,247 but .NET's DateTime ends with 9999, and daily
    /// series (forecasts, anomalies, budgets) walk every day between the first and the last charge,
    /// so a stray year 9999 would make them build three million days.
    /// </summary>
    public static readonly DateTime FirstInstant = new(1970, 1, 1, 0, 0, 0, DateTimeKind.Utc);

    /// <inheritdoc cref="FirstInstant"/>
    public static readonly DateTime EndInstant = new(2200, 1, 1, 0, 0, 0, DateTimeKind.Utc);

    /// <summary>The SQL literal of <see cref="MaxCost"/> as an exact integer (no floating point in money comparisons).</summary>
    public static string MaxCostSql => MaxCost.ToString("0", CultureInfo.InvariantCulture);

    public static string MaxQuantitySql => MaxQuantity.ToString("R", CultureInfo.InvariantCulture);

    public static string FirstInstantSql => $"TIMESTAMP '{FirstInstant:yyyy-MM-dd HH:mm:ss}'";

    public static string EndInstantSql => $"TIMESTAMP '{EndInstant:yyyy-MM-dd HH:mm:ss}'";

    /// <summary>
    /// <paramref name="value"/> (the stored value of a column of <paramref name="kind"/>, in the type
    /// <paramref name="storedType"/>) with a guard that fails the load when it is out of range; the
    /// diagnostics then find and name the row (<see cref="FocusExpressions.Checks"/>).
    /// </summary>
    public static string Guard(FocusColumnKind kind, string storedType, string value) => kind switch
    {
        FocusColumnKind.Money when CanExceedMaxCost(storedType)
            => $"CASE WHEN abs({value}) > {MaxCostSql} THEN error('cost out of range') ELSE {value} END",
        FocusColumnKind.Quantity
            => $"CASE WHEN NOT isfinite({value}) OR abs({value}) > {MaxQuantitySql} THEN error('quantity out of range') ELSE {value} END",
        FocusColumnKind.Timestamp
            => $"CASE WHEN {value} < {FirstInstantSql} OR {value} >= {EndInstantSql} THEN error('date-time out of range') ELSE {value} END",
        _ => value,
    };

    /// <summary>Whether a DECIMAL(p,s) can hold a value above <see cref="MaxCost"/>: only with more than 15 integer digits.</summary>
    private static bool CanExceedMaxCost(string storedType)
    {
        var match = System.Text.RegularExpressions.Regex.Match(storedType, @"^DECIMAL\((\d+),\s*(\d+)\)$", System.Text.RegularExpressions.RegexOptions.IgnoreCase);
        if (!match.Success)
            return true;
        var integerDigits = int.Parse(match.Groups[1].Value, CultureInfo.InvariantCulture) - int.Parse(match.Groups[2].Value, CultureInfo.InvariantCulture);
        return integerDigits > 15;
    }
}

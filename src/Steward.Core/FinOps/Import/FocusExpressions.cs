using System.Globalization;

namespace Steward.Core.FinOps.Import;

/// <summary>
/// The SQL that turns a column of an export into its stored type, and the test that finds a
/// value which cannot be turned. Both come from the same place so that the diagnostics find
/// exactly the values the load refused.
/// </summary>
internal static class FocusExpressions
{
    /// <summary>
    /// The type a part table stores <paramref name="column"/> in, for an export whose column is
    /// <paramref name="source"/>: the canonical type, except a money column already typed as a
    /// decimal that widens exactly to <see cref="FocusColumns.MoneyType"/> (at most 12 decimals and
    /// 26 integer digits), which is kept as it is: a 64-bit decimal is three times cheaper to store
    /// than DECIMAL(38,12)'s 128 bits, and the view widens it on read without changing a digit.
    /// </summary>
    public static string StoredType(FocusColumn column, SourceColumn source)
    {
        if (column.Kind == FocusColumnKind.Money && Decimal(source.Type) is var (precision, scale)
            && scale <= MoneyScale && precision - scale <= MoneyPrecision - MoneyScale)
            return $"DECIMAL({precision.ToString(CultureInfo.InvariantCulture)},{scale.ToString(CultureInfo.InvariantCulture)})";
        return FocusColumns.SqlType(column.Kind);
    }

    /// <summary>
    /// The value of <paramref name="column"/> in its stored type (<see cref="StoredType"/>), from
    /// <paramref name="source"/>, failing the load when it is out of range (<see cref="FocusValueRange"/>).
    /// </summary>
    public static string Convert(FocusColumn column, SourceColumn source)
        => FocusValueRange.Guard(column.Kind, StoredType(column, source), Cast(column, source));

    private static string Cast(FocusColumn column, SourceColumn source)
    {
        var type = StoredType(column, source);
        var q = source.Quoted;
        if (string.Equals(type, source.Type, StringComparison.OrdinalIgnoreCase))
            return q;
        return column.Kind switch
        {
            // Offsets are honoured: the store's session time zone is UTC, so naive values stay as written.
            FocusColumnKind.Timestamp when source.Type.StartsWith("TIMESTAMP WITH TIME ZONE", StringComparison.OrdinalIgnoreCase)
                => $"timezone('UTC', {q})",
            FocusColumnKind.Timestamp when IsText(source.Type) => $"timezone('UTC', CAST({q} AS TIMESTAMPTZ))",
            // A Parquet TIMESTAMP or DATE has no offset: taken as UTC, as written.
            FocusColumnKind.Timestamp => $"CAST({q} AS TIMESTAMP)",
            FocusColumnKind.Json when !IsText(source.Type) => $"CAST(to_json({q}) AS JSON)",
            _ => $"CAST({q} AS {type})",
        };
    }

    /// <summary>
    /// Conditions, in the order they are tried, true for a row whose value of <paramref name="column"/>
    /// cannot be stored, each with what is wrong: the load refuses exactly these values.
    /// </summary>
    public static IReadOnlyList<(string Condition, string Problem)> Checks(FocusColumn column, SourceColumn? source)
    {
        if (source is null)
            return [];
        var q = source.Quoted;
        var notNull = column.NotNull ? $"{q} IS NULL OR " : "";
        var number = $"TRY_CAST({q} AS DOUBLE)";
        return column.Kind switch
        {
            FocusColumnKind.Money =>
            [
                ($"{notNull}({q} IS NOT NULL AND ({number} IS NULL OR NOT isfinite({number})))", "is not a decimal number"),
                ($"{q} IS NOT NULL AND (TRY_CAST({q} AS {FocusColumns.MoneyType}) IS NULL OR abs(TRY_CAST({q} AS {FocusColumns.MoneyType})) > {FocusValueRange.MaxCostSql})",
                    "is out of range (a cost must be within ±10^15)"),
            ],
            FocusColumnKind.Quantity =>
            [
                ($"{notNull}({q} IS NOT NULL AND {number} IS NULL)", "is not a number"),
                ($"{q} IS NOT NULL AND (NOT isfinite({number}) OR abs({number}) > {FocusValueRange.MaxQuantitySql})",
                    "is out of range (a quantity or unit price must be finite and within ±10^18)"),
            ],
            FocusColumnKind.Timestamp =>
            [
                ($"{notNull}({q} IS NOT NULL AND TRY_CAST({q} AS TIMESTAMPTZ) IS NULL)", "is not an ISO 8601 date-time"),
                ($"{q} IS NOT NULL AND (TRY_CAST({q} AS TIMESTAMPTZ) < {FocusValueRange.FirstInstantSql}::TIMESTAMPTZ OR TRY_CAST({q} AS TIMESTAMPTZ) >= {FocusValueRange.EndInstantSql}::TIMESTAMPTZ)",
                    "is out of range (a date-time must be from 1970 to 2199)"),
            ],
            FocusColumnKind.Json when IsText(source.Type) => [($"{notNull}({q} IS NOT NULL AND NOT json_valid({q}))", "is not a JSON object")],
            _ when column.NotNull => [($"{q} IS NULL", "is empty")],
            _ => [],
        };
    }

    /// <summary>Whether a Parquet (or CSV) column's type can hold the FOCUS column at all.</summary>
    public static bool IsCompatible(FocusColumnKind kind, string type)
    {
        var t = type.ToUpperInvariant();
        if (IsText(t))
            return true;
        return kind switch
        {
            FocusColumnKind.Money or FocusColumnKind.Quantity => t.StartsWith("DECIMAL") || t is "DOUBLE" or "FLOAT" or "REAL"
                or "TINYINT" or "SMALLINT" or "INTEGER" or "BIGINT" or "HUGEINT" or "UTINYINT" or "USMALLINT" or "UINTEGER" or "UBIGINT",
            FocusColumnKind.Timestamp => t.StartsWith("TIMESTAMP") || t == "DATE",
            FocusColumnKind.Json => t.StartsWith("MAP") || t.StartsWith("STRUCT") || t == "JSON",
            _ => true,
        };
    }

    private const int MoneyPrecision = 38;
    private const int MoneyScale = 12;

    /// <summary>The precision and scale of a DECIMAL(p,s) type, or null for any other type.</summary>
    private static (int Precision, int Scale)? Decimal(string type)
    {
        var match = System.Text.RegularExpressions.Regex.Match(type, @"^DECIMAL\((\d+),\s*(\d+)\)$", System.Text.RegularExpressions.RegexOptions.IgnoreCase);
        return match.Success
            ? (int.Parse(match.Groups[1].Value, CultureInfo.InvariantCulture), int.Parse(match.Groups[2].Value, CultureInfo.InvariantCulture))
            : null;
    }

    private static bool IsText(string type) => type.Equals("VARCHAR", StringComparison.OrdinalIgnoreCase);
}

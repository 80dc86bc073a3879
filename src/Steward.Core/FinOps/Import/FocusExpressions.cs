namespace Steward.Core.FinOps.Import;

/// <summary>
/// The SQL that turns a column of an export into its stored type, and the test that finds a
/// value which cannot be turned. Both come from the same place so that the diagnostics find
/// exactly the values the load refused.
/// </summary>
internal static class FocusExpressions
{
    /// <summary>The stored value of <paramref name="column"/>, from <paramref name="source"/> (null when the file lacks it).</summary>
    public static string Convert(FocusColumn column, SourceColumn? source)
    {
        var type = FocusColumns.SqlType(column.Kind);
        if (source is null)
            return $"CAST(NULL AS {type})";
        var q = source.Quoted;
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

    /// <summary>A condition true for a row whose value of <paramref name="column"/> cannot be stored, and why.</summary>
    public static (string Condition, string Problem)? Check(FocusColumn column, SourceColumn? source)
    {
        if (source is null)
            return null;
        var q = source.Quoted;
        var notNull = column.NotNull ? $"{q} IS NULL OR " : "";
        return column.Kind switch
        {
            FocusColumnKind.Money => ($"{notNull}({q} IS NOT NULL AND TRY_CAST({q} AS {FocusColumns.MoneyType}) IS NULL)",
                "is not a decimal number"),
            FocusColumnKind.Quantity => ($"{notNull}({q} IS NOT NULL AND TRY_CAST({q} AS DOUBLE) IS NULL)", "is not a number"),
            FocusColumnKind.Timestamp => ($"{notNull}({q} IS NOT NULL AND TRY_CAST({q} AS TIMESTAMPTZ) IS NULL)",
                "is not an ISO 8601 date-time"),
            FocusColumnKind.Json when IsText(source.Type) => ($"{notNull}({q} IS NOT NULL AND NOT json_valid({q}))", "is not a JSON object"),
            _ when column.NotNull => ($"{q} IS NULL", "is empty"),
            _ => null,
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

    private static bool IsText(string type) => type.Equals("VARCHAR", StringComparison.OrdinalIgnoreCase);
}

using System.Globalization;
using DuckDB.NET.Data;
using Steward.Core.Alignment.Data;

namespace Steward.Core.Alignment.Fairness;

/// <summary>How predictions and labels are read from a table for fairness analysis.</summary>
public sealed record FairnessOptions
{
    /// <summary>The protected attribute columns; several give intersectional groups ("A/B").</summary>
    public required IReadOnlyList<string> Sensitive { get; init; }

    public required string Prediction { get; init; }

    /// <summary>Prediction values that count as positive (compared as text, or as numbers for numeric columns).</summary>
    public IReadOnlyList<string> PositivePredictions { get; init; } = ["1"];

    /// <summary>When set, a prediction is positive when its numeric value is ≥ the threshold (overrides <see cref="PositivePredictions"/>).</summary>
    public double? Threshold { get; init; }

    public required string Label { get; init; }

    public string PositiveLabel { get; init; } = "1";

    /// <summary>The group disparate impact is measured against; null means the most selected group.</summary>
    public string? ReferenceGroup { get; init; }

    /// <summary>Only these groups are compared (null: all).</summary>
    public IReadOnlyList<string>? Groups { get; init; }
}

/// <summary>
/// Computes group confusion counts from a table file with one DuckDB aggregate (GROUP BY the protected
/// attributes), so the rows never come into managed memory.
/// </summary>
public static class FairnessAnalyzer
{
    /// <summary>Joins the values of several protected attributes into one group name.</summary>
    public const string IntersectionSeparator = "/";

    public static FairnessReport Analyze(string path, FairnessOptions options)
    {
        var reader = TableFile.ReaderSql(path);
        using var connection = TableFile.OpenInMemory();
        return TableFile.Guard(path, () => AnalyzeFile(connection, path, reader, options));
    }

    private static FairnessReport AnalyzeFile(DuckDBConnection connection, string path, string reader, FairnessOptions options)
    {
        const string table = "steward_fairness";
        Execute(connection, reader.StartsWith("read_parquet", StringComparison.Ordinal)
            ? $"CREATE VIEW {table} AS SELECT * FROM {reader}"
            : $"CREATE TABLE {table} AS SELECT * FROM {reader}");
        return AnalyzeRelation(connection, table, path, options);
    }

    /// <summary>
    /// Fairness of a query on an existing DuckDB connection (e.g. a window of the store's inference log);
    /// <paramref name="name"/> names it in error messages.
    /// </summary>
    public static FairnessReport Analyze(DuckDBConnection connection, string query, string name, FairnessOptions options)
    {
        var view = "steward_fairness_" + Guid.NewGuid().ToString("N")[..12];
        return TableFile.Guard(name, () =>
        {
            Execute(connection, $"CREATE TEMP VIEW {view} AS {query}");
            try
            {
                return AnalyzeRelation(connection, view, name, options);
            }
            finally
            {
                Execute(connection, $"DROP VIEW IF EXISTS {view}");
            }
        });
    }

    private static FairnessReport AnalyzeRelation(DuckDBConnection connection, string table, string path, FairnessOptions options)
    {
        if (options.Sensitive.Count == 0)
            throw new StewardInputException("at least one sensitive column is required");
        var columns = TableFile.Describe(connection, table).ToDictionary(c => c.Name, StringComparer.Ordinal);
        if (Convert.ToInt64(TableFile.Scalar(connection, $"SELECT count(*) FROM {table}"), CultureInfo.InvariantCulture) == 0)
            throw new StewardInputException($"{path}: the table has no rows");

        foreach (var name in options.Sensitive.Append(options.Prediction).Append(options.Label))
        {
            if (!columns.ContainsKey(name))
                throw new StewardInputException($"{path}: no column '{name}' (columns: {string.Join(", ", columns.Keys)})");
            var nullRow = TableFile.Scalar(connection,
                $"SELECT rn FROM (SELECT row_number() OVER () AS rn, {TableFile.Quote(name)} AS v FROM {table}) WHERE v IS NULL ORDER BY rn LIMIT 1");
            if (nullRow is not null)
                throw new StewardInputException($"{path}: row {nullRow}, column '{name}': value is missing");
        }

        string predicted;
        if (options.Threshold is { } threshold)
        {
            if (TableFile.FirstNonNumeric(connection, table, options.Prediction) is { } bad)
                throw new StewardInputException($"{path}: row {bad.Row}, column '{options.Prediction}': '{bad.Value}' is not a number (needed for --threshold)");
            predicted = $"TRY_CAST({TableFile.Quote(options.Prediction)} AS DOUBLE) >= {threshold.ToString("R", CultureInfo.InvariantCulture)}";
        }
        else
        {
            predicted = TableFile.EqualsAny(columns[options.Prediction], options.PositivePredictions);
        }
        var actual = TableFile.EqualsAny(columns[options.Label], [options.PositiveLabel]);

        var groupExpression = string.Join(" || '" + IntersectionSeparator + "' || ",
            options.Sensitive.Select(s => $"CAST({TableFile.Quote(s)} AS VARCHAR)"));
        var sql =
            $"SELECT g, count(*) FILTER (WHERE p AND l), count(*) FILTER (WHERE p AND NOT l), " +
            $"count(*) FILTER (WHERE NOT p AND NOT l), count(*) FILTER (WHERE NOT p AND l) " +
            $"FROM (SELECT {groupExpression} AS g, ({predicted}) AS p, ({actual}) AS l FROM {table}) GROUP BY g ORDER BY g";
        var groups = new List<GroupMetrics>();
        using (var command = connection.CreateCommand())
        {
            command.CommandText = sql;
            using var rows = command.ExecuteReader();
            while (rows.Read())
                groups.Add(new GroupMetrics(rows.GetString(0), rows.GetInt64(1), rows.GetInt64(2), rows.GetInt64(3), rows.GetInt64(4)));
        }

        if (options.Groups is { } wanted)
        {
            var known = groups.Select(g => g.Group).ToHashSet(StringComparer.Ordinal);
            var unknown = wanted.Where(w => !known.Contains(w)).ToList();
            if (unknown.Count > 0)
                throw new StewardInputException($"{path}: no group '{unknown[0]}' (groups: {string.Join(", ", known.Order(StringComparer.Ordinal))})");
            groups = groups.Where(g => wanted.Contains(g.Group)).ToList();
        }
        if (options.ReferenceGroup is { } referenceGroup && groups.All(g => g.Group != referenceGroup))
            throw new StewardInputException($"{path}: reference group '{referenceGroup}' not found (groups: {string.Join(", ", groups.Select(g => g.Group))})");
        return new FairnessReport(groups, options.ReferenceGroup);
    }

    private static void Execute(DuckDBConnection connection, string sql)
    {
        using var command = connection.CreateCommand();
        command.CommandText = sql;
        command.ExecuteNonQuery();
    }
}

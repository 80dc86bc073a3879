using System.Data.Common;
using System.Globalization;
using DuckDB.NET.Data;

namespace Steward.Core.FinOps.Import;

/// <summary>
/// Explains why DuckDB refused a FOCUS export: finds the first row and column whose value cannot
/// be stored and words it for the user. Runs only after a failed load (the happy path scans once).
/// </summary>
internal static class FocusDiagnostics
{
    public static StewardInputException Explain(DbConnection connection, FocusSource source, Exception error)
    {
        // Every column's checks, a column's in order: the first that holds names the problem.
        var checks = FocusColumns.All
            .SelectMany(c => FocusExpressions.Checks(c, source.Find(c)).Select(check => (Column: c, Source: source.Find(c), Check: check)))
            .ToList();
        if (checks.Count > 0)
        {
            var name = string.Join(" ", checks.Select((x, i) => $"WHEN {x.Check.Condition} THEN {i}"));
            var value = string.Join(" ", checks.Select((x, i) => $"WHEN {i} THEN CAST({x.Source!.Quoted} AS VARCHAR)"));
            var sql = $"""
                SELECT row_no, problem, CASE problem {value} END FROM (
                    SELECT row_no, CASE {name} END AS problem, * FROM (
                        SELECT row_number() OVER () AS row_no, * FROM {source.Scan}))
                WHERE problem IS NOT NULL ORDER BY row_no LIMIT 1
                """;
            try
            {
                using var command = connection.CreateCommand();
                command.CommandText = sql;
                using var reader = command.ExecuteReader();
                if (reader.Read())
                {
                    var row = reader.GetInt64(0);
                    var (column, src, check) = checks[reader.GetInt32(1)];
                    var raw = reader.IsDBNull(2) ? null : reader.GetString(2);
                    var what = raw is null ? "is empty" : $"'{Shorten(raw)}' {check.Problem}";
                    var where = source.Format == FocusFormat.Csv
                        ? $"row {row.ToString(CultureInfo.InvariantCulture)} (line {(row + 1).ToString(CultureInfo.InvariantCulture)})"
                        : $"row {row.ToString(CultureInfo.InvariantCulture)}";
                    var named = string.Equals(src!.Name, column.Name, StringComparison.Ordinal) ? column.Name : $"{src.Name} ({column.Name})";
                    return new StewardInputException($"{source.DisplayName}: {where}, column {named}: value {what}; nothing was imported", error);
                }
            }
            catch (DuckDBException)
            {
                // The file cannot even be scanned (malformed CSV): DuckDB's own message says where.
            }
        }
        return new StewardInputException($"{source.DisplayName}: {Describe(error.Message)}; nothing was imported", error);
    }

    /// <summary>DuckDB's CSV errors in one line: "line N: expected X columns, found Y" where it says so.</summary>
    public static string Describe(string message)
    {
        var line = System.Text.RegularExpressions.Regex.Match(message, @"CSV Error on Line: (\d+)");
        var columns = System.Text.RegularExpressions.Regex.Match(message, @"Expected Number of Columns: (\d+) Found: (\d+)");
        if (line.Success && columns.Success)
            return $"line {line.Groups[1].Value}: expected {columns.Groups[1].Value} columns, found {columns.Groups[2].Value}";
        if (line.Success)
        {
            var reason = message.Split('\n').Select(l => l.Trim())
                .FirstOrDefault(l => l.Length > 0 && !l.StartsWith("Original Line", StringComparison.Ordinal) && !l.Contains("CSV Error on Line", StringComparison.Ordinal));
            return $"line {line.Groups[1].Value}: {reason ?? "malformed CSV"}";
        }
        return "cannot import: " + FirstLine(message);
    }

    public static string FirstLine(string message)
    {
        var end = message.IndexOf('\n');
        return (end < 0 ? message : message[..end]).Trim();
    }

    /// <summary>A number too large for a cost is out of range, not "not a number": say which.</summary>

    private static string Shorten(string value) => value.Length <= 40 ? value : value[..40] + "...";
}

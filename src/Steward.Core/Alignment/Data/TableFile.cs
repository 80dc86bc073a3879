using System.Globalization;
using System.Data.Common;
using DuckDB.NET.Data;

namespace Steward.Core.Alignment.Data;

/// <summary>The kind of a column as far as drift is concerned.</summary>
public enum ColumnKind
{
    Numeric,
    Categorical,
}

/// <summary>A column of a table file: its name, DuckDB type and kind.</summary>
public sealed record TableColumn(string Name, string SqlType, ColumnKind Kind);

/// <summary>
/// Reads CSV, Parquet and JSON Lines files through an in-memory DuckDB connection
/// (<c>read_csv_auto</c>, <c>read_parquet</c>, <c>read_json_auto</c>) and turns DuckDB's errors into
/// <see cref="StewardInputException"/>s that name the file, row and column.
/// </summary>
public static class TableFile
{
    /// <summary>The DuckDB table function call that reads <paramref name="path"/>, chosen by extension.</summary>
    public static string ReaderSql(string path)
    {
        var full = Path.GetFullPath(path);
        if (!File.Exists(full))
            throw new StewardInputException($"{path}: file not found");
        Security.SafeFile.EnsureRegular(Security.RealPath.Resolve(full), path); // DuckDB would block on a FIFO and never finish /dev/zero
        if (new FileInfo(full).Length == 0)
            throw new StewardInputException($"{path}: the file is empty");
        var literal = "'" + full.Replace("'", "''") + "'";
        var extension = Path.GetExtension(full).ToLowerInvariant();
        if (extension is ".jsonl" or ".ndjson" or ".json")
            JsonNesting.Check(full, path, ParseLimits.Default.MaxTableJsonDepth);
        return extension switch
        {
            ".parquet" or ".pq" => $"read_parquet({literal})",
            ".jsonl" or ".ndjson" or ".json" => $"read_json_auto({literal})",
            ".csv" or ".tsv" or ".txt" => $"read_csv_auto({literal})",
            _ => throw new StewardInputException($"{path}: unknown table format '{extension}' (use .csv, .parquet or .jsonl)"),
        };
    }

    /// <summary>Whether a DuckDB type name is numeric (integers, floats, decimals).</summary>
    public static bool IsNumericType(string sqlType)
    {
        var t = sqlType.ToUpperInvariant();
        return t is "TINYINT" or "SMALLINT" or "INTEGER" or "BIGINT" or "HUGEINT" or "UTINYINT" or "USMALLINT"
            or "UINTEGER" or "UBIGINT" or "UHUGEINT" or "FLOAT" or "DOUBLE" or "REAL"
            || t.StartsWith("DECIMAL", StringComparison.Ordinal);
    }

    /// <summary>Quotes an identifier for DuckDB.</summary>
    public static string Quote(string identifier) => "\"" + identifier.Replace("\"", "\"\"") + "\"";

    /// <summary>Opens an in-memory DuckDB connection.</summary>
    public static DuckDBConnection OpenInMemory()
    {
        // With extension auto-install and auto-load off, as every connection of Steward (DuckDbSettings).
        return Storage.DuckDbSettings.OpenInMemory();
    }

    /// <summary>Runs <paramref name="action"/>, rewording DuckDB failures as input errors about <paramref name="path"/>.</summary>
    public static T Guard<T>(string path, Func<T> action)
    {
        try
        {
            return action();
        }
        catch (DbException ex)
        {
            throw new StewardInputException($"{path}: cannot be read as a table: {Summarize(ex.Message)}", ex);
        }
    }

    /// <summary>
    /// DuckDB's message on one line: its first lines say where (line) and what (column, value); the
    /// rest (possible fixes, the reader options) is advice for DuckDB users and is dropped.
    /// </summary>
    internal static string Summarize(string message)
    {
        var lines = message.Split('\n', StringSplitOptions.TrimEntries | StringSplitOptions.RemoveEmptyEntries)
            .TakeWhile(l => !l.StartsWith("Possible", StringComparison.OrdinalIgnoreCase)
                && !l.StartsWith("Column ", StringComparison.Ordinal) && !l.StartsWith("  ", StringComparison.Ordinal))
            .Take(3);
        return string.Join(" ", lines);
    }

    internal static List<TableColumn> Describe(DuckDBConnection connection, string relation)
    {
        var columns = new List<TableColumn>();
        using var command = connection.CreateCommand();
        command.CommandText = $"DESCRIBE SELECT * FROM {relation}";
        using var reader = command.ExecuteReader();
        while (reader.Read())
        {
            var name = reader.GetString(0);
            var type = reader.GetString(1);
            columns.Add(new TableColumn(name, type, IsNumericType(type) ? ColumnKind.Numeric : ColumnKind.Categorical));
        }
        return columns;
    }

    internal static object? Scalar(DuckDBConnection connection, string sql)
    {
        using var command = connection.CreateCommand();
        command.CommandText = sql;
        var value = command.ExecuteScalar();
        return value is DBNull ? null : value;
    }

    /// <summary>
    /// The first row (1-based, in file order) whose value in <paramref name="column"/> is not a number,
    /// with that value; null when every non-empty value converts.
    /// </summary>
    internal static (long Row, string Value)? FirstNonNumeric(DuckDBConnection connection, string relation, string column)
    {
        using var command = connection.CreateCommand();
        var c = Quote(column);
        command.CommandText =
            $"SELECT rn, v FROM (SELECT row_number() OVER () AS rn, CAST({c} AS VARCHAR) AS v FROM {relation}) " +
            "WHERE v IS NOT NULL AND trim(v) <> '' AND TRY_CAST(v AS DOUBLE) IS NULL ORDER BY rn LIMIT 1";
        using var reader = command.ExecuteReader();
        if (!reader.Read()) return null;
        return (Convert.ToInt64(reader.GetValue(0), CultureInfo.InvariantCulture), reader.GetString(1));
    }

    /// <summary>A SQL predicate: the column equals one of the values (numerically for numeric columns when the values are numbers).</summary>
    public static string EqualsAny(TableColumn column, IReadOnlyList<string> values)
    {
        var c = TableFile.Quote(column.Name);
        if (column.SqlType.Equals("BOOLEAN", StringComparison.OrdinalIgnoreCase))
        {
            // "1", "true" and "yes" all mean true for a boolean column.
            var truthy = values.Any(v => v.Trim().ToLowerInvariant() is "1" or "true" or "yes");
            var falsy = values.Any(v => v.Trim().ToLowerInvariant() is "0" or "false" or "no");
            return (truthy, falsy) switch
            {
                (true, true) => "TRUE",
                (true, false) => $"{c} = TRUE",
                (false, true) => $"{c} = FALSE",
                _ => "FALSE",
            };
        }
        var numbers = values.Select(v => double.TryParse(v, NumberStyles.Float, CultureInfo.InvariantCulture, out var d) ? (double?)d : null).ToList();
        if (column.Kind == ColumnKind.Numeric && numbers.All(n => n is not null))
            return $"CAST({c} AS DOUBLE) IN ({string.Join(", ", numbers.Select(n => n!.Value.ToString("R", CultureInfo.InvariantCulture)))})";
        return $"CAST({c} AS VARCHAR) IN ({string.Join(", ", values.Select(v => "'" + v.Replace("'", "''") + "'"))})";
    }
}

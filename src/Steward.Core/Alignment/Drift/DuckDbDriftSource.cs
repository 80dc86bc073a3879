using System.Globalization;
using DuckDB.NET.Data;
using Steward.Core.Alignment.Data;

namespace Steward.Core.Alignment.Drift;

/// <summary>
/// Two table files (CSV, Parquet, JSON Lines) compared inside one in-memory DuckDB database. Parquet is
/// queried in place; CSV and JSON are loaded once into DuckDB tables (columnar, compressed, able to spill)
/// so they are parsed only once. Every statistic reads aggregates: a summary row per column and one
/// sorted stream of (value, count in reference, count in current), so managed memory does not grow
/// with the number of rows.
/// </summary>
public sealed class DuckDbDriftSource : IDriftSource, IDisposable
{
    private readonly string _ref;
    private readonly string _cur;
    private readonly DuckDBConnection _connection;
    private readonly bool _ownsConnection;

    /// <summary>Reads two files into a private in-memory DuckDB database.</summary>
    public DuckDbDriftSource(string referencePath, string currentPath)
    {
        ReferenceName = referencePath;
        CurrentName = currentPath;
        (_ref, _cur) = RelationNames();
        _connection = TableFile.OpenInMemory();
        _ownsConnection = true;
        try
        {
            ReferenceColumns = Load(referencePath, _ref);
            CurrentColumns = Load(currentPath, _cur);
        }
        catch
        {
            _connection.Dispose();
            throw;
        }
    }

    /// <summary>
    /// Compares two queries on an existing DuckDB connection (e.g. two time windows of the store's
    /// inference log). Temporary views are created for the lifetime of this source; the connection is not disposed.
    /// </summary>
    public DuckDbDriftSource(DuckDBConnection connection, string referenceQuery, string currentQuery, string referenceName = "reference", string currentName = "current")
    {
        _connection = connection;
        ReferenceName = referenceName;
        CurrentName = currentName;
        (_ref, _cur) = RelationNames();
        ReferenceColumns = View(referenceQuery, referenceName, _ref);
        CurrentColumns = View(currentQuery, currentName, _cur);
    }

    private static (string, string) RelationNames()
    {
        var id = Guid.NewGuid().ToString("N")[..12];
        return ("steward_reference_" + id, "steward_current_" + id);
    }

    private List<TableColumn> View(string query, string name, string relation) => TableFile.Guard(name, () =>
    {
        Execute($"CREATE TEMP VIEW {relation} AS {query}");
        if (Convert.ToInt64(TableFile.Scalar(_connection, $"SELECT count(*) FROM {relation}"), CultureInfo.InvariantCulture) == 0)
            throw new StewardInputException($"{name}: the query returned no rows");
        return TableFile.Describe(_connection, relation);
    });

    public string ReferenceName { get; }
    public string CurrentName { get; }
    public IReadOnlyList<TableColumn> ReferenceColumns { get; }
    public IReadOnlyList<TableColumn> CurrentColumns { get; }

    private List<TableColumn> Load(string path, string name)
    {
        var reader = TableFile.ReaderSql(path);
        var isParquet = reader.StartsWith("read_parquet", StringComparison.Ordinal);
        return TableFile.Guard(path, () =>
        {
            Execute(isParquet ? $"CREATE VIEW {name} AS SELECT * FROM {reader}" : $"CREATE TABLE {name} AS SELECT * FROM {reader}");
            var rows = Convert.ToInt64(TableFile.Scalar(_connection, $"SELECT count(*) FROM {name}"), CultureInfo.InvariantCulture);
            if (rows == 0)
                throw new StewardInputException($"{path}: the table has no rows");
            return TableFile.Describe(_connection, name);
        });
    }

    private void Execute(string sql)
    {
        using var command = _connection.CreateCommand();
        command.CommandText = sql;
        command.ExecuteNonQuery();
    }

    public void EnsureNumeric(string column)
    {
        foreach (var (relation, path) in new[] { (_ref, ReferenceName), (_cur, CurrentName) })
        {
            var bad = TableFile.FirstNonNumeric(_connection, relation, column);
            if (bad is { } b)
                throw new StewardInputException($"{path}: row {b.Row}, column '{column}': '{b.Value}' is not a number");
        }
    }

    private string Union(string column, bool asDouble)
    {
        var c = TableFile.Quote(column);
        var v = asDouble ? $"TRY_CAST({c} AS DOUBLE)" : $"CAST({c} AS VARCHAR)";
        return $"(SELECT {v} AS v, TRUE AS r FROM {_ref} UNION ALL SELECT {v} AS v, FALSE AS r FROM {_cur})";
    }

    private const string FiniteFilter = "v IS NOT NULL AND isfinite(v)";

    public NumericSummary SummarizeNumeric(string column)
    {
        using var command = _connection.CreateCommand();
        command.CommandText =
            "SELECT count(*) FILTER (WHERE r), count(*) FILTER (WHERE NOT r), min(v), max(v) " +
            $"FROM {Union(column, true)} WHERE {FiniteFilter}";
        using var reader = command.ExecuteReader();
        reader.Read();
        var countReference = Convert.ToInt64(reader.GetValue(0), CultureInfo.InvariantCulture);
        var countCurrent = Convert.ToInt64(reader.GetValue(1), CultureInfo.InvariantCulture);
        double Get(int i) => reader.IsDBNull(i) ? double.NaN : Convert.ToDouble(reader.GetValue(i), CultureInfo.InvariantCulture);
        return new NumericSummary(countReference, countCurrent, Get(2), Get(3));
    }

    public IEnumerable<ValueCount> DistinctNumericValues(string column)
    {
        using var command = _connection.CreateCommand();
        command.CommandText =
            "SELECT v, count(*) FILTER (WHERE r), count(*) FILTER (WHERE NOT r) " +
            $"FROM {Union(column, true)} WHERE {FiniteFilter} GROUP BY v ORDER BY v";
        using var reader = command.ExecuteReader();
        while (reader.Read())
            yield return new ValueCount(reader.GetDouble(0), reader.GetInt64(1), reader.GetInt64(2));
    }

    public (IReadOnlyDictionary<string, long> Reference, IReadOnlyDictionary<string, long> Current) CategoryCounts(string column, bool numeric)
    {
        var reference = new Dictionary<string, long>(StringComparer.Ordinal);
        var current = new Dictionary<string, long>(StringComparer.Ordinal);
        using var command = _connection.CreateCommand();
        var filter = numeric ? FiniteFilter : "v IS NOT NULL";
        command.CommandText =
            $"SELECT v, count(*) FILTER (WHERE r), count(*) FILTER (WHERE NOT r) FROM {Union(column, numeric)} " +
            $"WHERE {filter} GROUP BY v";
        using var reader = command.ExecuteReader();
        while (reader.Read())
        {
            var key = numeric ? ValueText.Format(reader.GetDouble(0)) : reader.GetString(0);
            var r = reader.GetInt64(1);
            var c = reader.GetInt64(2);
            if (r > 0) reference[key] = r;
            if (c > 0) current[key] = c;
        }
        return (reference, current);
    }

    public void Dispose()
    {
        if (_ownsConnection)
        {
            _connection.Dispose();
            return;
        }
        Execute($"DROP VIEW IF EXISTS {_ref}");
        Execute($"DROP VIEW IF EXISTS {_cur}");
    }
}

/// <summary>The text of a numeric value used as a category: shortest round-trip form, invariant culture.</summary>
public static class ValueText
{
    public static string Format(double value) => value.ToString("R", CultureInfo.InvariantCulture);
}

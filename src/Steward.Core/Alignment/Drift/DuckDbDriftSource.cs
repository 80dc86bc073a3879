using System.Globalization;
using DuckDB.NET.Data;
using Steward.Core.Alignment.Data;
using Steward.Core.Alignment.Statistics;

namespace Steward.Core.Alignment.Drift;

/// <summary>
/// Two table files (CSV, Parquet, JSON Lines) compared inside one in-memory DuckDB database. Parquet is
/// queried in place; CSV and JSON are loaded once into DuckDB tables (columnar, compressed, able to spill)
/// so they are parsed only once. Every statistic reads aggregates: count, min and max of all numeric
/// columns in one query per sample and, per numeric column, both samples sorted and merged into
/// (value, count in reference, count in current) — an exact sorted merge. A sample of up to
/// <see cref="DefaultInMemorySortLimit"/> values is radix-sorted in a pooled buffer; a larger one is
/// sorted by DuckDB (ORDER BY, spilling to disk) and streamed, so memory is bounded by the limit and the
/// number of columns in flight, never by the number of rows.
/// Every call runs on its own connection to the same database (<see cref="DuckDBConnection.Duplicate"/>),
/// so the analyzer can work on several columns at once.
/// </summary>
public sealed class DuckDbDriftSource : IDriftSource, IDisposable
{
    private readonly string _ref;
    private readonly string _cur;
    private readonly DuckDBConnection _connection;
    private readonly bool _ownsConnection;
    private readonly Lazy<IReadOnlyDictionary<string, NumericSummary>> _summaries;
    private readonly SortedColumnMerge _merge;

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
            // Sorts larger than DuckDB's memory limit spill here instead of failing.
            var spill = Path.Combine(Path.GetTempPath(), "steward-duckdb");
            Execute($"SET temp_directory = '{spill.Replace("'", "''")}'");
            ReferenceColumns = Load(referencePath, _ref);
            CurrentColumns = Load(currentPath, _cur);
            _summaries = new(Summaries);
            _merge = new SortedColumnMerge(_connection);
        }
        catch
        {
            _connection.Dispose();
            throw;
        }
    }

    /// <summary>
    /// Compares two queries on an existing DuckDB connection (e.g. two time windows of the store's
    /// inference log), read as subqueries; the connection is not disposed.
    /// </summary>
    public DuckDbDriftSource(DuckDBConnection connection, string referenceQuery, string currentQuery, string referenceName = "reference", string currentName = "current")
    {
        _connection = connection;
        ReferenceName = referenceName;
        CurrentName = currentName;
        // Subqueries rather than temporary views: a temporary view lives on one connection only, and
        // every statistic runs on a connection of its own.
        _ref = $"({referenceQuery}) AS steward_reference";
        _cur = $"({currentQuery}) AS steward_current";
        ReferenceColumns = Check(_ref, referenceName);
        CurrentColumns = Check(_cur, currentName);
        _summaries = new(Summaries);
        _merge = new SortedColumnMerge(_connection);
    }

    private static (string, string) RelationNames()
    {
        var id = Guid.NewGuid().ToString("N")[..12];
        return ("steward_reference_" + id, "steward_current_" + id);
    }

    private List<TableColumn> Check(string relation, string name) => TableFile.Guard(name, () =>
    {
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
        using var connection = DuckDbConnections.Fork(_connection);
        foreach (var (relation, path) in new[] { (_ref, ReferenceName), (_cur, CurrentName) })
        {
            var bad = TableFile.FirstNonNumeric(connection, relation, column);
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

    private const string FiniteFilter = SortedColumnMerge.FiniteFilter;

    /// <summary>
    /// Count, min and max of every column that is numeric in either sample, computed for all columns at
    /// once on the first call: one scan of each sample instead of one per column.
    /// </summary>
    private Dictionary<string, NumericSummary> Summaries() =>
        new NumericSummaries(_connection, new SampleRelation(_ref, ReferenceColumns), new SampleRelation(_cur, CurrentColumns)).Compute();

    public NumericSummary SummarizeNumeric(string column) =>
        _summaries.Value.TryGetValue(column, out var summary) ? summary : throw new ArgumentException($"'{column}' is not a numeric column of both samples");

    /// <summary>
    /// The most values per sample that a numeric column may have to be sorted in memory (8 bytes per
    /// value plus as much scratch, from a pool); larger samples are sorted by DuckDB, which spills to
    /// disk. With the default, the columns in flight hold at most 3 × 16 MB each, whatever the row count.
    /// </summary>
    public const int DefaultInMemorySortLimit = 2_000_000;

    /// <summary>The in-memory sort limit of this source (0 sends every column to DuckDB's sort).</summary>
    public int InMemorySortLimit { get; init; } = DefaultInMemorySortLimit;

    /// <summary>Both samples of the column sorted and merged into distinct values with their counts (see <see cref="SortedColumnMerge"/>).</summary>
    public IEnumerable<ValueCount> DistinctNumericValues(string column) =>
        _merge.Merge(_ref, _cur, column, SummarizeNumeric(column), InMemorySortLimit);

    public (IReadOnlyDictionary<string, long> Reference, IReadOnlyDictionary<string, long> Current) CategoryCounts(string column, bool numeric)
    {
        var reference = new Dictionary<string, long>(StringComparer.Ordinal);
        var current = new Dictionary<string, long>(StringComparer.Ordinal);
        using var connection = DuckDbConnections.Fork(_connection);
        using var command = connection.CreateCommand();
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
        if (_ownsConnection) _connection.Dispose();
    }
}

/// <summary>One sample as DuckDB sees it: a relation (table, view or subquery) and its columns.</summary>
internal sealed record SampleRelation(string Sql, IReadOnlyList<TableColumn> Columns);

/// <summary>The text of a numeric value used as a category: shortest round-trip form, invariant culture.</summary>
public static class ValueText
{
    public static string Format(double value) => value.ToString("R", CultureInfo.InvariantCulture);
}

using Steward.Core.Alignment.Statistics;
using System.Buffers;
using System.Globalization;
using DuckDB.NET.Data;
using Steward.Core.Alignment.Data;

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
            _summaries = new(SummarizeAll);
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
        // Subqueries rather than temporary views: a temporary view lives on one connection only, and
        // every statistic runs on a connection of its own.
        _ref = $"({referenceQuery}) AS steward_reference";
        _cur = $"({currentQuery}) AS steward_current";
        ReferenceColumns = Check(_ref, referenceName);
        CurrentColumns = Check(_cur, currentName);
        _summaries = new(SummarizeAll);
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

    /// <summary>
    /// A new connection to the same database, for one statistic's queries: a duplicate of an in-memory
    /// connection (the only kind DuckDB.NET duplicates), or a second connection to the same file, which
    /// DuckDB.NET serves from the database instance already open in this process.
    /// </summary>
    private DuckDBConnection Fork()
    {
        var connection = IsInMemory(_connection) ? _connection.Duplicate() : new DuckDBConnection(_connection.ConnectionString);
        if (connection.State != System.Data.ConnectionState.Open) connection.Open();
        return connection;
    }

    private static bool IsInMemory(DuckDBConnection connection)
    {
        var source = connection.DataSource;
        return string.IsNullOrEmpty(source) || source.StartsWith(":memory:", StringComparison.OrdinalIgnoreCase);
    }

    public void EnsureNumeric(string column)
    {
        using var connection = Fork();
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

    private const string FiniteFilter = "v IS NOT NULL AND isfinite(v)";

    /// <summary>
    /// Count, min and max of every column that is numeric in either sample, computed for all columns at
    /// once on the first call: one scan of each sample instead of one per column.
    /// </summary>
    public NumericSummary SummarizeNumeric(string column) =>
        _summaries.Value.TryGetValue(column, out var summary) ? summary : throw new ArgumentException($"'{column}' is not a numeric column of both samples");

    private Dictionary<string, NumericSummary> SummarizeAll()
    {
        var current = CurrentColumns.ToDictionary(c => c.Name, StringComparer.Ordinal);
        var columns = ReferenceColumns
            .Where(c => current.TryGetValue(c.Name, out var other) && (c.Kind == ColumnKind.Numeric || other.Kind == ColumnKind.Numeric))
            .Select(c => c.Name).ToList();
        var summaries = new Dictionary<string, NumericSummary>(StringComparer.Ordinal);
        if (columns.Count == 0) return summaries;
        var reference = Aggregates(_ref, columns);
        var currentAggregates = Aggregates(_cur, columns);
        for (var i = 0; i < columns.Count; i++)
        {
            var (r, c) = (reference[i], currentAggregates[i]);
            summaries[columns[i]] = new NumericSummary(r.Count, c.Count, Lowest(r.Min, c.Min), Highest(r.Max, c.Max));
        }
        return summaries;
    }

    // min and max of a sample without finite values are NaN: the other sample's then stands.
    private static double Lowest(double a, double b) => double.IsNaN(a) ? b : double.IsNaN(b) ? a : Math.Min(a, b);

    private static double Highest(double a, double b) => double.IsNaN(a) ? b : double.IsNaN(b) ? a : Math.Max(a, b);

    /// <summary>
    /// Count, min and max of the finite values of each column. Plain count/min/max first (DuckDB answers
    /// them from Parquet statistics or one fast scan); when both bounds are finite there is no NaN or
    /// infinity in the column (DuckDB orders NaN above +inf, so max would be NaN) and the plain figures
    /// are the finite ones. Only columns that do hold a non-finite value are scanned again with a filter.
    /// </summary>
    private List<(long Count, double Min, double Max)> Aggregates(string relation, IReadOnlyList<string> columns)
    {
        var kinds = (relation == _ref ? ReferenceColumns : CurrentColumns).ToDictionary(c => c.Name, c => c.Kind, StringComparer.Ordinal);
        string Value(string column) => kinds[column] == ColumnKind.Numeric
            ? TableFile.Quote(column)
            : $"TRY_CAST({TableFile.Quote(column)} AS DOUBLE)";
        var plain = Query(relation, string.Join(", ", columns.Select(c => $"count({Value(c)}), min({Value(c)}), max({Value(c)})")));
        for (var i = 0; i < columns.Count; i++)
        {
            var (count, min, max) = plain[i];
            if (count == 0 || (double.IsFinite(min) && double.IsFinite(max)))
                continue;
            var v = $"TRY_CAST({TableFile.Quote(columns[i])} AS DOUBLE)";
            plain[i] = Query(relation, $"count({v}), min({v}), max({v})", $"isfinite({v})")[0];
        }
        return plain;
    }

    /// <summary>Runs one row of (count, min, max) triples over <paramref name="relation"/>.</summary>
    private List<(long Count, double Min, double Max)> Query(string relation, string triples, string? where = null)
    {
        using var connection = Fork();
        using var command = connection.CreateCommand();
        command.CommandText = $"SELECT {triples} FROM {relation}" + (where is null ? "" : $" WHERE {where}");
        using var reader = command.ExecuteReader();
        reader.Read();
        double Get(int i) => reader.IsDBNull(i) ? double.NaN : Convert.ToDouble(reader.GetValue(i), CultureInfo.InvariantCulture);
        return Enumerable.Range(0, reader.FieldCount / 3)
            .Select(i => (Convert.ToInt64(reader.GetValue(3 * i), CultureInfo.InvariantCulture), Get(3 * i + 1), Get(3 * i + 2))).ToList();
    }

    /// <summary>
    /// The most values per sample that a numeric column may have to be sorted in memory (8 bytes per
    /// value plus as much scratch, from a pool); larger samples are sorted by DuckDB, which spills to
    /// disk. With the default, the columns in flight hold at most 2 × 32 MB each, whatever the row count.
    /// </summary>
    public const int DefaultInMemorySortLimit = 2_000_000;

    /// <summary>The in-memory sort limit of this source (0 sends every column to DuckDB's sort).</summary>
    public int InMemorySortLimit { get; init; } = DefaultInMemorySortLimit;

    private readonly ArrayPool<double> _values = ArrayPool<double>.Create(1 << 21, 8);
    private readonly ArrayPool<ulong> _scratch = ArrayPool<ulong>.Create(1 << 21, 4);

    /// <summary>
    /// Both samples sorted and merged here into distinct values with their counts. A sample within
    /// <see cref="InMemorySortLimit"/> is streamed from DuckDB unsorted (a plain scan) and radix-sorted
    /// in a pooled buffer; a larger one is sorted by DuckDB (ORDER BY, external when memory runs short)
    /// and streamed, each sample on its own connection so that both cursors advance side by side.
    /// Either way the result is the same exact sorted merge.
    /// </summary>
    public IEnumerable<ValueCount> DistinctNumericValues(string column)
    {
        var summary = SummarizeNumeric(column);
        if (summary.CountReference > InMemorySortLimit || summary.CountCurrent > InMemorySortLimit)
            return DuckDbSortedMerge(column);
        return InMemorySortedMerge(column, (int)summary.CountReference, (int)summary.CountCurrent);
    }

    private IEnumerable<ValueCount> DuckDbSortedMerge(string column)
    {
        using var referenceConnection = Fork();
        using var currentConnection = Fork();
        foreach (var value in SortedValueMerge.Merge(SortedValues(referenceConnection, _ref, column), SortedValues(currentConnection, _cur, column)))
            yield return value;
    }

    private IEnumerable<ValueCount> InMemorySortedMerge(string column, int countReference, int countCurrent)
    {
        var reference = ReadSorted(_ref, column, countReference);
        try
        {
            var current = ReadSorted(_cur, column, countCurrent);
            try
            {
                foreach (var value in SortedValueMerge.Merge(Prefix(reference, countReference), Prefix(current, countCurrent)))
                    yield return value;
            }
            finally
            {
                _values.Return(current);
            }
        }
        finally
        {
            _values.Return(reference);
        }
    }

    private static IEnumerable<double> Prefix(double[] values, int count)
    {
        for (var i = 0; i < count; i++)
            yield return values[i];
    }

    /// <summary>The finite values of one sample's column, read in a plain scan and radix-sorted; a pooled array, the first <paramref name="count"/> entries used.</summary>
    private double[] ReadSorted(string relation, string column, int count)
    {
        var values = _values.Rent(Math.Max(count, 1));
        try
        {
            using (var connection = Fork())
            using (var command = connection.CreateCommand())
            {
                command.CommandText = $"SELECT v FROM (SELECT TRY_CAST({TableFile.Quote(column)} AS DOUBLE) AS v FROM {relation}) WHERE {FiniteFilter}";
                using var reader = command.ExecuteReader();
                var read = 0;
                while (reader.Read())
                {
                    // The summary counted these rows a moment ago; more now means the data changed underneath.
                    if (read == count)
                        throw new InvalidOperationException($"column '{column}' has more values than were counted");
                    values[read++] = reader.GetDouble(0);
                }
                if (read != count)
                    throw new InvalidOperationException($"column '{column}' has fewer values than were counted");
            }
            var scratch = _scratch.Rent(Math.Max(count, 1));
            try
            {
                DoubleRadixSort.Sort(values.AsSpan(0, count), scratch);
            }
            finally
            {
                _scratch.Return(scratch);
            }
            return values;
        }
        catch
        {
            _values.Return(values);
            throw;
        }
    }

    private static IEnumerable<double> SortedValues(DuckDBConnection connection, string relation, string column)
    {
        using var command = connection.CreateCommand();
        command.CommandText =
            $"SELECT v FROM (SELECT TRY_CAST({TableFile.Quote(column)} AS DOUBLE) AS v FROM {relation}) WHERE {FiniteFilter} ORDER BY v";
        using var reader = command.ExecuteReader();
        while (reader.Read())
            yield return reader.GetDouble(0);
    }

    public (IReadOnlyDictionary<string, long> Reference, IReadOnlyDictionary<string, long> Current) CategoryCounts(string column, bool numeric)
    {
        var reference = new Dictionary<string, long>(StringComparer.Ordinal);
        var current = new Dictionary<string, long>(StringComparer.Ordinal);
        using var connection = Fork();
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

/// <summary>The text of a numeric value used as a category: shortest round-trip form, invariant culture.</summary>
public static class ValueText
{
    public static string Format(double value) => value.ToString("R", CultureInfo.InvariantCulture);
}

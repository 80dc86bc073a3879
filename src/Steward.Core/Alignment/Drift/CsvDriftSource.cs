using System.Buffers;
using Steward.Core.Alignment.Data;
using Steward.Core.Alignment.Statistics;

namespace Steward.Core.Alignment.Drift;

/// <summary>
/// Two CSV files of numeric columns read straight into double arrays (<see cref="CsvNumericTable"/>),
/// both files at once, then each column radix-sorted in place and merged — the same exact sorted merge
/// as <see cref="DuckDbDriftSource"/>, without starting DuckDB, copying the file into its tables and
/// reading every value back through its cursor. <see cref="TryOpen"/> returns null for every input it
/// does not read exactly as DuckDB does (see <see cref="CsvNumericTable"/>): the caller then uses
/// <see cref="DuckDbDriftSource"/>, so reports, types and error messages stay what they were.
/// Memory: 8 bytes per value, at most <see cref="DuckDbDriftSource.DefaultInMemorySortLimit"/> rows per
/// file (larger files go to DuckDB, whose sort spills to disk), plus one sort buffer per column in flight.
/// </summary>
public sealed class CsvDriftSource : IDriftSource
{
    private readonly CsvNumericTable _reference;
    private readonly CsvNumericTable _current;
    private readonly Dictionary<string, int> _referenceIndex;
    private readonly Dictionary<string, int> _currentIndex;
    private readonly Dictionary<string, Lazy<NumericSummary>> _sorted = new(StringComparer.Ordinal);

    private CsvDriftSource(string referenceName, string currentName, CsvNumericTable reference, CsvNumericTable current)
    {
        ReferenceName = referenceName;
        CurrentName = currentName;
        _reference = reference;
        _current = current;
        _referenceIndex = Index(reference);
        _currentIndex = Index(current);
        ReferenceColumns = Columns(reference);
        CurrentColumns = Columns(current);
        foreach (var name in reference.Names)
            if (_currentIndex.ContainsKey(name))
                _sorted[name] = new Lazy<NumericSummary>(() => SortColumn(name));
    }

    /// <summary>
    /// Reads both files when both are plain numeric CSV files of at most <paramref name="maxRows"/> rows and
    /// the options need nothing but numbers; null otherwise (and when a file cannot be read at all, so
    /// that the general reader reports it in its own order and words).
    /// </summary>
    public static CsvDriftSource? TryOpen(string referencePath, string currentPath, DriftOptions options, int maxRows = DuckDbDriftSource.DefaultInMemorySortLimit)
    {
        // A numeric column treated as categories keeps DuckDB's text form of its values.
        if (options.Categorical.Count > 0) return null;
        if (!IsCsv(referencePath) || !IsCsv(currentPath)) return null;
        string referenceFull, currentFull;
        try
        {
            // The same checks, in the same order, as the general reader (regular file, not empty, ...).
            TableFile.ReaderSql(referencePath);
            TableFile.ReaderSql(currentPath);
            referenceFull = Path.GetFullPath(referencePath);
            currentFull = Path.GetFullPath(currentPath);
        }
        catch (StewardInputException)
        {
            return null;
        }
        try
        {
            var currentTask = Task.Run(() => CsvNumericTable.TryRead(currentFull, maxRows));
            var reference = CsvNumericTable.TryRead(referenceFull, maxRows);
            var current = currentTask.GetAwaiter().GetResult();
            return reference is null || current is null ? null : new CsvDriftSource(referencePath, currentPath, reference, current);
        }
        catch (IOException)
        {
            return null;
        }
        catch (UnauthorizedAccessException)
        {
            return null;
        }
    }

    private static bool IsCsv(string path) => Path.GetExtension(path).Equals(".csv", StringComparison.OrdinalIgnoreCase);

    private static Dictionary<string, int> Index(CsvNumericTable table)
    {
        var index = new Dictionary<string, int>(StringComparer.Ordinal);
        for (var i = 0; i < table.Names.Count; i++) index[table.Names[i]] = i;
        return index;
    }

    private static List<TableColumn> Columns(CsvNumericTable table) =>
        table.Names.Select((name, i) => new TableColumn(name, table.Integer[i] ? "BIGINT" : "DOUBLE", ColumnKind.Numeric)).ToList();

    public string ReferenceName { get; }
    public string CurrentName { get; }
    public IReadOnlyList<TableColumn> ReferenceColumns { get; }
    public IReadOnlyList<TableColumn> CurrentColumns { get; }

    /// <summary>Every column of this source is numeric in both files.</summary>
    public void EnsureNumeric(string column)
    {
    }

    public NumericSummary SummarizeNumeric(string column) =>
        _sorted.TryGetValue(column, out var sorted) ? sorted.Value : throw new ArgumentException($"'{column}' is not a numeric column of both samples");

    /// <summary>Sorts the column in both files (once; later calls reuse it) and returns counts and range.</summary>
    private NumericSummary SortColumn(string column)
    {
        var reference = Sort(_reference, _referenceIndex[column]);
        var current = Sort(_current, _currentIndex[column]);
        var min = Math.Min(reference.Length > 0 ? reference[0] : double.PositiveInfinity, current.Length > 0 ? current[0] : double.PositiveInfinity);
        var max = Math.Max(reference.Length > 0 ? reference[^1] : double.NegativeInfinity, current.Length > 0 ? current[^1] : double.NegativeInfinity);
        // Every value is finite (the reader takes no other), so the counts are those of finite values.
        return new NumericSummary(reference.Length, current.Length, reference.Length + current.Length == 0 ? double.NaN : min,
            reference.Length + current.Length == 0 ? double.NaN : max);
    }

    private static Span<double> Sort(CsvNumericTable table, int column)
    {
        var values = table.Values[column].AsSpan(0, table.Counts[column]);
        var scratch = ArrayPool<ulong>.Shared.Rent(Math.Max(values.Length, 1));
        try
        {
            DoubleRadixSort.Sort(values, scratch);
        }
        finally
        {
            ArrayPool<ulong>.Shared.Return(scratch);
        }
        return values;
    }

    public IEnumerable<ValueCount> DistinctNumericValues(string column)
    {
        SummarizeNumeric(column);
        var r = _referenceIndex[column];
        var c = _currentIndex[column];
        return SortedArrayMerge.Merge(_reference.Values[r], _reference.Counts[r], _current.Values[c], _current.Counts[c]);
    }

    public (IReadOnlyDictionary<string, long> Reference, IReadOnlyDictionary<string, long> Current) CategoryCounts(string column, bool numeric)
    {
        if (!numeric)
            throw new InvalidOperationException("a CSV drift source holds numeric columns only");
        // As DuckDB's GROUP BY on the double value, then the value's text.
        return (Counts(_reference, _referenceIndex[column]), Counts(_current, _currentIndex[column]));
    }

    private static Dictionary<string, long> Counts(CsvNumericTable table, int column)
    {
        var byValue = new Dictionary<double, long>();
        foreach (var v in table.Values[column].AsSpan(0, table.Counts[column]))
            byValue[v] = byValue.GetValueOrDefault(v) + 1;
        return byValue.ToDictionary(p => ValueText.Format(p.Key), p => p.Value, StringComparer.Ordinal);
    }
}

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
/// Memory: 8 bytes per value up to <see cref="DefaultRunRows"/> rows per file; a larger file is sorted
/// externally (each run of that many rows radix-sorted and written to a private temporary folder, the
/// runs k-way merged while the two samples are merged), so memory stays that of one run per file
/// whatever the row count. The folder is deleted when the source is disposed.
/// </summary>
public sealed class CsvDriftSource : IDriftSource, IDisposable
{
    /// <summary>Rows per file held in memory; a larger file is sorted in runs of this many rows spilled to disk.</summary>
    public const int DefaultRunRows = 1 << 20;

    private readonly CsvNumericTable _reference;
    private readonly CsvNumericTable _current;
    private readonly Dictionary<string, int> _referenceIndex;
    private readonly Dictionary<string, int> _currentIndex;
    private readonly Dictionary<string, Lazy<NumericSummary>> _sorted = new(StringComparer.Ordinal);
    private readonly SpillFolder _spill;

    private CsvDriftSource(string referenceName, string currentName, CsvNumericTable reference, CsvNumericTable current, SpillFolder spill)
    {
        _spill = spill;
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
    /// that the general reader reports it in its own order and words). A file of more than
    /// <paramref name="runRows"/> rows is sorted in runs spilled under <paramref name="spillParent"/>
    /// (default: the system's temporary folder), at most <paramref name="maxSpillBytes"/> in all.
    /// </summary>
    /// <exception cref="StewardInputException">The runs would need more than <paramref name="maxSpillBytes"/>.</exception>
    public static CsvDriftSource? TryOpen(string referencePath, string currentPath, DriftOptions options, long maxRows = long.MaxValue,
        int runRows = DefaultRunRows, string? spillParent = null, long maxSpillBytes = SpillFolder.DefaultMaxBytes)
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
        var spill = new SpillFolder(spillParent, maxSpillBytes);
        try
        {
            var currentTask = Task.Run(() => CsvNumericTable.TryRead(currentFull, maxRows, runRows, spill));
            CsvNumericTable? reference;
            try
            {
                reference = CsvNumericTable.TryRead(referenceFull, maxRows, runRows, spill);
            }
            finally
            {
                // Both readers are done before the folder can go.
                ((IAsyncResult)currentTask).AsyncWaitHandle.WaitOne();
            }
            var current = currentTask.GetAwaiter().GetResult();
            if (reference is not null && current is not null)
                return new CsvDriftSource(referencePath, currentPath, reference, current, spill);
            spill.Dispose();
            return null;
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            spill.Dispose();
            return null;
        }
        catch
        {
            spill.Dispose();
            throw;
        }
    }

    /// <summary>Deletes the runs spilled to disk, if any.</summary>
    public void Dispose() => _spill.Dispose();

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
        var (countReference, firstReference, lastReference) = SortedRange(_reference, _referenceIndex[column]);
        var (countCurrent, firstCurrent, lastCurrent) = SortedRange(_current, _currentIndex[column]);
        var min = Math.Min(firstReference, firstCurrent);
        var max = Math.Max(lastReference, lastCurrent);
        // Every value is finite (the reader takes no other), so the counts are those of finite values.
        return new NumericSummary(countReference, countCurrent, countReference + countCurrent == 0 ? double.NaN : min,
            countReference + countCurrent == 0 ? double.NaN : max);
    }

    /// <summary>A column's count, smallest and largest value (±infinity when empty), sorting it first when it is in memory.</summary>
    private static (long Count, double First, double Last) SortedRange(CsvNumericTable table, int column)
    {
        if (table.Runs is { } runs)
        {
            var spilled = runs[column];
            return (spilled.Sum(r => (long)r.Count),
                spilled.Count > 0 ? spilled.Min(r => r.First) : double.PositiveInfinity,
                spilled.Count > 0 ? spilled.Max(r => r.Last) : double.NegativeInfinity);
        }
        var values = Sort(table, column);
        return (values.Length, values.Length > 0 ? values[0] : double.PositiveInfinity, values.Length > 0 ? values[^1] : double.NegativeInfinity);
    }

    /// <summary>A sorted column as an ascending stream: its array, or the k-way merge of its runs on disk.</summary>
    private static IEnumerable<double> Ascending(CsvNumericTable table, int column)
    {
        if (table.Runs is { } runs) return SortedRunMerge.Merge(runs[column]);
        var values = table.Values[column];
        var count = table.Counts[column];
        return values.Take(count);
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
        if (_reference.Runs is null && _current.Runs is null)
            return SortedArrayMerge.Merge(_reference.Values[r], _reference.Counts[r], _current.Values[c], _current.Counts[c]);
        // The runs of both samples stream into the same merge pass.
        return SortedValueMerge.Merge(Ascending(_reference, r), Ascending(_current, c));
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
        foreach (var v in table.Runs is null ? table.Values[column].Take(table.Counts[column]) : Ascending(table, column))
            byValue[v] = byValue.GetValueOrDefault(v) + 1;
        return byValue.ToDictionary(p => ValueText.Format(p.Key), p => p.Value, StringComparer.Ordinal);
    }
}

using Steward.Core.Alignment.Statistics;
using Steward.Core.Alignment.Data;

namespace Steward.Core.Alignment.Drift;

/// <summary>
/// Two samples held in memory, column by column: numeric columns as doubles (NaN = missing), categorical
/// columns as strings (null = missing). For tests, monitors over small windows and callers that already
/// have the data.
/// </summary>
public sealed class InMemoryDriftSource : IDriftSource
{
    private readonly IReadOnlyDictionary<string, double[]> _numericReference;
    private readonly IReadOnlyDictionary<string, double[]> _numericCurrent;
    private readonly IReadOnlyDictionary<string, string?[]> _categoricalReference;
    private readonly IReadOnlyDictionary<string, string?[]> _categoricalCurrent;

    public InMemoryDriftSource(
        IReadOnlyDictionary<string, double[]> numericReference,
        IReadOnlyDictionary<string, double[]> numericCurrent,
        IReadOnlyDictionary<string, string?[]>? categoricalReference = null,
        IReadOnlyDictionary<string, string?[]>? categoricalCurrent = null,
        string referenceName = "reference",
        string currentName = "current")
    {
        _numericReference = numericReference;
        _numericCurrent = numericCurrent;
        _categoricalReference = categoricalReference ?? new Dictionary<string, string?[]>();
        _categoricalCurrent = categoricalCurrent ?? new Dictionary<string, string?[]>();
        ReferenceName = referenceName;
        CurrentName = currentName;
        ReferenceColumns = Columns(_numericReference, _categoricalReference);
        CurrentColumns = Columns(_numericCurrent, _categoricalCurrent);
    }

    private static List<TableColumn> Columns(IReadOnlyDictionary<string, double[]> numeric, IReadOnlyDictionary<string, string?[]> categorical) =>
        numeric.Keys.Select(k => new TableColumn(k, "DOUBLE", ColumnKind.Numeric))
            .Concat(categorical.Keys.Select(k => new TableColumn(k, "VARCHAR", ColumnKind.Categorical)))
            .OrderBy(c => c.Name, StringComparer.Ordinal).ToList();

    public string ReferenceName { get; }
    public string CurrentName { get; }
    public IReadOnlyList<TableColumn> ReferenceColumns { get; }
    public IReadOnlyList<TableColumn> CurrentColumns { get; }

    public void EnsureNumeric(string column)
    {
        if (!_numericReference.ContainsKey(column))
            throw new StewardInputException($"{ReferenceName}: column '{column}' is not numeric");
        if (!_numericCurrent.ContainsKey(column))
            throw new StewardInputException($"{CurrentName}: column '{column}' is not numeric");
    }

    private static IEnumerable<double> Finite(double[] values) => values.Where(double.IsFinite);

    public NumericSummary SummarizeNumeric(string column)
    {
        var r = Finite(_numericReference[column]).ToArray();
        var c = Finite(_numericCurrent[column]).ToArray();
        var all = r.Concat(c).ToArray();
        return new NumericSummary(r.Length, c.Length,
            all.Length == 0 ? double.NaN : all.Min(), all.Length == 0 ? double.NaN : all.Max());
    }

    public IEnumerable<ValueCount> DistinctNumericValues(string column)
    {
        var r = Finite(_numericReference[column]).GroupBy(v => v).ToDictionary(g => g.Key, g => (long)g.Count());
        var c = Finite(_numericCurrent[column]).GroupBy(v => v).ToDictionary(g => g.Key, g => (long)g.Count());
        return r.Keys.Union(c.Keys).Order()
            .Select(v => new ValueCount(v, r.GetValueOrDefault(v), c.GetValueOrDefault(v)));
    }

    public (IReadOnlyDictionary<string, long> Reference, IReadOnlyDictionary<string, long> Current) CategoryCounts(string column, bool numeric)
    {
        if (numeric)
        {
            return (
                BinnedCounts(Finite(_numericReference[column]).Select(ValueText.Format)),
                BinnedCounts(Finite(_numericCurrent[column]).Select(ValueText.Format)));
        }
        return (
            BinnedCounts(_categoricalReference[column].OfType<string>()),
            BinnedCounts(_categoricalCurrent[column].OfType<string>()));
    }

    private static Dictionary<string, long> BinnedCounts(IEnumerable<string> values)
    {
        var counts = new Dictionary<string, long>(StringComparer.Ordinal);
        foreach (var v in values) counts[v] = counts.GetValueOrDefault(v) + 1;
        return counts;
    }
}

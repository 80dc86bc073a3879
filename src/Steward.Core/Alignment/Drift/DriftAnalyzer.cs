using Steward.Core.Alignment.Data;
using Steward.Core.Alignment.Statistics;

namespace Steward.Core.Alignment.Drift;

/// <summary>
/// Compares a current sample with a reference, column by column, with Evidently's statistics and
/// defaults. Numeric columns are read in one sorted pass of (value, counts) that feeds KS, Wasserstein,
/// the reference std and the histogram together.
/// </summary>
public static class DriftAnalyzer
{
    /// <summary>
    /// Compares two table files (CSV, Parquet, JSON Lines). Two plain numeric CSV files are read
    /// directly (<see cref="CsvDriftSource"/>); everything else through DuckDB, with the same results.
    /// </summary>
    public static DriftReport Analyze(string referencePath, string currentPath, DriftOptions options)
    {
        if (CsvDriftSource.TryOpen(referencePath, currentPath, options) is { } csv)
        {
            using (csv)
                return Analyze(csv, options);
        }
        using var source = new DuckDbDriftSource(referencePath, currentPath);
        return Analyze(source, options);
    }

    public static DriftReport Analyze(IDriftSource source, DriftOptions options)
    {
        var referenceColumns = source.ReferenceColumns.ToDictionary(c => c.Name, StringComparer.Ordinal);
        var currentColumns = source.CurrentColumns.ToDictionary(c => c.Name, StringComparer.Ordinal);
        var names = options.Columns ?? source.ReferenceColumns.Select(c => c.Name).ToList();
        foreach (var name in names.Concat(options.Categorical))
        {
            if (!referenceColumns.ContainsKey(name))
                throw MissingColumn(source.ReferenceName, name, source.ReferenceColumns);
            if (!currentColumns.ContainsKey(name))
                throw MissingColumn(source.CurrentName, name, source.CurrentColumns);
        }

        var categorical = new HashSet<string>(options.Categorical, StringComparer.Ordinal);
        var columns = names.Distinct(StringComparer.Ordinal).Order(StringComparer.Ordinal).ToList();
        var results = ColumnParallel.Map(columns, name =>
            AnalyzeColumn(source, name, options, categorical, referenceColumns[name], currentColumns[name]));
        return new DriftReport(source.ReferenceName, source.CurrentName, results, options.DriftShare);
    }

    private static ColumnDrift AnalyzeColumn(IDriftSource source, string name, DriftOptions options, HashSet<string> categorical,
        TableColumn reference, TableColumn current)
    {
        var columnOptions = options.ForColumn(name);
        var referenceNumeric = reference.Kind == ColumnKind.Numeric;
        var currentNumeric = current.Kind == ColumnKind.Numeric;
        if (categorical.Contains(name) || !(referenceNumeric || currentNumeric))
            return AnalyzeCategorical(source, name, columnOptions, numericValues: false);
        // Numeric on one side only: the other side holds a value that is not a number; name its row.
        if (!referenceNumeric || !currentNumeric) source.EnsureNumeric(name);
        return AnalyzeNumeric(source, name, columnOptions);
    }

    private static StewardInputException MissingColumn(string file, string column, IReadOnlyList<TableColumn> columns) =>
        new($"{file}: no column '{column}' (columns: {string.Join(", ", columns.Select(c => c.Name))})");

    private static ColumnDrift AnalyzeNumeric(IDriftSource source, string column, DriftOptions options)
    {
        var summary = source.SummarizeNumeric(column);
        if (summary.CountReference == 0)
            throw new StewardInputException($"{source.ReferenceName}: column '{column}' has no numeric values");
        if (summary.CountCurrent == 0)
            throw new StewardInputException($"{source.CurrentName}: column '{column}' has no numeric values");

        // One pass serves every method; the number of distinct values (for the automatic choice) is
        // known at its end, which saves DuckDB a separate count(DISTINCT).
        var pass = new NumericColumnPass(summary, options.BinCount);
        foreach (var v in source.DistinctNumericValues(column))
            pass.Add(v);
        var method = options.Method == DriftMethod.Auto
            ? DriftMethods.Choose(true, summary.CountReference, pass.DistinctValues)
            : options.Method;
        // Few distinct values: the tests Evidently picks treat the values as categories.
        if (method is DriftMethod.ChiSquare or DriftMethod.ZTest)
        {
            var counts = pass.FewValueCounts() ?? source.CategoryCounts(column, numeric: true);
            return AnalyzeCategories(source, column, counts.Reference, counts.Current, options with { Method = method }, ColumnKind.Numeric);
        }

        var distribution = pass.Distribution();
        var threshold = options.Threshold ?? DriftMethods.DefaultThreshold(method);
        switch (method)
        {
            case DriftMethod.KolmogorovSmirnov:
            {
                var ks = pass.KolmogorovSmirnov();
                return new ColumnDrift(column, ColumnKind.Numeric, method, ks.Statistic, ks.PValue, threshold, ks.PValue <= threshold, distribution);
            }
            case DriftMethod.Wasserstein:
                return Distance(column, ColumnKind.Numeric, method, pass.NormedWasserstein(), threshold, distribution);
            case DriftMethod.Psi:
                return Distance(column, ColumnKind.Numeric, method, Psi.Compute(distribution), threshold, distribution);
            case DriftMethod.JensenShannon:
                return Distance(column, ColumnKind.Numeric, method, JensenShannon.Distance(distribution), threshold, distribution);
            case DriftMethod.Hellinger:
                return Distance(column, ColumnKind.Numeric, method, Hellinger.Distance(distribution), threshold, distribution);
            default:
                throw new StewardInputException($"method {DriftMethods.Name(method)} does not apply to numeric column '{column}'");
        }
    }

    private static ColumnDrift Distance(string column, ColumnKind kind, DriftMethod method, double value, double threshold, BinnedDistributions distribution) =>
        new(column, kind, method, value, null, threshold, value >= threshold, distribution);

    private static ColumnDrift AnalyzeCategorical(IDriftSource source, string column, DriftOptions options, bool numericValues)
    {
        var (reference, current) = source.CategoryCounts(column, numericValues);
        return AnalyzeCategories(source, column, reference, current, options, numericValues ? ColumnKind.Numeric : ColumnKind.Categorical);
    }

    private static ColumnDrift AnalyzeCategories(IDriftSource source, string column, IReadOnlyDictionary<string, long> reference,
        IReadOnlyDictionary<string, long> current, DriftOptions options, ColumnKind kind)
    {
        if (reference.Count == 0)
            throw new StewardInputException($"{source.ReferenceName}: column '{column}' has no values");
        if (current.Count == 0)
            throw new StewardInputException($"{source.CurrentName}: column '{column}' has no values");
        var distribution = BinnedDistributions.FromCategoryCounts(reference, current);
        var method = options.Method == DriftMethod.Auto
            ? DriftMethods.Choose(false, reference.Values.Sum(), distribution.Labels.Count)
            : options.Method;
        var threshold = options.Threshold ?? DriftMethods.DefaultThreshold(method);
        switch (method)
        {
            case DriftMethod.ChiSquare:
            {
                var keys = distribution.Labels;
                var chi = ChiSquare.GoodnessOfFit(
                    keys.Select(k => reference.GetValueOrDefault(k)).ToArray(),
                    keys.Select(k => current.GetValueOrDefault(k)).ToArray());
                return new ColumnDrift(column, kind, method, chi.Statistic, chi.PValue, threshold, chi.PValue < threshold, distribution);
            }
            case DriftMethod.ZTest:
            {
                if (distribution.Labels.Count > 2)
                    throw new StewardInputException($"method ztest needs a binary column; '{column}' has {distribution.Labels.Count} distinct values");
                var z = ZTest.FromCategoryCounts(reference, current);
                return new ColumnDrift(column, kind, method, z.Statistic, z.PValue, threshold, z.PValue < threshold, distribution);
            }
            case DriftMethod.Psi:
                return Distance(column, kind, method, Psi.Compute(distribution), threshold, distribution);
            case DriftMethod.JensenShannon:
                return Distance(column, kind, method, JensenShannon.Distance(distribution), threshold, distribution);
            case DriftMethod.Hellinger:
                return Distance(column, kind, method, Hellinger.Distance(distribution), threshold, distribution);
            default:
                throw new StewardInputException($"method {DriftMethods.Name(method)} applies to numeric columns only; '{column}' is categorical");
        }
    }
}

/// <summary>
/// One ascending pass over a numeric column's distinct values with their counts: feeds the KS and
/// Wasserstein accumulators, the population std of the reference (weighted Welford/West update, which
/// agrees with numpy's two-pass std to ~1e-15 relative and, the stream being sorted, is deterministic)
/// and the equal-width histogram over [min, max] of both samples.
/// </summary>
public sealed class NumericColumnPass
{
    private readonly NumericSummary _summary;
    private readonly KsAccumulator _ks;
    private readonly WassersteinAccumulator _wasserstein;
    private readonly Binning _binning;
    private readonly long[] _histogramReference;
    private readonly long[] _histogramCurrent;
    private long _cumulativeReference;
    private long _cumulativeCurrent;
    private readonly List<ValueCount> _firstValues = [];
    private long _weight;
    private double _mean;
    private double _squaredDeviations;

    public NumericColumnPass(NumericSummary summary, int binCount = Binning.DefaultBinCount)
    {
        _summary = summary;
        _ks = new KsAccumulator(summary.CountReference, summary.CountCurrent);
        _wasserstein = new WassersteinAccumulator(summary.CountReference, summary.CountCurrent);
        _binning = new Binning(summary.Min, summary.Max, binCount);
        _histogramReference = new long[binCount];
        _histogramCurrent = new long[binCount];
    }

    /// <summary>Adds the next distinct value (values must arrive in ascending order).</summary>
    [System.Runtime.CompilerServices.MethodImpl(System.Runtime.CompilerServices.MethodImplOptions.AggressiveOptimization)]
    public void Add(ValueCount value)
    {
        DistinctValues++;
        if (_firstValues.Count <= DriftMethods.FewDistinctValues) _firstValues.Add(value);
        _cumulativeReference += value.Reference;
        _cumulativeCurrent += value.Current;
        // The ECDF difference both KS and Wasserstein need, computed once (the same expression as theirs).
        var difference = (double)_cumulativeReference / _summary.CountReference - (double)_cumulativeCurrent / _summary.CountCurrent;
        _ks.StepDifference(difference);
        _wasserstein.StepAbsoluteDifference(value.Value, Math.Abs(difference));
        if (value.Reference > 0)
        {
            _weight += value.Reference;
            var delta = value.Value - _mean;
            _mean += value.Reference * delta / _weight;
            _squaredDeviations += value.Reference * delta * (value.Value - _mean);
        }
        var bin = _binning.IndexOf(value.Value);
        if (bin >= 0)
        {
            _histogramReference[bin] += value.Reference;
            _histogramCurrent[bin] += value.Current;
        }
    }

    /// <summary>How many distinct values the pass has seen (over both samples).</summary>
    public long DistinctValues { get; private set; }

    /// <summary>
    /// Counts per value (as category text) when the column has at most 5 distinct values, so that the
    /// chi-square and Z-tests need no second query; null for columns with more values.
    /// </summary>
    public (IReadOnlyDictionary<string, long> Reference, IReadOnlyDictionary<string, long> Current)? FewValueCounts()
    {
        if (DistinctValues > DriftMethods.FewDistinctValues) return null;
        var reference = new Dictionary<string, long>(StringComparer.Ordinal);
        var current = new Dictionary<string, long>(StringComparer.Ordinal);
        foreach (var v in _firstValues)
        {
            var key = ValueText.Format(v.Value);
            if (v.Reference > 0) reference[key] = v.Reference;
            if (v.Current > 0) current[key] = v.Current;
        }
        return (reference, current);
    }

    public KsResult KolmogorovSmirnov() => _ks.Result();

    /// <summary>numpy.std of the reference (ddof = 0).</summary>
    public double ReferenceStd => Math.Sqrt(_squaredDeviations / _summary.CountReference);

    public double NormedWasserstein() => _wasserstein.Distance / Math.Max(ReferenceStd, Wasserstein.StdFloor);

    public BinnedDistributions Distribution() =>
        BinnedDistributions.FromCounts(BinnedDistributions.BinLabels(_binning), _histogramReference, _histogramCurrent);
}

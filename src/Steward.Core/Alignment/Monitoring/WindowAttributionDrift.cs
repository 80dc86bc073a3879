using System.Globalization;
using DuckDB.NET.Data;
using Steward.Core.Alignment.Data;
using Steward.Core.Alignment.Explainability;
using Steward.Core.Alignment.Multivariate;
using Steward.Core.Governance.Kinds;

namespace Steward.Core.Alignment.Monitoring;

/// <summary>
/// Attribution drift over each window of a Monitor (<see cref="ImportanceBaseline"/>): the surrogate of the
/// model's logged score (spec.score) is trained once on the reference file, whose held-out rows give the
/// reference importances; each window's labelled rows give the window's importances, stored as
/// <c>importance.&lt;feature&gt;</c>, and how far they moved: <c>attribution_rank_correlation</c>
/// (Spearman's ρ; a threshold sets its <c>min</c>) and <c>attribution_l1</c> (the normalised L1 distance; a
/// threshold sets its <c>max</c>). Labels are the positive class (1) or not (0), as for the other metrics.
/// </summary>
internal sealed class WindowAttributionDrift
{
    public const string RankCorrelation = "attribution_rank_correlation";
    public const string L1 = "attribution_l1";
    public const string ImportancePrefix = "importance.";

    /// <summary>The metrics this class computes; naming any computes all, with the importance of every feature.</summary>
    public static readonly IReadOnlyList<string> Metrics = [RankCorrelation, L1];

    private readonly DuckDBConnection connection;
    private readonly ModelMonitor monitor;
    private readonly IReadOnlyList<FeatureColumn> columns;
    private readonly ImportanceBaseline baseline;

    private WindowAttributionDrift(DuckDBConnection connection, ModelMonitor monitor, IReadOnlyList<FeatureColumn> columns, ImportanceBaseline baseline)
    {
        this.connection = connection;
        this.monitor = monitor;
        this.columns = columns;
        this.baseline = baseline;
    }

    public static bool IsKnown(string metric) => Metrics.Contains(metric) || metric.StartsWith(ImportancePrefix, StringComparison.Ordinal);

    /// <summary>
    /// Fits the baseline of a Monitor that names an attribution metric (null otherwise) on its reference file;
    /// <paramref name="features"/> are the per-column features, <paramref name="numeric"/> tells their kind.
    /// </summary>
    public static WindowAttributionDrift? Prepare(DuckDBConnection connection, ModelMonitor monitor, string referenceReader,
        IReadOnlyList<string> features, IReadOnlyDictionary<string, bool> numeric)
    {
        if (!monitor.Metrics.Keys.Any(IsKnown))
            return null;
        if (monitor.Score is null)
            throw MonitorRunner.Error(monitor, "metrics", $"'{RankCorrelation}' and '{L1}' need spec.score, the column with the model's score the surrogate learns");
        if (monitor.Label is null)
            throw MonitorRunner.Error(monitor, "metrics", $"'{RankCorrelation}' and '{L1}' need spec.label: importance is the loss increase against the labels");
        if (features.Count == 0)
            throw MonitorRunner.Error(monitor, "metrics", $"'{RankCorrelation}' and '{L1}' need features; the reference {monitor.Reference} has no other columns");
        var columns = features.Select(f => new FeatureColumn(f, numeric[f] ? FeatureKind.Numeric : FeatureKind.Categorical, 1))
            .Append(new FeatureColumn(monitor.Score, FeatureKind.Numeric, 1))
            .Append(new FeatureColumn(monitor.Label, FeatureKind.Numeric, 1)).ToList();
        var options = Options(monitor, features);
        var label = PositiveClass.Sql($"CAST({TableFile.Quote(monitor.Label)} AS VARCHAR)", [monitor.PositiveLabel]);
        var select = "SELECT " + string.Join(", ", columns.SkipLast(2).Select(c => DomainSampleReader.ColumnSql(c.Kind, TableFile.Quote(c.Name))))
            + $", TRY_CAST({TableFile.Quote(monitor.Score)} AS DOUBLE), {AsNumber(label)} FROM {referenceReader}";
        var reference = DomainSampleReader.ReadQuery(connection, select, monitor.Reference!, columns, options.MaxRows, options.Seed);
        if (reference.Rows < 2 * ImportanceOptions.MinimumRows)
            throw MonitorRunner.Error(monitor, "reference",
                $"{monitor.Reference} has {reference.Rows} rows; '{RankCorrelation}' and '{L1}' need at least {2 * ImportanceOptions.MinimumRows}");
        return new WindowAttributionDrift(connection, monitor, columns, ImportanceBaseline.Fit(reference, options));
    }

    private static ImportanceOptions Options(ModelMonitor monitor, IReadOnlyList<string> features) => new()
    {
        Features = features,
        Score = monitor.Score!,
        Label = monitor.Label!,
    };

    private static string AsNumber(string predicate) => $"CAST(CASE WHEN {predicate} THEN 1 WHEN NOT {predicate} THEN 0 END AS DOUBLE)";

    /// <summary>
    /// Adds the metrics of one window's labelled rows to <paramref name="metrics"/>, or a note to
    /// <paramref name="notes"/> when too few rows are labelled (labels often arrive later).
    /// </summary>
    public void Compute(string window, string name, IDictionary<string, double> metrics, ICollection<string> notes)
    {
        var labelled = $"{window} AND {InferenceSql.Label(monitor)} IS NOT NULL";
        var select = "SELECT " + string.Join(", ", columns.SkipLast(2).Select(c => DomainSampleReader.ColumnSql(c.Kind, InferenceSql.Field(c.Name))))
            + $", {InferenceSql.Score(monitor.Score!)}, {AsNumber(InferenceSql.ActualPositive(monitor))} FROM inferences WHERE {labelled} ORDER BY ts, data";
        var current = DomainSampleReader.ReadQuery(connection, select, name, columns, baseline.Options.MaxRows, baseline.Options.Seed + 1);
        if (current.Rows < ImportanceOptions.MinimumRows)
        {
            notes.Add(string.Create(CultureInfo.InvariantCulture,
                $"{RankCorrelation}, {L1}: not computed: the window has {Math.Max(current.Rows, 0)} labelled rows, permutation importance needs at least {ImportanceOptions.MinimumRows}"));
            return;
        }
        var report = baseline.Measure(current);
        foreach (var column in report.CurrentImportance.Columns)
            metrics[ImportancePrefix + column.Feature] = column.Mean;
        // Undefined when the importances are constant or none is positive: left out with a note, not judged.
        foreach (var (metric, value) in new[] { (RankCorrelation, report.Drift.RankCorrelation), (L1, report.Drift.L1Distance) })
        {
            if (double.IsFinite(value))
                metrics[metric] = value;
            else
                notes.Add($"{metric}: not computed: undefined for these importances (constant, or none positive)");
        }
    }
}

using System.Globalization;
using DuckDB.NET.Data;
using Steward.Core.Alignment.Data;
using Steward.Core.Alignment.Drift;
using Steward.Core.Alignment.Fairness;
using Steward.Core.Alignment.Ingest;
using Steward.Core.Findings;
using Steward.Core.Governance.Kinds;
using Steward.Core.Storage;

namespace Steward.Core.Alignment.Monitoring;

/// <summary>One window of one monitor: its metric values and the thresholds they breached.</summary>
public sealed record MonitorWindow(DateTime Start, DateTime End, long Rows, IReadOnlyDictionary<string, double> Metrics, IReadOnlyList<MetricBreach> Breaches)
{
    /// <summary>Why a metric the Monitor names is missing from this window (e.g. too few rows for the domain classifier).</summary>
    public IReadOnlyList<string> Notes { get; init; } = [];
}

/// <summary>A metric outside its threshold in one window.</summary>
public sealed record MetricBreach(string Metric, double Value, Threshold Threshold);

/// <summary>The windows of one monitor, oldest first.</summary>
public sealed record MonitorRun(ModelMonitor Monitor, string Version, IReadOnlyList<MonitorWindow> Windows, IReadOnlyList<Finding> Findings);

/// <summary>The result of <c>steward monitor run</c>.</summary>
public sealed record MonitorRunResult(IReadOnlyList<MonitorRun> Monitors)
{
    public IReadOnlyList<Finding> Findings => [.. Monitors.SelectMany(m => m.Findings).Order(FindingOrder.Instance)];

    public bool Breached => Monitors.Any(m => m.Windows.Any(w => w.Breaches.Count > 0));
}

/// <summary>
/// Runs Monitor objects over the store's inference log: splits the log of the monitor's model (and
/// version) into UTC windows, computes the metrics its thresholds name in each window (drift against
/// the reference file, per column and by a domain classifier, fairness over the protected attributes,
/// classification performance), stores
/// them in <c>monitor_results</c> and the windows' notes in <c>monitor_notes</c> (replacing earlier results of
/// the same windows) and reports every
/// breach as a finding. The statistics run in DuckDB over the window's rows (<see cref="IInferenceWindows"/>):
/// in place on a DuckDB store, copied one window at a time from a PostgreSQL store, with the same SQL and figures.
/// </summary>
public sealed class MonitorRunner
{
    public const string DriftShare = "drift_share";
    public const string DriftColumnPrefix = "drift.";

    /// <summary>Metrics of the domain classifier: its held-out ROC AUC and its verdict (1 = drift).</summary>
    public static readonly IReadOnlyList<string> MultivariateMetrics = WindowMultivariateDrift.Metrics;

    /// <summary>Metrics that need FairnessAnalyzer; the first two need predictions only.</summary>
    public static readonly IReadOnlyList<string> FairnessMetrics =
        ["demographic_parity_difference", "demographic_parity_ratio", "equalized_odds_difference", "equal_opportunity_difference"];

    /// <summary>Metrics that need labels and predicted classes (a prediction column, or a score and its threshold).</summary>
    public static readonly IReadOnlyList<string> PerformanceMetrics = WindowPerformance.ClassMetrics;

    /// <summary>Metrics that need labels and a score column.</summary>
    public static readonly IReadOnlyList<string> ScoreMetrics = WindowPerformance.ScoreMetrics;

    private readonly IStewardStore store;

    // The log and the windows of the run in progress.
    private IInferenceLog? log;
    private IInferenceWindows? windows;

    public MonitorRunner(IStewardStore store)
    {
        this.store = store;
        store.EnsureSchema(AlignmentSchema.Module);
    }

    /// <summary>Where the statistics run: the window's rows and the reference files are read there.</summary>
    private DuckDBConnection Connection => windows?.Connection ?? throw new InvalidOperationException("no run in progress");

    /// <summary>Runs <paramref name="monitors"/>; <paramref name="repositoryRoot"/> resolves their reference files.</summary>
    public MonitorRunResult Run(IReadOnlyList<ModelMonitor> monitors, string repositoryRoot, DateTime? from = null, DateTime? to = null)
    {
        // Check every monitor's inputs before computing anything.
        var references = monitors.ToDictionary(m => m, m => ReferencePath(m, repositoryRoot));
        foreach (var monitor in monitors)
        {
            foreach (var metric in monitor.Metrics.Keys)
            {
                if (!IsKnown(metric))
                    throw Error(monitor, "metrics", $"unknown metric '{metric}' (drift_share, drift.<column>, {string.Join(", ", MultivariateMetrics.Concat(FairnessMetrics).Concat(PerformanceMetrics).Concat(ScoreMetrics).Concat(WindowResponseQuality.Metrics).Concat(WindowAttributionDrift.Metrics))}, importance.<column>)");
                WindowResponseQuality.Require(monitor, metric);
                if (ScoreMetrics.Contains(metric) && monitor.Score is null)
                    throw Error(monitor, "metrics", $"'{metric}' needs spec.score, the column with the score or probability of the positive class");
            }
            if (WindowMultivariateDrift.Threshold(monitor) is < 0 or > 1)
                throw Error(monitor, "metrics", $"'{WindowMultivariateDrift.Auc}' is a ROC AUC: its max must lie between 0 and 1");
        }
        using var openedLog = InferenceLog.For(store);
        using var openedWindows = openedLog.OpenWindows();
        (log, windows) = (openedLog, openedWindows);
        try
        {
            var results = MonitorResults.For(store);
            return new MonitorRunResult([.. monitors.Select(m => RunOne(m, references[m], from, to, results))]);
        }
        finally
        {
            (log, windows) = (null, null);
        }
    }

    private static bool IsKnown(string metric) =>
        metric == DriftShare || metric.StartsWith(DriftColumnPrefix, StringComparison.Ordinal) || MultivariateMetrics.Contains(metric)
        || FairnessMetrics.Contains(metric) || PerformanceMetrics.Contains(metric) || ScoreMetrics.Contains(metric)
        || WindowResponseQuality.Metrics.Contains(metric) || WindowAttributionDrift.IsKnown(metric);

    private static string ReferencePath(ModelMonitor monitor, string root)
    {
        var reference = monitor.Reference;
        if (reference is null)
            throw Error(monitor, "reference", "is required: a CSV, Parquet or JSON Lines file relative to the repository");
        if (reference.Contains("://", StringComparison.Ordinal))
            throw Error(monitor, "reference", $"'{reference}' is a URI; Steward does not fetch remote data: give a file path relative to the repository");
        // Inside the repository only (no absolute path, "..", link out, FIFO or device); a table is
        // streamed by DuckDB, so no size limit applies.
        var where = $"{monitor.Object.File}:{monitor.Object.Location.Line}: Monitor {monitor.Name}: spec.reference";
        return new Security.RepositoryRoot(root).Resolve(reference, where, maxBytes: null)!;
    }

    internal static StewardInputException Error(ModelMonitor monitor, string field, string message) =>
        new($"{monitor.Object.File}:{monitor.Object.Location.Line}: Monitor {monitor.Name}: spec.{field}: {message}");

    private MonitorRun RunOne(ModelMonitor monitor, string referencePath, DateTime? from, DateTime? to, IMonitorResults results)
    {
        var version = monitor.Version ?? "*";
        var reader = TableFile.ReaderSql(referencePath);
        var referenceColumns = TableFile.Guard(referencePath, () => TableFile.Describe(Connection, $"(SELECT * FROM {reader})"));
        // Embeddings are features of the domain classifier only: comparing whole vectors per column means nothing.
        var features = (monitor.Features.Count > 0 ? monitor.Features : [.. referenceColumns.Select(c => c.Name)
            .Where(n => n != monitor.Prediction && n != monitor.Label && n != monitor.Score && !monitor.ProtectedAttributes.Contains(n))])
            .Where(n => !monitor.Embeddings.Contains(n)).ToList();
        var numeric = new Dictionary<string, bool>(StringComparer.Ordinal);
        foreach (var feature in features)
        {
            var column = referenceColumns.FirstOrDefault(c => c.Name == feature)
                ?? throw Error(monitor, "features", $"column '{feature}' is not in the reference file {referencePath}");
            numeric[feature] = column.Kind == ColumnKind.Numeric && !monitor.CategoricalFeatures.Contains(feature);
        }

        var inferenceScope = new InferenceScope(monitor.Model, monitor.Version, from, to);
        var scope = inferenceScope.DuckDbPredicate();
        var unit = WindowUnits.Parse(monitor.Window);
        var starts = log!.Windows(inferenceScope, unit);

        var wantsDrift = monitor.Metrics.Keys.Any(k => k == DriftShare || k.StartsWith(DriftColumnPrefix, StringComparison.Ordinal));
        var referenceQuery = "SELECT " + string.Join(", ", features.Select(c =>
            $"CAST({TableFile.Quote(c)} AS {(numeric[c] ? "DOUBLE" : "VARCHAR")}) AS {TableFile.Quote(c)}")) + $" FROM {reader}";
        var multivariate = WindowMultivariateDrift.Prepare(Connection, monitor, referencePath, reader, referenceColumns, features, numeric);
        var attribution = WindowAttributionDrift.Prepare(Connection, monitor, reader, features, numeric);

        var computed = new List<MonitorWindow>();
        var findings = new List<Finding>();
        foreach (var (start, rows) in starts)
        {
            var end = unit.End(start);
            windows!.Load(inferenceScope, start, end);
            var window = $"{scope} AND ts >= {InferenceSql.Timestamp(start)} AND ts < {InferenceSql.Timestamp(end)}";
            var name = $"{monitor.Model} {version} window {Iso(start)}";
            var metrics = new SortedDictionary<string, double>(StringComparer.Ordinal);
            var notes = new List<string>();
            CheckScores(monitor, window);
            if (wantsDrift && features.Count > 0)
                Drift(monitor, features, numeric, referenceQuery, window, name, metrics);
            multivariate?.Compute(window, name, rows, metrics, notes);
            attribution?.Compute(window, name, metrics, notes);
            Fairness(monitor, window, name, metrics);
            WindowPerformance.Compute(Connection, monitor, window, metrics);
            WindowResponseQuality.Compute(Connection, monitor, window, metrics);

            var breaches = new List<MetricBreach>();
            foreach (var (metric, threshold) in monitor.Metrics)
            {
                if (!metrics.TryGetValue(metric, out var value) || double.IsNaN(value) || double.IsInfinity(value))
                    continue;
                if (!threshold.IsMetBy((decimal)value))
                {
                    breaches.Add(new MetricBreach(metric, value, threshold));
                    findings.Add(MonitorFindings.Breach(monitor, metric, value, threshold, start, end, rows));
                }
            }
            computed.Add(new MonitorWindow(start, end, rows, metrics, breaches) { Notes = notes });
        }
        results.Record(monitor, version, computed);
        return new MonitorRun(monitor, version, computed, findings);
    }

    private void Drift(ModelMonitor monitor, IReadOnlyList<string> features, Dictionary<string, bool> numeric, string referenceQuery,
        string window, string name, IDictionary<string, double> metrics)
    {
        var currentQuery = "SELECT " + string.Join(", ", features.Select(c =>
            $"{(numeric[c] ? "TRY_CAST" : "CAST")}({InferenceSql.Field(c)} AS {(numeric[c] ? "DOUBLE" : "VARCHAR")}) AS {TableFile.Quote(c)}"))
            + $" FROM inferences WHERE {window}";
        using var source = new DuckDbDriftSource(Connection, referenceQuery, currentQuery, monitor.Reference!, name);
        var report = DriftAnalyzer.Analyze(source, new DriftOptions
        {
            Columns = features,
            Categorical = [.. features.Where(c => !numeric[c])],
        });
        metrics[DriftShare] = report.DriftShare;
        foreach (var column in report.Columns)
            metrics[DriftColumnPrefix + column.Column] = column.PValue ?? column.Statistic;
    }

    private void Fairness(ModelMonitor monitor, string window, string name, IDictionary<string, double> metrics)
    {
        var wanted = monitor.Metrics.Keys.Where(FairnessMetrics.Contains).ToList();
        if (wanted.Count == 0 || monitor.ProtectedAttributes.Count == 0 || InferenceSql.PredictedPositive(monitor) is not { } predicted)
            return;
        var labelled = monitor.Label is not null && Count($"SELECT count(*) FROM inferences WHERE {window} AND {InferenceSql.Label(monitor)} IS NULL") == 0;
        // Without labels only demographic parity (selection rates) is defined; the prediction stands in for the label.
        var label = labelled ? InferenceSql.ActualPositive(monitor) : predicted;
        // The positive classes are decided here, so FairnessAnalyzer sees '1' and '0' (its defaults).
        var columns = monitor.ProtectedAttributes.Select(a => $"CAST({InferenceSql.Field(a)} AS VARCHAR) AS {TableFile.Quote(a)}")
            .Append($"{InferenceSql.AsClass(predicted)} AS steward_prediction")
            .Append($"{InferenceSql.AsClass(label)} AS steward_label");
        var report = FairnessAnalyzer.Analyze(Connection, $"SELECT {string.Join(", ", columns)} FROM inferences WHERE {window}", name, new FairnessOptions
        {
            Sensitive = monitor.ProtectedAttributes,
            Prediction = "steward_prediction",
            Label = "steward_label",
        });
        metrics["demographic_parity_difference"] = report.DemographicParityDifference;
        metrics["demographic_parity_ratio"] = report.DemographicParityRatio;
        if (labelled)
        {
            metrics["equalized_odds_difference"] = report.EqualizedOddsDifference;
            metrics["equal_opportunity_difference"] = report.EqualOpportunityDifference;
        }
    }

    /// <summary>
    /// A score that is missing or not a finite number is an input error naming the logged file, row and
    /// column: roc_auc and log_loss would otherwise silently leave the row out.
    /// </summary>
    private void CheckScores(ModelMonitor monitor, string window)
    {
        if (monitor.Score is not { } score)
            return;
        var text = InferenceSql.Field(score);
        using var command = StoreSql.Command(Connection,
            $"SELECT i.source_path, f.row_number, {text} FROM inferences f JOIN imports i USING (import_id) " +
            $"WHERE {window} AND NOT coalesce(isfinite(TRY_CAST({text} AS DOUBLE)), false) ORDER BY f.import_id, f.row_number LIMIT 1");
        using var r = command.ExecuteReader();
        if (!r.Read())
            return;
        var value = r.IsDBNull(2) ? null : r.GetString(2);
        throw new StewardInputException(
            $"{r.GetString(0)}: row {r.GetValue(1)}, column '{score}': {(value is null ? "value is missing" : $"'{value}' is not a number")} " +
            $"(the score of Monitor {monitor.Name}, {monitor.Object.File}:{monitor.Object.Location.Line})");
    }

    public static string Iso(DateTime value) => value.ToString("yyyy-MM-dd'T'HH:mm:ss'Z'", CultureInfo.InvariantCulture);

    private long Count(string sql) => Convert.ToInt64(StoreSql.Command(Connection, sql).ExecuteScalar(), CultureInfo.InvariantCulture);
}

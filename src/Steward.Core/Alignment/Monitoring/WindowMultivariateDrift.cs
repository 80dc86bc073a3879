using System.Globalization;
using DuckDB.NET.Data;
using Steward.Core.Alignment.Data;
using Steward.Core.Alignment.Multivariate;
using Steward.Core.Governance.Kinds;
using Steward.Core.Storage;

namespace Steward.Core.Alignment.Monitoring;

/// <summary>
/// The domain classifier of <see cref="DomainClassifierDrift"/> over each window of a Monitor: the reference
/// file is read once (reservoir-sampled to the usual row cap, seed 42), each window's rows come from the
/// inference log in a fixed order, and the window gets <c>multivariate_auc</c> (the held-out ROC AUC) and
/// <c>multivariate_drift</c> (1 when the classifier's verdict is drift, else 0).
/// </summary>
internal sealed class WindowMultivariateDrift
{
    public const string Auc = "multivariate_auc";
    public const string Verdict = "multivariate_drift";

    /// <summary>The metrics this class computes; naming either computes both.</summary>
    public static readonly IReadOnlyList<string> Metrics = [Auc, Verdict];

    private readonly DuckDBConnection connection;
    private readonly ModelMonitor monitor;
    private readonly IReadOnlyList<FeatureColumn> columns;
    private readonly DomainSample reference;
    private readonly MultivariateDriftOptions options;

    private WindowMultivariateDrift(DuckDBConnection connection, ModelMonitor monitor, IReadOnlyList<FeatureColumn> columns, DomainSample reference, MultivariateDriftOptions options)
    {
        this.connection = connection;
        this.monitor = monitor;
        this.columns = columns;
        this.reference = reference;
        this.options = options;
    }

    /// <summary>
    /// The classifier's threshold: the <c>max</c> of <c>multivariate_auc</c> when the Monitor sets one, so
    /// that <c>multivariate_drift</c> is 1 exactly when that metric breaches and beats the no-drift bound;
    /// otherwise the default of <c>steward analyze drift --multivariate</c>.
    /// </summary>
    public static double Threshold(ModelMonitor monitor) =>
        monitor.Metrics.TryGetValue(Auc, out var threshold) && threshold.Max is { } max ? (double)max : MultivariateDriftOptions.DefaultThreshold;

    /// <summary>
    /// Reads the reference sample of a Monitor that names a multivariate metric (null otherwise).
    /// <paramref name="features"/> are the per-column features (<paramref name="numeric"/> tells their kind);
    /// the Monitor's embeddings are added. <paramref name="referenceColumns"/> describe the reference file.
    /// <paramref name="connection"/> reads the reference file and the windows' <c>inferences</c> (<see cref="Ingest.IInferenceWindows"/>).
    /// </summary>
    public static WindowMultivariateDrift? Prepare(DuckDBConnection connection, ModelMonitor monitor, string referencePath, string referenceReader,
        IReadOnlyList<TableColumn> referenceColumns, IReadOnlyList<string> features, IReadOnlyDictionary<string, bool> numeric)
    {
        if (!monitor.Metrics.Keys.Any(Metrics.Contains))
            return null;
        var relation = $"(SELECT * FROM {referenceReader})";
        var embeddings = new List<FeatureColumn>();
        foreach (var name in monitor.Embeddings)
        {
            if (referenceColumns.All(c => c.Name != name))
                throw MonitorRunner.Error(monitor, "embeddings", $"column '{name}' is not in the reference file {referencePath}");
            // Every reference vector is checked here and every logged one in Compute, so that the first bad one is named.
            var width = DomainSampleReader.FirstEmbeddingWidth(connection, relation, monitor.Reference!, name);
            DomainSampleReader.CheckEmbeddings(connection, relation, monitor.Reference!, name, width);
            embeddings.Add(new FeatureColumn(name, FeatureKind.Embedding, width));
        }
        var columns = features.Select(f => new FeatureColumn(f, numeric[f] ? FeatureKind.Numeric : FeatureKind.Categorical, 1))
            .Concat(embeddings).OrderBy(c => c.Name, StringComparer.Ordinal).ToList();
        if (columns.Count == 0)
            throw MonitorRunner.Error(monitor, "metrics", $"'{Auc}' and '{Verdict}' need features or spec.embeddings; the reference {referencePath} has no other columns");

        var options = new MultivariateDriftOptions { Threshold = Threshold(monitor) };
        var select = "SELECT " + string.Join(", ", columns.Select(c => DomainSampleReader.ColumnSql(c.Kind, TableFile.Quote(c.Name)))) + $" FROM {referenceReader}";
        var sample = DomainSampleReader.ReadQuery(connection, select, monitor.Reference!, columns, options.MaxRows, options.Seed);
        if (sample.Rows < MultivariateDriftOptions.MinimumRows)
            throw MonitorRunner.Error(monitor, "reference",
                $"{monitor.Reference} has {sample.Rows} rows; the domain classifier of '{Auc}' needs at least {MultivariateDriftOptions.MinimumRows}");
        return new WindowMultivariateDrift(connection, monitor, columns, sample, options);
    }

    /// <summary>
    /// Adds both metrics of one window to <paramref name="metrics"/>, or a note to <paramref name="notes"/>
    /// when the window has too few rows to train and measure a classifier.
    /// </summary>
    public void Compute(string window, string name, long rows, IDictionary<string, double> metrics, ICollection<string> notes)
    {
        if (rows < MultivariateDriftOptions.MinimumRows)
        {
            notes.Add(string.Create(CultureInfo.InvariantCulture,
                $"{Auc}, {Verdict}: not computed: the window has {rows} rows, the domain classifier needs at least {MultivariateDriftOptions.MinimumRows}"));
            return;
        }
        foreach (var column in columns.Where(c => c.Kind == FeatureKind.Embedding))
            CheckLoggedVectors(window, column);
        CheckLoggedValues(window, name);
        // Ordered by time, then by the row's content: the sample and the split depend on the order, and
        // this one depends neither on the order of the imports nor on DuckDB's scan.
        var select = "SELECT " + string.Join(", ", columns.Select(c => DomainSampleReader.ColumnSql(c.Kind, InferenceSql.Field(c.Name))))
            + $" FROM inferences WHERE {window} ORDER BY ts, data";
        var current = DomainSampleReader.ReadQuery(connection, select, name, columns, options.MaxRows, options.Seed + 1);
        var report = DomainClassifierDrift.Analyze(reference, current, options);
        metrics[Auc] = report.RocAuc;
        metrics[Verdict] = report.Drifted ? 1 : 0;
    }

    /// <summary>
    /// A column without a single usable value in the window (absent from the log, or never a number) is an
    /// input error, as for the per-column drift: the classifier would otherwise report the missing values as drift.
    /// </summary>
    private void CheckLoggedValues(string window, string name)
    {
        using var command = StoreSql.Command(connection,
            "SELECT " + string.Join(", ", columns.Select(c => $"count({DomainSampleReader.ColumnSql(c.Kind, InferenceSql.Field(c.Name))})")) +
            $" FROM inferences WHERE {window}");
        using var r = command.ExecuteReader();
        r.Read();
        for (var i = 0; i < columns.Count; i++)
        {
            if (Convert.ToInt64(r.GetValue(i), CultureInfo.InvariantCulture) > 0)
                continue;
            var kind = columns[i].Kind switch { FeatureKind.Numeric => "numeric values", FeatureKind.Embedding => "embeddings", _ => "values" };
            throw new StewardInputException(
                $"{name}: column '{columns[i].Name}' has no {kind} in the logged inferences " +
                $"(a feature of {Auc} in Monitor {monitor.Name}, {monitor.Object.File}:{monitor.Object.Location.Line})");
        }
    }

    /// <summary>
    /// A logged embedding that is not a JSON array of the reference's width of numbers is an input error
    /// naming the logged file, its row and the column.
    /// </summary>
    private void CheckLoggedVectors(string window, FeatureColumn column)
    {
        using var command = StoreSql.Command(connection,
            "SELECT i.source_path, f.row_number, f.v FROM " +
            $"(SELECT import_id, row_number, {InferenceSql.Field(column.Name)} AS v FROM inferences WHERE {window}) f JOIN imports i USING (import_id) " +
            $"WHERE {EmbeddingSql.IsMalformed("f.v", column.Width)} ORDER BY f.import_id, f.row_number LIMIT 1");
        using var r = command.ExecuteReader();
        if (!r.Read())
            return;
        var value = r.GetString(2);
        throw new StewardInputException(
            $"{r.GetString(0)}: row {r.GetValue(1)}, column '{column.Name}': '{(value.Length <= 60 ? value : value[..57] + "...")}' is not an embedding of {column.Width} numbers " +
            $"(the width of the first vector of {monitor.Reference}; Monitor {monitor.Name}, {monitor.Object.File}:{monitor.Object.Location.Line})");
    }
}

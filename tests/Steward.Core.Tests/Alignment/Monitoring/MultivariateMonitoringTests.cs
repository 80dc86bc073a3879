using Steward.Core.Alignment.Ingest;
using Steward.Core.Alignment.Monitoring;
using Steward.Core.Alignment.Multivariate;
using Steward.Core.Governance;
using Steward.Core.Storage;
using Steward.TestSupport;

namespace Steward.Core.Tests.Alignment.Monitoring;

/// <summary>
/// multivariate_auc and multivariate_drift of a Monitor over logged inferences (<see cref="MultivariateMonitorData"/>).
/// A trained classifier has no closed form to compare with, so the window values are checked three ways:
/// they are exactly what <see cref="DomainClassifierDrift"/> gives for the same rows passed in memory (the
/// log path reads the same rows in the same order), they do not change with the order of the imports, and
/// they lie where the Bayes-optimal ROC AUC (computed independently, see each test) says they must.
/// </summary>
public sealed class MultivariateMonitoringTests
{
    private static readonly MultivariateDriftOptions Options = new() { Threshold = 0.6 };

    /// <summary>The repository of <see cref="MultivariateMonitorData"/> and a store with the logs imported in the order given.</summary>
    private sealed class Logged : IDisposable
    {
        public Logged(params (string Model, string Log)[] logs)
        {
            MultivariateMonitorData.WriteRepository(Folder.Path);
            var importer = new InferenceImporter(Store);
            var k = 0;
            foreach (var (model, log) in logs)
                importer.Inferences(Folder.Write($"log{k++}{(log.StartsWith('{') ? ".jsonl" : ".csv")}", log), model, "1.0");
        }

        public TempFolder Folder { get; } = new();

        public IStewardStore Store { get; } = StewardStore.InMemory(AlignmentSchema.Module);

        public MonitorRun Run(string monitor) =>
            new MonitorRunner(Store).Run([.. RepositoryLoader.LoadFolder(Folder.Path).Monitors.Where(m => m.Name == monitor)], Folder.Path).Monitors.Single();

        public void Dispose()
        {
            Store.Dispose();
            Folder.Dispose();
        }
    }

    [Fact]
    public void A_flipped_correlation_breaches_multivariate_auc_while_every_column_stays_quiet()
    {
        using var logged = new Logged(("pairs", MultivariateMonitorData.CorrelatedLog(Enumerable.Range(0, 4))));

        var run = logged.Run("pairs");

        run.Windows.Select(w => w.Start).Should().Equal(Enumerable.Range(0, 4).Select(d => MultivariateMonitorData.Start.AddDays(d)));
        var (rx, ry) = MultivariateMonitorData.CorrelatedReference();
        var reference = new DomainSample("reference").WithNumeric("x", rx).WithNumeric("y", ry);
        for (var day = 0; day < 4; day++)
        {
            var w = run.Windows[day];
            w.Rows.Should().Be(400);
            // Each window holds exactly the reference's x and y values: scipy.stats.ks_2samp(a, a) gives
            // p-value 1.0, so no column drifts.
            w.Metrics["drift.x"].Should().Be(1.0);
            w.Metrics["drift.y"].Should().Be(1.0);
            w.Metrics["drift_share"].Should().Be(0.0);

            var (x, y) = MultivariateMonitorData.CorrelatedDay(day);
            var expected = DomainClassifierDrift.Analyze(reference, new DomainSample("day").WithNumeric("x", x).WithNumeric("y", y), Options);
            w.Metrics["multivariate_auc"].Should().Be(expected.RocAuc, "the monitor reads the window's rows in time order, as passed here");
            w.Metrics["multivariate_drift"].Should().Be(expected.Drifted ? 1 : 0);
            w.Notes.Should().BeEmpty();
        }
        // Bayes-optimal AUC of +0.9 against −0.9 correlation: 0.950 (numpy Monte Carlo, 10^7 pairs, see
        // DomainClassifierDriftTests); with 200 held-out rows per side the trees get close to it. Unchanged
        // days: no classifier beats a coin beyond sampling error (standard error ≈ 0.029 at 200 per side).
        run.Windows.Take(2).Should().OnlyContain(w => w.Metrics["multivariate_auc"] < 0.6 && w.Metrics["multivariate_drift"] == 0 && w.Breaches.Count == 0);
        run.Windows.Skip(2).Should().OnlyContain(w => w.Metrics["multivariate_auc"] > 0.85 && w.Metrics["multivariate_drift"] == 1);
        run.Windows.Skip(2).Should().OnlyContain(w => w.Breaches.Single().Metric == "multivariate_auc");

        run.Findings.Select(f => (f.RuleId, f.Evidence["windowStart"])).Should().Equal(
            ("monitor/multivariate_auc", "2026-02-04T00:00:00Z"), ("monitor/multivariate_auc", "2026-02-05T00:00:00Z"));
        var finding = run.Findings[0];
        finding.Evidence["value"].Should().Be(run.Windows[2].Metrics["multivariate_auc"]);
        finding.Evidence["threshold"].Should().Be("≤ 0.6");
        finding.SuggestedAction.Should().Be("remediation: rollback");
        Convert.ToInt64(logged.Store.Scalar("SELECT count(*) FROM monitor_results WHERE metric = 'multivariate_auc' AND breached")).Should().Be(2);
        Convert.ToInt64(logged.Store.Scalar("SELECT count(*) FROM monitor_results WHERE metric = 'multivariate_drift'")).Should().Be(4, "both metrics are recorded when either is named");
    }

    [Fact]
    public void Window_values_do_not_depend_on_the_order_of_the_imports()
    {
        // Even rows of each day in one file, odd rows in the other: the two stores hold each window's rows in
        // opposite orders, and the split and the trees depend on the order the rows come in.
        var days = Enumerable.Range(0, 4).ToList();
        var even = MultivariateMonitorData.CorrelatedLog(days, i => i % 2 == 0);
        var odd = MultivariateMonitorData.CorrelatedLog(days, i => i % 2 == 1);
        using var first = new Logged(("pairs", even), ("pairs", odd));
        using var second = new Logged(("pairs", odd), ("pairs", even));

        var a = first.Run("pairs").Windows;
        var again = first.Run("pairs").Windows;
        var b = second.Run("pairs").Windows;

        for (var day = 0; day < 4; day++)
        {
            a[day].Metrics.Should().Equal(again[day].Metrics);
            a[day].Metrics.Should().Equal(b[day].Metrics);
        }
        a.Select(w => w.Metrics["multivariate_drift"]).Should().Equal(0, 0, 1, 1);
    }

    [Fact]
    public void An_embedding_shifted_along_one_direction_breaches_in_the_shifted_windows()
    {
        using var logged = new Logged(("vectors", MultivariateMonitorData.EmbeddingLog()));

        var run = logged.Run("vectors");

        run.Windows.Should().HaveCount(4).And.OnlyContain(w => w.Rows == 200);
        var reference = new DomainSample("reference").WithEmbedding("embedding", MultivariateMonitorData.EmbeddingReference());
        for (var day = 0; day < 4; day++)
        {
            var expected = DomainClassifierDrift.Analyze(reference, new DomainSample("day").WithEmbedding("embedding", MultivariateMonitorData.EmbeddingDay(day)), Options);
            run.Windows[day].Metrics["multivariate_auc"].Should().Be(expected.RocAuc);
            run.Windows[day].Metrics.Keys.Should().BeEquivalentTo(["multivariate_auc", "multivariate_drift"], "the monitor has no per-column features");
        }
        // Bayes-optimal AUC of a unit-variance Gaussian shifted by 1.5 along one direction:
        // scipy.stats.norm.cdf(1.5 / sqrt(2)) = 0.8556; the trees see 8 dimensions and 300 rows to learn from.
        run.Windows.Take(2).Should().OnlyContain(w => w.Metrics["multivariate_auc"] < 0.6 && w.Metrics["multivariate_drift"] == 0);
        run.Windows.Skip(2).Should().OnlyContain(w => w.Metrics["multivariate_auc"] > 0.7 && w.Metrics["multivariate_auc"] < 0.8556 + 0.05
            && w.Metrics["multivariate_drift"] == 1);
        run.Findings.Select(f => (f.RuleId, f.Evidence["windowStart"])).Should().Equal(
            ("monitor/multivariate_auc", "2026-02-04T00:00:00Z"), ("monitor/multivariate_drift", "2026-02-04T00:00:00Z"),
            ("monitor/multivariate_auc", "2026-02-05T00:00:00Z"), ("monitor/multivariate_drift", "2026-02-05T00:00:00Z"));
    }

    [Fact]
    public void A_window_with_too_few_rows_gets_a_note_instead_of_the_multivariate_metrics()
    {
        var small = MultivariateMonitorData.CorrelatedLog([0]).Split('\n').Take(7);
        using var logged = new Logged(("pairs", MultivariateMonitorData.CorrelatedLog([0])), ("pairs", string.Join('\n', small).Replace("2026-02-02", "2026-02-09") + "\n"));

        var run = logged.Run("pairs");

        run.Windows.Select(w => w.Rows).Should().Equal(400, 6);
        run.Windows[0].Metrics.Should().ContainKey("multivariate_auc");
        var w = run.Windows[1];
        w.Metrics.Should().NotContainKey("multivariate_auc").And.NotContainKey("multivariate_drift").And.ContainKey("drift_share");
        w.Notes.Should().Equal("multivariate_auc, multivariate_drift: not computed: the window has 6 rows, the domain classifier needs at least 10");
        w.Breaches.Should().NotContain(b => b.Metric.StartsWith("multivariate", StringComparison.Ordinal));
    }

    /// <summary>Six rows of day 0 of the embedding log, moved to 2026-02-09: a window too small for the domain classifier.</summary>
    private static string SmallEmbeddingWindow() =>
        string.Join('\n', MultivariateMonitorData.EmbeddingLog().Split('\n').Take(6)).Replace("2026-02-02", "2026-02-09").Replace("\"e0-", "\"late-") + "\n";

    [Fact]
    public void Notes_are_stored_with_the_window_and_read_back_even_when_the_window_has_no_metric()
    {
        // The vectors Monitor names only the multivariate metrics: the small window has notes and no value at all.
        using var logged = new Logged(("vectors", MultivariateMonitorData.EmbeddingLog()), ("vectors", SmallEmbeddingWindow()));
        var monitor = RepositoryLoader.LoadFolder(logged.Folder.Path).Monitors.Single(m => m.Name == "vectors");
        const string note = "multivariate_auc, multivariate_drift: not computed: the window has 6 rows, the domain classifier needs at least 10";

        logged.Run("vectors");
        var run = logged.Run("vectors");

        run.Windows[^1].Notes.Should().Equal(note);
        Convert.ToInt64(logged.Store.Scalar("SELECT count(*) FROM monitor_notes")).Should().Be(1, "a second run replaces the window's notes");
        Convert.ToInt64(logged.Store.Scalar("SELECT count(*) FROM monitor_results WHERE window_start = TIMESTAMP '2026-02-09 00:00:00'")).Should().Be(0);
        var history = new MonitorHistoryReader(logged.Store).Read([monitor]).Single();
        history.Windows.Select(w => w.Start).Should().Equal(
            Enumerable.Range(0, 4).Select(d => MultivariateMonitorData.Start.AddDays(d)).Append(new DateTime(2026, 2, 9, 0, 0, 0, DateTimeKind.Utc)));
        var small = history.Windows[^1];
        small.Rows.Should().Be(6);
        small.End.Should().Be(new DateTime(2026, 2, 10, 0, 0, 0, DateTimeKind.Utc));
        small.Metrics.Should().BeEmpty();
        small.Notes.Should().Equal(note);
        history.Windows.Take(4).Should().OnlyContain(w => w.Notes.Count == 0 && w.Metrics.ContainsKey("multivariate_auc"));
        new MonitorHistoryReader(logged.Store).Read([monitor], from: MultivariateMonitorData.Start, to: new DateTime(2026, 2, 9, 0, 0, 0, DateTimeKind.Utc))
            .Single().Windows.Should().OnlyContain(w => w.Notes.Count == 0, "--to excludes the noted window");
    }

    [Fact]
    public void A_store_from_before_monitor_notes_migrates_and_keeps_its_results()
    {
        using var folder = new TempFolder();
        var path = folder["old.duckdb"];
        var before = new SchemaModule(AlignmentSchema.ModuleName, [.. AlignmentSchema.Module.Migrations.Take(1)]);
        using (var old = StewardStore.Open(path, before))
            old.Execute("INSERT INTO monitor_results VALUES ('pairs', 'pairs', '1.0', TIMESTAMP '2026-02-02 00:00:00', TIMESTAMP '2026-02-03 00:00:00', 400, 'drift_share', 0.0, '≤ 0.3', false)");

        using var store = StewardStore.Open(path, AlignmentSchema.Module);

        store.SchemaVersion(AlignmentSchema.ModuleName).Should().Be(2);
        Convert.ToInt64(store.Scalar("SELECT count(*) FROM monitor_results")).Should().Be(1);
        Convert.ToInt64(store.Scalar("SELECT count(*) FROM monitor_notes")).Should().Be(0);
    }

    [Fact]
    public void A_bad_logged_embedding_is_named_by_file_row_and_column()
    {
        foreach (var (bad, shown) in new[]
        {
            // JSON Lines are typed by DuckDB: the column of lists of numbers is DOUBLE[], stored as [1.0,2.0,3.0].
            ("[1, 2, 3]", "[1.0,2.0,3.0]"),
            ("[\"a\", \"b\", \"c\", \"d\", \"e\", \"f\", \"g\", \"h\"]", "[\"a\",\"b\",\"c\",\"d\",\"e\",\"f\",\"g\",\"h\"]"),
            ("\"oops\"", "oops"),
        })
        {
            var log = MultivariateMonitorData.EmbeddingLog((day, i, line) =>
                day == 1 && i == 4 ? line[..line.IndexOf("\"embedding\"", StringComparison.Ordinal)] + $"\"embedding\": {bad}}}" : line);
            using var logged = new Logged(("vectors", log));

            var act = () => logged.Run("vectors");

            // Row 205 of the file: the fifth row of the second day.
            act.Should().Throw<StewardInputException>().WithMessage(
                $"{logged.Folder["log0.jsonl"]}: row 205, column 'embedding': '{shown}' is not an embedding of 8 numbers " +
                "(the width of the first vector of data/vectors.csv; Monitor vectors, monitors/vectors.yaml:1)");
        }
    }

    [Fact]
    public void A_column_the_log_never_holds_is_an_input_error_naming_the_window()
    {
        var log = MultivariateMonitorData.EmbeddingLog((day, i, line) => line.Replace("\"embedding\"", "\"vector\"", StringComparison.Ordinal));
        using var logged = new Logged(("vectors", log));

        var act = () => logged.Run("vectors");

        act.Should().Throw<StewardInputException>().WithMessage(
            "vectors 1.0 window 2026-02-02T00:00:00Z: column 'embedding' has no embeddings in the logged inferences " +
            "(a feature of multivariate_auc in Monitor vectors, monitors/vectors.yaml:1)");
    }

    [Fact]
    public void A_missing_element_or_vector_is_missing_not_an_error()
    {
        var log = MultivariateMonitorData.EmbeddingLog((day, i, line) => (day, i) switch
        {
            (0, 3) => line[..line.IndexOf("\"embedding\"", StringComparison.Ordinal)] + "\"embedding\": null}",
            (0, 5) => line[..line.IndexOf("\"embedding\"", StringComparison.Ordinal)] + "\"embedding\": [1, null, 2, 3, 4, 5, 6, 7]}",
            _ => line,
        });
        using var logged = new Logged(("vectors", log));

        logged.Run("vectors").Windows[0].Metrics.Should().ContainKey("multivariate_auc");
    }

    [Fact]
    public void Bad_embedding_settings_are_input_errors_naming_the_monitor()
    {
        using var folder = new TempFolder();
        MultivariateMonitorData.WriteRepository(folder.Path);
        using var store = StewardStore.InMemory(AlignmentSchema.Module);
        new InferenceImporter(store).Inferences(folder.Write("log.jsonl", MultivariateMonitorData.EmbeddingLog()), "vectors", "1.0");
        var runner = new MonitorRunner(store);

        folder.Write("monitors/vectors.yaml", MultivariateMonitorData.EmbeddingMonitor.Replace("embeddings: [embedding]", "embeddings: [vector]"));
        var act = () => runner.Run(RepositoryLoader.LoadFolder(folder.Path).Monitors, folder.Path);
        act.Should().Throw<StewardInputException>().WithMessage(
            $"monitors/vectors.yaml:1: Monitor vectors: spec.embeddings: column 'vector' is not in the reference file {folder["data/vectors.csv"]}");

        folder.Write("monitors/vectors.yaml", MultivariateMonitorData.EmbeddingMonitor.Replace("max: 0.6", "max: 60"));
        act.Should().Throw<StewardInputException>().WithMessage(
            "monitors/vectors.yaml:1: Monitor vectors: spec.metrics: 'multivariate_auc' is a ROC AUC: its max must lie between 0 and 1");

        folder.Write("monitors/vectors.yaml", MultivariateMonitorData.EmbeddingMonitor);
        var reference = MultivariateMonitorData.EmbeddingReferenceCsv().Split('\n');
        reference[3] = "\"[1.0, 2.0]\"";
        folder.Write("data/vectors.csv", string.Join('\n', reference));
        act.Should().Throw<StewardInputException>().WithMessage("data/vectors.csv: row 3, column 'embedding': '[1.0, 2.0]' is not an embedding of 8 numbers");
    }
}

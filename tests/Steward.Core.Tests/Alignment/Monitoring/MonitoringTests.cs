using Steward.Core.Alignment.Ingest;
using Steward.Core.Alignment.Monitoring;
using Steward.Core.Findings;
using Steward.Core.Governance;
using Steward.Core.Storage;


using Steward.TestSupport;

namespace Steward.Core.Tests.Alignment.Monitoring;

/// <summary>
/// Expected values computed once with scipy 1.10.1 / numpy 1.24.2 / pandas 1.5.3 from the formulas of
/// <see cref="MonitorData"/> (d = the day's rows, ref = the 600 reference x values):
/// ks = scipy.stats.ks_2samp(ref, d.x); sr = d.groupby('g').pred.mean(); dpd = sr.max() - sr.min();
/// eod = max(|ΔTPR|, |ΔFPR|) between F and M; acc = (d.pred == d.label).mean().
/// </summary>
public class MonitoringTests
{
    // Days 0-2 (unshifted): ks.pvalue = 1.0, dpd = 0.0, eod = 0.0, acc = 0.2
    // Days 3-4 (shifted):   ks.statistic = 0.15, ks.pvalue = 0.0021903445220130095, dpd = 0.3 (0.5 - 0.2),
    //                       dp ratio = 0.4, eod = 0.6000000000000001, acc = 0.35
    private const double ShiftedKsP = 0.0021903445220130095;

    [Fact]
    public void Daily_windows_find_the_shifted_days_with_their_values()
    {
        using var folder = new TempFolder();
        MonitorData.WriteRepository(folder.Path);
        File.WriteAllText(folder["log.csv"], MonitorData.Log());
        using var store = StewardStore.InMemory(AlignmentSchema.Module);
        new InferenceImporter(store).Inferences(folder["log.csv"], "scoring", "1.0").Rows.Should().Be(1000);

        var repository = RepositoryLoader.LoadFolder(folder.Path);
        var result = new MonitorRunner(store).Run(repository.Monitors, folder.Path);

        var run = result.Monitors.Should().ContainSingle().Subject;
        run.Windows.Select(w => w.Start).Should().Equal(Enumerable.Range(0, 5).Select(d => MonitorData.Start.AddDays(d)));
        run.Windows.Should().OnlyContain(w => w.Rows == 200);
        foreach (var w in run.Windows.Take(3))
        {
            Approx.Equal(w.Metrics["drift.x"], 1.0, 1e-12);
            w.Metrics["drift_share"].Should().Be(0.0);
            Approx.Equal(w.Metrics["demographic_parity_difference"], 0.0);
            Approx.Equal(w.Metrics["equalized_odds_difference"], 0.0);
            Approx.Equal(w.Metrics["accuracy"], 0.2);
            w.Breaches.Should().BeEmpty();
        }
        foreach (var w in run.Windows.Skip(3))
        {
            Approx.Equal(w.Metrics["drift.x"], ShiftedKsP, 1e-9);
            w.Metrics["drift_share"].Should().Be(0.5, "x drifted, c did not");
            Approx.Equal(w.Metrics["demographic_parity_difference"], 0.3, 1e-12);
            Approx.Equal(w.Metrics["demographic_parity_ratio"], 0.4, 1e-12);
            Approx.Equal(w.Metrics["equalized_odds_difference"], 0.6000000000000001, 1e-12);
            Approx.Equal(w.Metrics["accuracy"], 0.35, 1e-12);
            w.Breaches.Select(b => b.Metric).Should().Equal("demographic_parity_difference", "drift_share", "equalized_odds_difference");
        }
        result.Breached.Should().BeTrue();

        var findings = result.Findings;
        findings.Should().HaveCount(6).And.OnlyContain(f => f.Severity == Severity.Error && f.Category == Category.Alignment);
        var first = findings.First(f => f.RuleId == "monitor/drift_share");
        first.Subject.Should().BeEquivalentTo(new Subject
        {
            File = "monitors/scoring.yaml", Line = 1, Kind = "Monitor", Name = "scoring", Model = "scoring", ModelVersion = "1.0",
        });
        first.Evidence["value"].Should().Be(0.5);
        first.Evidence["threshold"].Should().Be("≤ 0.3");
        first.SuggestedAction.Should().Be("remediation: rollback");
        findings.Select(f => f.Evidence["windowStart"]).Distinct().Should().BeEquivalentTo(["2026-01-08T00:00:00Z", "2026-01-09T00:00:00Z"]);

        // Stored results: one row per window and metric; a second run replaces them.
        var stored = Convert.ToInt64(store.Scalar("SELECT count(*) FROM monitor_results"));
        Convert.ToInt64(store.Scalar("SELECT count(*) FROM monitor_results WHERE breached")).Should().Be(6);
        new MonitorRunner(store).Run(repository.Monitors, folder.Path);
        Convert.ToInt64(store.Scalar("SELECT count(*) FROM monitor_results")).Should().Be(stored);
        Convert.ToDouble(store.Scalar("SELECT value FROM monitor_results WHERE metric = 'demographic_parity_difference' AND window_start = TIMESTAMP '2026-01-09 00:00:00'"))
            .Should().BeApproximately(0.3, 1e-12);
    }

    [Fact]
    public void From_and_to_restrict_the_windows()
    {
        using var folder = new TempFolder();
        MonitorData.WriteRepository(folder.Path);
        File.WriteAllText(folder["log.csv"], MonitorData.Log());
        using var store = StewardStore.InMemory(AlignmentSchema.Module);
        new InferenceImporter(store).Inferences(folder["log.csv"], "scoring", "1.0");

        var result = new MonitorRunner(store).Run(RepositoryLoader.LoadFolder(folder.Path).Monitors, folder.Path,
            MonitorData.Start, MonitorData.Start.AddDays(3));

        result.Monitors[0].Windows.Should().HaveCount(3);
        result.Breached.Should().BeFalse();
    }

    [Fact]
    public void Without_labels_only_demographic_parity_is_computed_and_late_labels_complete_it()
    {
        using var folder = new TempFolder();
        MonitorData.WriteRepository(folder.Path);
        File.WriteAllText(folder["log.csv"], MonitorData.Log(withLabels: false));
        File.WriteAllText(folder["labels.csv"], MonitorData.Labels(days: 4) + "unknown-1,1\n");
        using var store = StewardStore.InMemory(AlignmentSchema.Module);
        var importer = new InferenceImporter(store);
        importer.Inferences(folder["log.csv"], "scoring", "1.0");
        var monitors = RepositoryLoader.LoadFolder(folder.Path).Monitors;

        var before = new MonitorRunner(store).Run(monitors, folder.Path).Monitors[0].Windows[4];
        Approx.Equal(before.Metrics["demographic_parity_difference"], 0.3, 1e-12);
        before.Metrics.Should().NotContainKey("equalized_odds_difference").And.NotContainKey("accuracy");

        var labels = importer.Labels(folder["labels.csv"], "scoring");
        labels.Rows.Should().Be(800, "four days of 200 inferences are labelled");
        labels.Unmatched.Should().Be(1);
        importer.Labels(folder["labels.csv"], "scoring").AlreadyImported.Should().BeTrue();

        var windows = new MonitorRunner(store).Run(monitors, folder.Path).Monitors[0].Windows;
        Approx.Equal(windows[3].Metrics["equalized_odds_difference"], 0.6000000000000001, 1e-12);
        Approx.Equal(windows[3].Metrics["accuracy"], 0.35, 1e-12);
        windows[4].Metrics.Should().NotContainKey("equalized_odds_difference", "day 4 has no labels yet");
    }

    [Fact]
    public void Parquet_logs_with_typed_timestamps_give_the_same_values_and_weekly_windows_group_the_days()
    {
        using var folder = new TempFolder();
        MonitorData.WriteRepository(folder.Path);
        File.WriteAllText(folder["log.csv"], MonitorData.Log());
        using var store = StewardStore.InMemory(AlignmentSchema.Module);
        store.Execute($"COPY (SELECT * REPLACE (CAST(\"timestamp\" AS TIMESTAMP) AS \"timestamp\") FROM read_csv_auto('{folder["log.csv"]}')) TO '{folder["log.parquet"]}' (FORMAT parquet)");
        new InferenceImporter(store).Inferences(folder["log.parquet"], "scoring", "1.0").Rows.Should().Be(1000);
        var monitors = RepositoryLoader.LoadFolder(folder.Path).Monitors;

        var daily = new MonitorRunner(store).Run(monitors, folder.Path).Monitors[0].Windows;
        Approx.Equal(daily[4].Metrics["drift.x"], ShiftedKsP, 1e-9);
        Approx.Equal(daily[4].Metrics["demographic_parity_difference"], 0.3, 1e-12);

        // 2026-01-05 is a Monday: the five days are one ISO week.
        var weekly = monitors.Select(m => m with { Window = "weekly" }).ToList();
        var week = new MonitorRunner(store).Run(weekly, folder.Path).Monitors[0].Windows.Should().ContainSingle().Subject;
        week.Rows.Should().Be(1000);
        week.End.Should().Be(MonitorData.Start.AddDays(7));
    }

    [Fact]
    public void Ingesting_the_same_file_twice_adds_nothing()
    {
        using var folder = new TempFolder();
        File.WriteAllText(folder["log.csv"], MonitorData.Log(days: 1));
        using var store = StewardStore.InMemory(AlignmentSchema.Module);
        var importer = new InferenceImporter(store);

        importer.Inferences(folder["log.csv"], "scoring", "1.0").AlreadyImported.Should().BeFalse();
        var again = importer.Inferences(folder["log.csv"], "scoring", "1.0");

        again.AlreadyImported.Should().BeTrue();
        Convert.ToInt64(store.Scalar("SELECT count(*) FROM inferences")).Should().Be(200);
        store.Scalar("SELECT json_extract_string(data, '$.g') FROM inferences WHERE request_id = 'r0-1'").Should().Be("M");
    }

    [Theory]
    [InlineData("log.csv", "timestamp,x\n2026-01-01 00:00:00,1\nyesterday,2\n", "log.csv: row 2 (line 3), column 'timestamp': 'yesterday' is not a timestamp; nothing was imported")]
    [InlineData("log.jsonl", "{\"timestamp\":\"2026-01-01T00:00:00Z\",\"x\":1}\n{\"timestamp\":\"2026-13-01\",\"x\":2}\n", "log.jsonl: row 2, column 'timestamp': '2026-13-01' is not a timestamp; nothing was imported")]
    [InlineData("log.csv", "time,x\n2026-01-01 00:00:00,1\n", "log.csv: missing column 'timestamp' (header, line 1); the file has time, x; nothing was imported")]
    [InlineData("log.csv", "", "log.csv: the file is empty")]
    [InlineData("log.csv", "timestamp,x\n", "log.csv: the file has no rows; nothing was imported")]
    public void Bad_files_are_named_and_leave_the_store_unchanged(string name, string content, string message)
    {
        using var folder = new TempFolder();
        File.WriteAllText(folder[name], content);
        using var store = StewardStore.InMemory(AlignmentSchema.Module);
        var previous = Directory.GetCurrentDirectory();

        var act = () => new InferenceImporter(store).Inferences(folder[name], "scoring", "1.0");

        act.Should().Throw<StewardInputException>().Which.Message.Should().Be(folder[name][..^name.Length] + message);
        Convert.ToInt64(store.Scalar("SELECT count(*) FROM inferences")).Should().Be(0);
        store.Imports().Should().BeEmpty();
    }

    [Fact]
    public void A_remote_reference_is_an_input_error_naming_the_field()
    {
        using var folder = new TempFolder();
        MonitorData.WriteRepository(folder.Path, MonitorData.Monitor.Replace("data/reference.csv", "s3://bucket/ref.parquet"));
        using var store = StewardStore.InMemory(AlignmentSchema.Module);

        var act = () => new MonitorRunner(store).Run(RepositoryLoader.LoadFolder(folder.Path).Monitors, folder.Path);

        act.Should().Throw<StewardInputException>().WithMessage("monitors/scoring.yaml:1: Monitor scoring: spec.reference: 's3://bucket/ref.parquet' is a URI*");
    }
}

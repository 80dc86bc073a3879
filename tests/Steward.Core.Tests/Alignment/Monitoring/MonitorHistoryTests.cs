using Steward.Core.Alignment.Ingest;
using Steward.Core.Alignment.Monitoring;
using Steward.Core.Governance;
using Steward.Core.Storage;
using Steward.TestSupport;

namespace Steward.Core.Tests.Alignment.Monitoring;

/// <summary>
/// The stored results that reports read. Values of <see cref="MonitorData.Log"/> as in MonitoringTests
/// (scipy 1.10.1 / pandas 1.5.3): demographic parity difference 0 on days 0–2 and 0.3 on days 3–4.
/// </summary>
public class MonitorHistoryTests
{
    [Fact]
    public void Windows_stored_by_separate_runs_read_back_as_one_series_with_a_summary()
    {
        using var folder = new TempFolder();
        MonitorData.WriteRepository(folder.Path);
        File.WriteAllText(folder["log.csv"], MonitorData.Log());
        using var store = StewardStore.InMemory(AlignmentSchema.Module);
        new InferenceImporter(store).Inferences(folder["log.csv"], "scoring", "1.0");
        var monitors = RepositoryLoader.LoadFolder(folder.Path).Monitors;
        var runner = new MonitorRunner(store);
        runner.Run(monitors, folder.Path, to: MonitorData.Start.AddDays(3));
        runner.Run(monitors, folder.Path, from: MonitorData.Start.AddDays(3));

        var history = new MonitorHistoryReader(store).Read(monitors).Single();

        history.Version.Should().Be("1.0");
        history.Windows.Select(w => w.Start).Should().Equal(Enumerable.Range(0, 5).Select(d => MonitorData.Start.AddDays(d)));
        history.Windows.Should().OnlyContain(w => w.Rows == 200 && w.End == w.Start.AddDays(1));
        history.MetricNames.Should().Equal(
            "accuracy", "demographic_parity_difference", "drift_share", "equalized_odds_difference",
            "demographic_parity_ratio", "drift.c", "drift.x", "equal_opportunity_difference", "f1", "precision", "recall");
        var dpd = history.Windows[4].Metrics["demographic_parity_difference"];
        dpd.Value!.Value.Should().BeApproximately(0.3, 1e-12);
        dpd.Threshold.Should().Be("≤ 0.1");
        dpd.Min.Should().BeNull();
        dpd.Max.Should().Be(0.1);
        dpd.Breached.Should().BeTrue();
        history.Windows[4].Metrics["accuracy"].Min.Should().Be(0.15);
        history.Windows[4].Metrics["drift.x"].Threshold.Should().BeNull("drift.x has no threshold in the monitor");
        history.Breaches.Should().Be(6);

        var summary = history.Summary("demographic_parity_difference");
        summary.Threshold.Should().Be("≤ 0.1");
        summary.Windows.Should().Be(5);
        summary.Breaches.Should().Be(2);
        summary.Latest!.Value.Should().BeApproximately(0.3, 1e-12);
        summary.Min!.Value.Should().BeApproximately(0.0, 1e-12);
        summary.Max!.Value.Should().BeApproximately(0.3, 1e-12);
        summary.LastBreach.Should().Be(MonitorData.Start.AddDays(4));

        var range = new MonitorHistoryReader(store).Read(monitors, MonitorData.Start.AddDays(1), MonitorData.Start.AddDays(3)).Single();
        range.Windows.Select(w => w.Start).Should().Equal(MonitorData.Start.AddDays(1), MonitorData.Start.AddDays(2));
    }

    [Fact]
    public void A_monitor_without_stored_results_has_no_windows()
    {
        using var folder = new TempFolder();
        MonitorData.WriteRepository(folder.Path);
        using var store = StewardStore.InMemory(AlignmentSchema.Module);

        var history = new MonitorHistoryReader(store).Read(RepositoryLoader.LoadFolder(folder.Path).Monitors).Single();

        history.Windows.Should().BeEmpty();
        history.Summary("drift_share").Should().Be(new MetricSummary("drift_share", "≤ 0.3", 0, 0, null, null, null, null));
    }
}

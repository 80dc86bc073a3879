using Steward.Core.Alignment.Ingest;
using Steward.Core.Alignment.Monitoring;
using Steward.Core.Governance;
using Steward.Core.Storage;
using Steward.TestSupport;

namespace Steward.Core.Tests.Alignment.Monitoring;

/// <summary>
/// Issue 17: the monitor results port (<see cref="IMonitorResults"/>) on a DuckDB store and on a PostgreSQL
/// store: recorded windows read back alike (history, latest values, the latest window, open breaches), and a
/// window recorded again replaces the earlier one. The values are the ones recorded, so the expectations are
/// written in the test.
/// </summary>
public class MonitorResultsContractTests
{
    public static TheoryData<StoreEngine> Engines => TestStores.Engines;

    private static readonly DateTime Day0 = MonitorData.Start;

    private static MonitorWindow Window(int day, double dpd, double accuracy, params string[] notes)
    {
        var monitor = Monitor();
        var metrics = new Dictionary<string, double> { ["demographic_parity_difference"] = dpd, ["accuracy"] = accuracy, ["drift.x"] = double.NaN };
        var breaches = metrics.Where(m => double.IsFinite(m.Value) && monitor.Metrics.TryGetValue(m.Key, out var t) && !t.IsMetBy((decimal)m.Value))
            .Select(m => new MetricBreach(m.Key, m.Value, monitor.Metrics[m.Key])).ToList();
        return new MonitorWindow(Day0.AddDays(day), Day0.AddDays(day + 1), 200, metrics, breaches) { Notes = notes };
    }

    private static Steward.Core.Governance.Kinds.ModelMonitor Monitor()
    {
        using var folder = new TempFolder();
        MonitorData.WriteRepository(folder.Path);
        return RepositoryLoader.LoadFolder(folder.Path).Monitors.Single();
    }

    [Theory, MemberData(nameof(Engines))]
    public void Recorded_windows_read_back_alike(StoreEngine engine)
    {
        using var test = TestStore.Create(engine);
        using var store = test.Open(AlignmentSchema.Module);
        var monitor = Monitor();
        var results = MonitorResults.For(store);

        // Thresholds of MonitorData.Monitor: demographic_parity_difference ≤ 0.1, accuracy ≥ 0.15.
        results.Record(monitor, "1.0", [Window(0, 0.05, 0.5), Window(1, 0.3, 0.1, "a note")]);
        results.Record(monitor, "1.0", [Window(1, 0.2, 0.5)]);

        var history = results.History(monitor, null, null);
        history.Windows.Select(w => w.Start).Should().Equal(Day0, Day0.AddDays(1));
        history.Windows[1].Notes.Should().BeEmpty("the second record of day 1 replaced the first, notes too");
        history.Windows[1].Metrics["demographic_parity_difference"].Should().Be(
            new StoredMetric("demographic_parity_difference", 0.2, "≤ 0.1", null, 0.1, Breached: true));
        history.Windows[1].Metrics["accuracy"].Breached.Should().BeFalse();
        history.Windows[1].Metrics["drift.x"].Value.Should().BeNull("a value that is not finite is stored as NULL");
        history.Windows[0].End.Should().Be(Day0.AddDays(1));
        history.Windows[0].Rows.Should().Be(200);
        results.History(monitor, Day0.AddDays(1), null).Windows.Select(w => w.Start).Should().Equal(Day0.AddDays(1));

        results.Latest().Should().Equal(
            new LatestMonitorMetric("scoring", "scoring", "1.0", "accuracy", 0.5, Day0.AddDays(1), Day0.AddDays(2)),
            new LatestMonitorMetric("scoring", "scoring", "1.0", "demographic_parity_difference", 0.2, Day0.AddDays(1), Day0.AddDays(2)));
        var latest = results.LatestWindow("scoring", "1.0")!;
        (latest.Start, latest.End, latest.Rows).Should().Be((Day0.AddDays(1), Day0.AddDays(2), 200L));
        latest.Metrics.Should().BeEquivalentTo(new Dictionary<string, double> { ["accuracy"] = 0.5, ["demographic_parity_difference"] = 0.2 });
        results.LatestWindow("scoring", "2.0").Should().BeNull();
        results.OpenBreaches().Should().BeEquivalentTo(new Dictionary<(string, string), int> { [("scoring", "1.0")] = 1 });
    }

    [Theory, MemberData(nameof(Engines))]
    public void A_window_with_notes_only_is_a_stored_window(StoreEngine engine)
    {
        using var test = TestStore.Create(engine);
        using var store = test.Open(AlignmentSchema.Module);
        var monitor = Monitor();
        var results = MonitorResults.For(store);
        var window = new MonitorWindow(Day0, Day0.AddDays(1), 12, new Dictionary<string, double>(), []) { Notes = ["first", "second"] };

        results.Record(monitor, "1.0", [window]);

        var stored = results.History(monitor, null, null).Windows.Single();
        (stored.Start, stored.End, stored.Rows).Should().Be((Day0, Day0.AddDays(1), 12L));
        stored.Notes.Should().Equal("first", "second");
        results.Latest().Should().BeEmpty();
        results.OpenBreaches().Should().BeEmpty();
    }
}

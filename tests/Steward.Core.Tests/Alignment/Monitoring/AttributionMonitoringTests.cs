using Steward.Core.Alignment.Explainability;
using Steward.Core.Alignment.Ingest;
using Steward.Core.Alignment.Monitoring;
using Steward.Core.Governance;
using Steward.Core.Storage;
using Steward.Core.Tests.Alignment.Explainability;
using Steward.TestSupport;

namespace Steward.Core.Tests.Alignment.Monitoring;

/// <summary>
/// attribution_rank_correlation, attribution_l1 and importance.&lt;feature&gt; of a Monitor over logged
/// inferences (<see cref="AttributionData"/>): each window's values are exactly those of
/// <see cref="ImportanceBaseline"/> for the same rows in memory (whose procedure is checked against
/// scikit-learn and scipy in the Explainability tests), and the windows whose labels moved to x2 breach.
/// </summary>
public sealed class AttributionMonitoringTests : IDisposable
{
    private readonly TempFolder folder = new();
    private readonly IStewardStore store = StewardStore.InMemory(AlignmentSchema.Module);

    public void Dispose()
    {
        store.Dispose();
        folder.Dispose();
    }

    private MonitorRun Run(string? monitor = null)
    {
        AttributionData.WriteRepository(folder.Path, monitor ?? AttributionData.Monitor);
        new InferenceImporter(store).Inferences(folder.Write("log.csv", AttributionData.Log()), "explained", "1.0");
        return new MonitorRunner(store).Run(RepositoryLoader.LoadFolder(folder.Path).Monitors, folder.Path).Monitors.Single();
    }

    [Fact]
    public void Windows_whose_labels_follow_another_feature_breach_the_attribution_thresholds()
    {
        var run = Run();

        var baseline = ImportanceBaseline.Fit(ImportanceBaselineTests.Sample(Path.Combine(folder.Path, "data", "explained.csv"), AttributionData.Reference()),
            new ImportanceOptions { Features = ["x1", "x2", "x3"], Score = "score", Label = "label" });
        run.Windows.Should().HaveCount(4);
        for (var day = 0; day < 4; day++)
        {
            var w = run.Windows[day];
            var expected = baseline.Measure(ImportanceBaselineTests.Sample("day", AttributionData.Day(day)));
            w.Metrics["attribution_rank_correlation"].Should().Be(expected.Drift.RankCorrelation, "the monitor reads the window's rows in time order, as passed here");
            w.Metrics["attribution_l1"].Should().Be(expected.Drift.L1Distance);
            foreach (var column in expected.CurrentImportance.Columns)
                w.Metrics["importance." + column.Feature].Should().Be(column.Mean);
        }
        run.Windows.Take(2).Should().OnlyContain(w => w.Breaches.Count == 0);
        run.Windows.Skip(2).Should().OnlyContain(w => w.Breaches.Select(b => b.Metric).Order().SequenceEqual(new[] { "attribution_l1", "attribution_rank_correlation" }));
        run.Findings.Should().HaveCount(4);
    }

    [Fact]
    public void A_window_without_enough_labels_gets_a_note()
    {
        AttributionData.WriteRepository(folder.Path);
        var log = string.Join('\n', AttributionData.Log(1).Split('\n').Select((line, i) => i is 0 or <= 10 || line.Length == 0 ? line : string.Join(',', line.Split(',')[..^1]) + ","));
        new InferenceImporter(store).Inferences(folder.Write("log.csv", log), "explained", "1.0");
        var run = new MonitorRunner(store).Run(RepositoryLoader.LoadFolder(folder.Path).Monitors, folder.Path).Monitors.Single();
        var window = run.Windows.Single();
        window.Metrics.Keys.Should().NotContain("attribution_l1");
        window.Notes.Should().Equal("attribution_rank_correlation, attribution_l1: not computed: the window has 10 labelled rows, permutation importance needs at least 20");
    }

    [Fact]
    public void A_monitor_without_a_score_is_named()
    {
        var act = () => Run(AttributionData.Monitor.Replace("  score: score\n", ""));
        act.Should().Throw<StewardInputException>().WithMessage("*Monitor explained: spec.metrics: 'attribution_rank_correlation' and 'attribution_l1' need spec.score*");
    }
}

using Steward.Core.Alignment.Ingest;
using Steward.Core.Alignment.Monitoring;
using Steward.Core.Governance;
using Steward.Core.Storage;
using Steward.TestSupport;

namespace Steward.Core.Tests.Alignment.Monitoring;

/// <summary>
/// The open breaches that <c>steward check --store</c> reads back from <c>monitor_results</c>. The log is
/// <see cref="MonitorData"/>; its last window (2026-01-09) has, as computed with scipy/pandas in
/// <see cref="MonitoringTests"/>: drift_share 0.5, demographic_parity_difference 0.3,
/// equalized_odds_difference 0.6000000000000001, accuracy 0.35.
/// </summary>
public class OpenMonitorBreachesTests
{
    private static string Deployment(string version) => $"""
        apiVersion: apps/v1
        kind: Deployment
        metadata:
          name: scoring
        spec:
          template:
            metadata:
              labels:
                steward.dev/model: scoring
                steward.dev/model-version: "{version}"
            spec:
              containers:
                - name: api
                  image: registry.example.com/scoring:{version}
        """;

    /// <summary>The MonitorData repository, its log ingested and monitored once, and the findings of that run.</summary>
    private static (TempFolder Folder, StewardStore Store, MonitorRunResult Run) Monitored(string deployedVersion)
    {
        var folder = new TempFolder();
        MonitorData.WriteRepository(folder.Path);
        folder.Write("manifests/scoring.yaml", Deployment(deployedVersion));
        File.WriteAllText(folder["log.csv"], MonitorData.Log());
        var store = StewardStore.InMemory(AlignmentSchema.Module);
        new InferenceImporter(store).Inferences(folder["log.csv"], "scoring", "1.0");
        var run = new MonitorRunner(store).Run(RepositoryLoader.LoadFolder(folder.Path).Monitors, folder.Path);
        return (folder, store, run);
    }

    [Fact]
    public void The_latest_window_of_a_deployed_version_gives_the_same_findings_as_the_run()
    {
        var (folder, store, run) = Monitored("1.0");
        using var _ = folder;
        using var __ = store;

        var open = new OpenMonitorBreaches(store).Read(RepositoryLoader.LoadFolder(folder.Path));

        open.Select(f => f.RuleId).Should().Equal("monitor/demographic_parity_difference", "monitor/drift_share", "monitor/equalized_odds_difference");
        open.Should().BeEquivalentTo(run.Findings.Where(f => (string?)f.Evidence["windowStart"] == "2026-01-09T00:00:00Z"),
            o => o.WithStrictOrdering(), "a stored window reads back as the finding `monitor run` reported");
        Approx.Equal((double)open[2].Evidence["value"]!, 0.6000000000000001, 1e-12);
    }

    [Fact]
    public void The_thresholds_are_those_of_the_checked_repository()
    {
        var (folder, store, _) = Monitored("1.0");
        using var _ = folder;
        using var __ = store;
        File.WriteAllText(folder["monitors/scoring.yaml"], MonitorData.Monitor.Replace("drift_share: {max: 0.3}", "drift_share: {max: 0.6}", StringComparison.Ordinal));

        var open = new OpenMonitorBreaches(store).Read(RepositoryLoader.LoadFolder(folder.Path));

        open.Select(f => f.RuleId).Should().Equal("monitor/demographic_parity_difference", "monitor/equalized_odds_difference");
    }

    [Fact]
    public void A_monitored_version_that_no_workload_deploys_has_no_open_breach()
    {
        var (folder, store, run) = Monitored("0.9");
        using var _ = folder;
        using var __ = store;
        run.Breached.Should().BeTrue();

        new OpenMonitorBreaches(store).Read(RepositoryLoader.LoadFolder(folder.Path)).Should().BeEmpty();
    }

    [Fact]
    public void A_monitor_that_never_ran_has_no_open_breach()
    {
        using var folder = new TempFolder();
        MonitorData.WriteRepository(folder.Path);
        folder.Write("manifests/scoring.yaml", Deployment("1.0"));
        using var store = StewardStore.InMemory(AlignmentSchema.Module);

        new OpenMonitorBreaches(store).Read(RepositoryLoader.LoadFolder(folder.Path)).Should().BeEmpty();
    }
}

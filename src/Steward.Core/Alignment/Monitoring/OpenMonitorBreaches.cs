using Steward.Core.Findings;
using Steward.Core.Governance;
using Steward.Core.Kubernetes;
using Steward.Core.Storage;

namespace Steward.Core.Alignment.Monitoring;

/// <summary>
/// The monitor breaches still open, for <c>steward check --store</c>: for each Monitor of a repository whose
/// model version a workload of that repository deploys, the metrics of its latest stored window (of the
/// version it watches) judged by the repository's thresholds. Nothing is computed: the values are those
/// <c>steward monitor run</c> stored.
/// </summary>
public sealed class OpenMonitorBreaches
{
    private readonly IMonitorResults results;

    public OpenMonitorBreaches(IStewardStore store) => results = MonitorResults.For(store);

    public IReadOnlyList<Finding> Read(GovernanceRepository repository)
    {
        var findings = new List<Finding>();
        foreach (var monitor in repository.Monitors)
        {
            // A version no workload deploys (rolled back, or not yet rolled out) serves nobody: its last
            // window stays in the store but is no reason to block this revision.
            if (!ModelWorkloads.Deploying(repository, monitor.Model, monitor.Version).Any())
                continue;
            var window = results.LatestWindow(monitor.Name, monitor.Version ?? "*");
            if (window is null)
                continue;
            foreach (var (metric, threshold) in monitor.Metrics)
            {
                if (!window.Metrics.TryGetValue(metric, out var value) || !double.IsFinite(value))
                    continue;
                if (!threshold.IsMetBy((decimal)value))
                    findings.Add(MonitorFindings.Breach(monitor, metric, value, threshold, window.Start, window.End, window.Rows));
            }
        }
        findings.Sort(FindingOrder.Instance);
        return findings;
    }
}

using System.Globalization;
using Steward.Core.Alignment.Ingest;
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
    private readonly IStewardStore store;

    public OpenMonitorBreaches(IStewardStore store)
    {
        this.store = store;
        store.EnsureSchema(AlignmentSchema.Module);
    }

    public IReadOnlyList<Finding> Read(GovernanceRepository repository)
    {
        var findings = new List<Finding>();
        foreach (var monitor in repository.Monitors)
        {
            // A version no workload deploys (rolled back, or not yet rolled out) serves nobody: its last
            // window stays in the store but is no reason to block this revision.
            if (!ModelWorkloads.Deploying(repository, monitor.Model, monitor.Version).Any())
                continue;
            var window = LatestWindow(monitor.Name, monitor.Version ?? "*");
            if (window is null)
                continue;
            foreach (var (metric, threshold) in monitor.Metrics)
            {
                if (!window.Value.Metrics.TryGetValue(metric, out var value) || !double.IsFinite(value))
                    continue;
                if (!threshold.IsMetBy((decimal)value))
                    findings.Add(MonitorFindings.Breach(monitor, metric, value, threshold, window.Value.Start, window.Value.End, window.Value.Rows));
            }
        }
        findings.Sort(FindingOrder.Instance);
        return findings;
    }

    private (DateTime Start, DateTime End, long Rows, Dictionary<string, double> Metrics)? LatestWindow(string monitor, string version)
    {
        using var command = StoreSql.Command(store.Connection,
            "SELECT window_start, window_end, rows, metric, value FROM monitor_results " +
            "WHERE monitor = $m AND version = $v AND window_start = " +
            "(SELECT max(window_start) FROM monitor_results WHERE monitor = $m AND version = $v) ORDER BY metric",
            ("m", monitor), ("v", version));
        using var r = command.ExecuteReader();
        (DateTime, DateTime, long, Dictionary<string, double>)? window = null;
        while (r.Read())
        {
            window ??= (DateTime.SpecifyKind(r.GetDateTime(0), DateTimeKind.Utc), DateTime.SpecifyKind(r.GetDateTime(1), DateTimeKind.Utc),
                Convert.ToInt64(r.GetValue(2), CultureInfo.InvariantCulture), new Dictionary<string, double>(StringComparer.Ordinal));
            if (!r.IsDBNull(4))
                window.Value.Item4[r.GetString(3)] = r.GetDouble(4);
        }
        return window;
    }
}

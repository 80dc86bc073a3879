using Steward.Core.Storage;

namespace Steward.Core.Alignment.Monitoring;

/// <summary>One metric of the latest stored window of a monitor and model version.</summary>
public sealed record LatestMonitorMetric(string Monitor, string Model, string Version, string Metric, double Value, DateTime WindowStart, DateTime WindowEnd);

/// <summary>
/// The values <c>steward monitor run</c> stored for the latest window of each (monitor, version), for
/// the server's /metrics: nothing is computed, skipped metrics (no value) are left out.
/// </summary>
public static class LatestMonitorMetrics
{
    public static IReadOnlyList<LatestMonitorMetric> Read(IStewardStore store) => MonitorResults.For(store).Latest();
}

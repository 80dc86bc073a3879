using System.Globalization;
using Steward.Core.Alignment.Ingest;
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
    public static IReadOnlyList<LatestMonitorMetric> Read(IStewardStore store)
    {
        store.EnsureSchema(AlignmentSchema.Module);
        using var command = StoreSql.Command(store.Connection, """
            SELECT r.monitor, r.model, r.version, r.metric, r.value, r.window_start, r.window_end
            FROM monitor_results r
            JOIN (SELECT monitor, version, max(window_start) AS latest FROM monitor_results GROUP BY monitor, version) l
              ON r.monitor = l.monitor AND r.version = l.version AND r.window_start = l.latest
            WHERE r.value IS NOT NULL
            ORDER BY r.monitor, r.version, r.metric
            """);
        using var r = command.ExecuteReader();
        var result = new List<LatestMonitorMetric>();
        while (r.Read())
        {
            result.Add(new LatestMonitorMetric(r.GetString(0), r.GetString(1), r.GetString(2), r.GetString(3),
                Convert.ToDouble(r.GetValue(4), CultureInfo.InvariantCulture),
                DateTime.SpecifyKind(r.GetDateTime(5), DateTimeKind.Utc), DateTime.SpecifyKind(r.GetDateTime(6), DateTimeKind.Utc)));
        }
        return result;
    }
}

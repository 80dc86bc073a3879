using Steward.Core.Alignment.Ingest;
using Steward.Core.Governance.Kinds;
using Steward.Core.Storage;

namespace Steward.Core.Alignment.Monitoring;

/// <summary>
/// The store's monitor results (<c>monitor_results</c>: one row per monitor, window and metric, and
/// <c>monitor_notes</c>): what <c>steward monitor run</c> records and every reader of monitor results
/// (reports, <c>check --store</c>, /metrics, cost per inference) reads back, on either engine.
/// </summary>
public interface IMonitorResults
{
    /// <summary>Stores the windows of one run of <paramref name="monitor"/>, replacing earlier results of the same windows; one transaction.</summary>
    void Record(ModelMonitor monitor, string version, IReadOnlyList<MonitorWindow> windows);

    /// <summary>The stored windows of <paramref name="monitor"/> (by name) that start in [<paramref name="from"/>, <paramref name="to"/>), oldest first.</summary>
    MonitorHistory History(ModelMonitor monitor, DateTime? from, DateTime? to);

    /// <summary>The stored values of the latest window of each (monitor, version), skipped metrics left out; by monitor, version, metric.</summary>
    IReadOnlyList<LatestMonitorMetric> Latest();

    /// <summary>The latest stored window of <paramref name="monitor"/> for <paramref name="version"/> ("*": every version), or null.</summary>
    LatestWindow? LatestWindow(string monitor, string version);

    /// <summary>How many (monitor, metric) pairs breached in their latest window, per (model, version as stored).</summary>
    IReadOnlyDictionary<(string Model, string Version), int> OpenBreaches();
}

/// <summary>The latest stored window of a monitor and the finite values of its metrics.</summary>
public sealed record LatestWindow(DateTime Start, DateTime End, long Rows, IReadOnlyDictionary<string, double> Metrics);

/// <summary>The monitor results of a store, on its engine (<see cref="StoreBackend"/>).</summary>
public static class MonitorResults
{
    public static IMonitorResults For(IStewardStore store)
    {
        store.EnsureSchema(AlignmentSchema.Module);
        return StoreBackend.Port<IMonitorResults>(store,
            duck => new SqlMonitorResults(duck.Connection, serializeWriters: false),
            pg => new SqlMonitorResults(pg.Connection, serializeWriters: true));
    }
}

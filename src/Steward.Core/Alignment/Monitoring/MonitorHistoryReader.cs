using Steward.Core.Governance.Kinds;
using Steward.Core.Storage;

namespace Steward.Core.Alignment.Monitoring;

/// <summary>Reads the results that <see cref="MonitorRunner"/> stored (<see cref="IMonitorResults"/>), per monitor and window.</summary>
public sealed class MonitorHistoryReader
{
    private readonly IMonitorResults results;

    public MonitorHistoryReader(IStewardStore store) => results = MonitorResults.For(store);

    /// <summary>
    /// The stored windows of each monitor (by name) that start in [<paramref name="from"/>, <paramref name="to"/>);
    /// monitors come in the order given.
    /// </summary>
    public IReadOnlyList<MonitorHistory> Read(IReadOnlyList<ModelMonitor> monitors, DateTime? from = null, DateTime? to = null) =>
        [.. monitors.Select(m => results.History(m, from, to))];
}

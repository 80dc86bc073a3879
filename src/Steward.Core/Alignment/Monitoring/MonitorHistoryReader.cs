using System.Globalization;
using Steward.Core.Alignment.Ingest;
using Steward.Core.Governance.Kinds;
using Steward.Core.Storage;

namespace Steward.Core.Alignment.Monitoring;

/// <summary>Reads the results that <see cref="MonitorRunner"/> stored in <c>monitor_results</c>, per monitor and window.</summary>
public sealed class MonitorHistoryReader
{
    private readonly IStewardStore store;

    public MonitorHistoryReader(IStewardStore store)
    {
        this.store = store;
        store.EnsureSchema(AlignmentSchema.Module);
    }

    /// <summary>
    /// The stored windows of each monitor (by name) that start in [<paramref name="from"/>, <paramref name="to"/>);
    /// monitors come in the order given.
    /// </summary>
    public IReadOnlyList<MonitorHistory> Read(IReadOnlyList<ModelMonitor> monitors, DateTime? from = null, DateTime? to = null) =>
        [.. monitors.Select(m => ReadOne(m, from, to))];

    private MonitorHistory ReadOne(ModelMonitor monitor, DateTime? from, DateTime? to)
    {
        var sql = "SELECT window_start, window_end, rows, metric, value, threshold, breached " +
                  "FROM monitor_results WHERE monitor = $m";
        var parameters = new List<(string, object?)> { ("m", monitor.Name) };
        if (from is { } f)
        {
            sql += " AND window_start >= $from";
            parameters.Add(("from", f));
        }
        if (to is { } t)
        {
            sql += " AND window_start < $to";
            parameters.Add(("to", t));
        }
        sql += " ORDER BY window_start, metric";

        var windows = new List<StoredWindow>();
        using var command = StoreSql.Command(store.Connection, sql, [.. parameters]);
        using var r = command.ExecuteReader();
        SortedDictionary<string, StoredMetric>? metrics = null;
        while (r.Read())
        {
            var start = DateTime.SpecifyKind(r.GetDateTime(0), DateTimeKind.Utc);
            if (windows.Count == 0 || windows[^1].Start != start)
            {
                metrics = new SortedDictionary<string, StoredMetric>(StringComparer.Ordinal);
                windows.Add(new StoredWindow(start, DateTime.SpecifyKind(r.GetDateTime(1), DateTimeKind.Utc),
                    Convert.ToInt64(r.GetValue(2), CultureInfo.InvariantCulture), metrics));
            }
            var metric = r.GetString(3);
            var text = r.IsDBNull(5) ? null : r.GetString(5);
            // The bounds the window was judged by, read back from the stored text (Threshold.ToString()).
            var bounds = Threshold.TryParse(text, out var threshold) ? threshold : new Threshold(null, null);
            metrics![metric] = new StoredMetric(metric, r.IsDBNull(4) ? null : r.GetDouble(4), text,
                (double?)bounds.Min, (double?)bounds.Max, r.GetBoolean(6));
        }
        return new MonitorHistory(monitor, monitor.Version ?? "*", windows);
    }
}

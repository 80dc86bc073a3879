using System.Globalization;
using Steward.Core.Alignment.Ingest;
using Steward.Core.Governance.Kinds;
using Steward.Core.Storage;

namespace Steward.Core.Alignment.Monitoring;

/// <summary>Reads the results that <see cref="MonitorRunner"/> stored in <c>monitor_results</c> and <c>monitor_notes</c>, per monitor and window.</summary>
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
        var range = "";
        var parameters = new List<(string, object?)> { ("m", monitor.Name) };
        if (from is { } f)
        {
            range += " AND window_start >= $from";
            parameters.Add(("from", f));
        }
        if (to is { } t)
        {
            range += " AND window_start < $to";
            parameters.Add(("to", t));
        }

        var windows = new SortedDictionary<DateTime, (DateTime End, long Rows, SortedDictionary<string, StoredMetric> Metrics, List<string> Notes)>();
        (DateTime End, long Rows, SortedDictionary<string, StoredMetric> Metrics, List<string> Notes) Window(DateTime start, DateTime end, long rows) =>
            windows.TryGetValue(start, out var w) ? w : windows[start] = (end, rows, new SortedDictionary<string, StoredMetric>(StringComparer.Ordinal), []);

        using (var command = StoreSql.Command(store.Connection,
            "SELECT window_start, window_end, rows, metric, value, threshold, breached " +
            $"FROM monitor_results WHERE monitor = $m{range} ORDER BY window_start, metric", [.. parameters]))
        using (var r = command.ExecuteReader())
        {
            while (r.Read())
            {
                var metrics = Window(Utc(r.GetDateTime(0)), Utc(r.GetDateTime(1)), Convert.ToInt64(r.GetValue(2), CultureInfo.InvariantCulture)).Metrics;
                var metric = r.GetString(3);
                var text = r.IsDBNull(5) ? null : r.GetString(5);
                // The bounds the window was judged by, read back from the stored text (Threshold.ToString()).
                var bounds = Threshold.TryParse(text, out var threshold) ? threshold : new Threshold(null, null);
                metrics[metric] = new StoredMetric(metric, r.IsDBNull(4) ? null : r.GetDouble(4), text,
                    (double?)bounds.Min, (double?)bounds.Max, r.GetBoolean(6));
            }
        }
        // A window whose every metric was skipped has notes only: it is still a stored window.
        using (var command = StoreSql.Command(store.Connection,
            $"SELECT window_start, window_end, rows, note FROM monitor_notes WHERE monitor = $m{range} ORDER BY window_start, position", [.. parameters]))
        using (var r = command.ExecuteReader())
        {
            while (r.Read())
                Window(Utc(r.GetDateTime(0)), Utc(r.GetDateTime(1)), Convert.ToInt64(r.GetValue(2), CultureInfo.InvariantCulture)).Notes.Add(r.GetString(3));
        }
        return new MonitorHistory(monitor, monitor.Version ?? "*",
            [.. windows.Select(w => new StoredWindow(w.Key, w.Value.End, w.Value.Rows, w.Value.Metrics) { Notes = w.Value.Notes })]);
    }

    private static DateTime Utc(DateTime value) => DateTime.SpecifyKind(value, DateTimeKind.Utc);
}

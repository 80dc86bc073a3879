using System.Data.Common;
using System.Globalization;
using Steward.Core.Governance.Kinds;
using Steward.Core.Storage;

namespace Steward.Core.Alignment.Monitoring;

/// <summary>
/// <see cref="IMonitorResults"/> on DuckDB and on PostgreSQL: the tables are small (one row per window and
/// metric) and the SQL is standard, so one implementation serves both engines, each on its own connection.
/// On a shared store, two replicas recording the same monitor take turns (<paramref name="serializeWriters"/>):
/// the second waits for the first's commit and then replaces its rows instead of colliding on the primary key.
/// </summary>
internal sealed class SqlMonitorResults(DbConnection connection, bool serializeWriters) : IMonitorResults
{
    public void Record(ModelMonitor monitor, string version, IReadOnlyList<MonitorWindow> windows)
    {
        using var transaction = connection.BeginTransaction();
        if (serializeWriters)
            Execute("SELECT pg_advisory_xact_lock(hashtextextended($identity, 0))", ("identity", "steward:monitor:" + monitor.Name));
        foreach (var w in windows)
        {
            Execute("DELETE FROM monitor_results WHERE monitor = $m AND window_start = $s", ("m", monitor.Name), ("s", w.Start));
            Execute("DELETE FROM monitor_notes WHERE monitor = $m AND window_start = $s", ("m", monitor.Name), ("s", w.Start));
            for (var i = 0; i < w.Notes.Count; i++)
                Execute(
                    "INSERT INTO monitor_notes (monitor, window_start, window_end, rows, position, note) VALUES ($m, $s, $e, $rows, $position, $note)",
                    ("m", monitor.Name), ("s", w.Start), ("e", w.End), ("rows", w.Rows), ("position", i), ("note", w.Notes[i]));
            foreach (var (metric, value) in w.Metrics)
            {
                monitor.Metrics.TryGetValue(metric, out var threshold);
                // The threshold is stored as Threshold.ToString(), which History parses back for the charts.
                Execute(
                    "INSERT INTO monitor_results (monitor, model, version, window_start, window_end, rows, metric, value, threshold, breached) " +
                    "VALUES ($m, $model, $v, $s, $e, $rows, $metric, $value, $threshold, $breached)",
                    ("m", monitor.Name), ("model", monitor.Model), ("v", version), ("s", w.Start), ("e", w.End), ("rows", w.Rows),
                    ("metric", metric), ("value", double.IsFinite(value) ? value : null), ("threshold", threshold?.ToString()),
                    ("breached", w.Breaches.Any(b => b.Metric == metric)));
            }
        }
        transaction.Commit();
    }

    public MonitorHistory History(ModelMonitor monitor, DateTime? from, DateTime? to)
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

        using (var command = StoreSql.Command(connection,
            "SELECT window_start, window_end, rows, metric, value, threshold, breached " +
            $"FROM monitor_results WHERE monitor = $m{range} ORDER BY window_start, metric", [.. parameters]))
        using (var r = command.ExecuteReader())
        {
            while (r.Read())
            {
                var metrics = Window(Utc(r.GetDateTime(0)), Utc(r.GetDateTime(1)), Long(r.GetValue(2))).Metrics;
                var metric = r.GetString(3);
                var text = r.IsDBNull(5) ? null : r.GetString(5);
                // The bounds the window was judged by, read back from the stored text (Threshold.ToString()).
                var bounds = Threshold.TryParse(text, out var threshold) ? threshold : new Threshold(null, null);
                metrics[metric] = new StoredMetric(metric, r.IsDBNull(4) ? null : r.GetDouble(4), text,
                    (double?)bounds.Min, (double?)bounds.Max, r.GetBoolean(6));
            }
        }
        // A window whose every metric was skipped has notes only: it is still a stored window.
        using (var command = StoreSql.Command(connection,
            $"SELECT window_start, window_end, rows, note FROM monitor_notes WHERE monitor = $m{range} ORDER BY window_start, position", [.. parameters]))
        using (var r = command.ExecuteReader())
        {
            while (r.Read())
                Window(Utc(r.GetDateTime(0)), Utc(r.GetDateTime(1)), Long(r.GetValue(2))).Notes.Add(r.GetString(3));
        }
        return new MonitorHistory(monitor, monitor.Version ?? "*",
            [.. windows.Select(w => new StoredWindow(w.Key, w.Value.End, w.Value.Rows, w.Value.Metrics) { Notes = w.Value.Notes })]);
    }

    public IReadOnlyList<LatestMonitorMetric> Latest()
    {
        using var command = StoreSql.Command(connection, """
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
            result.Add(new LatestMonitorMetric(r.GetString(0), r.GetString(1), r.GetString(2), r.GetString(3),
                Convert.ToDouble(r.GetValue(4), CultureInfo.InvariantCulture), Utc(r.GetDateTime(5)), Utc(r.GetDateTime(6))));
        return result;
    }

    public LatestWindow? LatestWindow(string monitor, string version)
    {
        using var command = StoreSql.Command(connection,
            "SELECT window_start, window_end, rows, metric, value FROM monitor_results " +
            "WHERE monitor = $m AND version = $v AND window_start = " +
            "(SELECT max(window_start) FROM monitor_results WHERE monitor = $m AND version = $v) ORDER BY metric",
            ("m", monitor), ("v", version));
        using var r = command.ExecuteReader();
        LatestWindow? window = null;
        var metrics = new Dictionary<string, double>(StringComparer.Ordinal);
        while (r.Read())
        {
            window ??= new LatestWindow(Utc(r.GetDateTime(0)), Utc(r.GetDateTime(1)), Long(r.GetValue(2)), metrics);
            if (!r.IsDBNull(4))
                metrics[r.GetString(3)] = r.GetDouble(4);
        }
        return window;
    }

    public IReadOnlyDictionary<(string Model, string Version), int> OpenBreaches()
    {
        var result = new Dictionary<(string, string), int>();
        using var command = StoreSql.Command(connection, """
            SELECT model, version, count(*) FROM (
                SELECT model, version, breached,
                       row_number() OVER (PARTITION BY monitor, metric ORDER BY window_start DESC) AS latest
                FROM monitor_results) AS ranked
            WHERE latest = 1 AND breached
            GROUP BY model, version
            """);
        using var reader = command.ExecuteReader();
        while (reader.Read())
            result[(reader.GetString(0), reader.GetString(1))] = Convert.ToInt32(reader.GetValue(2), CultureInfo.InvariantCulture);
        return result;
    }

    private void Execute(string sql, params (string Name, object? Value)[] parameters)
    {
        using var command = StoreSql.Command(connection, sql, parameters);
        command.ExecuteNonQuery();
    }

    private static long Long(object value) => Convert.ToInt64(value, CultureInfo.InvariantCulture);

    private static DateTime Utc(DateTime value) => DateTime.SpecifyKind(value, DateTimeKind.Utc);
}

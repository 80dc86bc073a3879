using Steward.Core.Governance.Kinds;

namespace Steward.Core.Alignment.Monitoring;

/// <summary>One stored metric of one window: its value (null when it was not finite) and the threshold it was judged by then.</summary>
public sealed record StoredMetric(string Metric, double? Value, string? Threshold, double? Min, double? Max, bool Breached);

/// <summary>One stored window of a monitor, as <c>steward monitor run</c> left it in <c>monitor_results</c>.</summary>
public sealed record StoredWindow(DateTime Start, DateTime End, long Rows, IReadOnlyDictionary<string, StoredMetric> Metrics)
{
    /// <summary>Why a metric the Monitor names is missing from this window, as the run noted it (<c>monitor_notes</c>).</summary>
    public IReadOnlyList<string> Notes { get; init; } = [];
}

/// <summary>A metric summarised over the stored windows.</summary>
/// <param name="Threshold">The threshold of the latest window that had one.</param>
/// <param name="Windows">Windows with a value.</param>
public sealed record MetricSummary(string Metric, string? Threshold, int Windows, int Breaches, double? Latest, double? Min, double? Max, DateTime? LastBreach);

/// <summary>
/// The stored results of one monitor, oldest window first: what reports plot, so that metrics from
/// successive runs form one series.
/// </summary>
public sealed record MonitorHistory(ModelMonitor Monitor, string Version, IReadOnlyList<StoredWindow> Windows)
{
    /// <summary>The metrics the monitor sets thresholds on (by name), then every other stored metric (by name).</summary>
    public IReadOnlyList<string> MetricNames
    {
        get
        {
            var stored = Windows.SelectMany(w => w.Metrics.Keys).ToHashSet(StringComparer.Ordinal);
            var thresholded = Monitor.Metrics.Keys.Order(StringComparer.Ordinal).ToList();
            return [.. thresholded, .. stored.Except(thresholded).Order(StringComparer.Ordinal)];
        }
    }

    public int Breaches => Windows.Sum(w => w.Metrics.Values.Count(m => m.Breached));

    public MetricSummary Summary(string metric)
    {
        var points = Windows.Select(w => (w.Start, Stored: w.Metrics.GetValueOrDefault(metric))).Where(p => p.Stored is not null).ToList();
        var values = points.Where(p => p.Stored!.Value is not null).Select(p => p.Stored!.Value!.Value).ToList();
        var breaches = points.Where(p => p.Stored!.Breached).ToList();
        return new MetricSummary(
            metric,
            points.LastOrDefault(p => p.Stored!.Threshold is not null).Stored?.Threshold
                ?? (Monitor.Metrics.TryGetValue(metric, out var current) ? current.ToString() : null),
            values.Count,
            breaches.Count,
            points.Count == 0 ? null : points[^1].Stored!.Value,
            values.Count == 0 ? null : values.Min(),
            values.Count == 0 ? null : values.Max(),
            breaches.Count == 0 ? null : breaches[^1].Start);
    }
}

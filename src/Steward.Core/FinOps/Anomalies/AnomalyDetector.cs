using Steward.Core.FinOps.Reports;
using Steward.Core.Storage;

namespace Steward.Core.FinOps.Anomalies;

/// <summary>
/// Finds days whose cost rose far above the usual cost of the same weekday, per scope, and names
/// the service, resource or tag value behind the rise (see <see cref="RootCauseOf"/>).
/// <para>
/// Expected cost = median of the same weekday over the previous weeks (up to 8, at least 3), each
/// adjusted for the change in weekly level since (see <see cref="Baseline"/>): robust to earlier
/// spikes, to the weekly cycle and to a steady trend. A day is anomalous when actual − expected exceeds
/// max(k · 1.4826 · MAD, r · |expected|, minimum impact), MAD being the median absolute deviation
/// of that baseline. Only rises are reported: they are what costs money.
/// </para>
/// </summary>
public static class AnomalyDetector
{
    /// <summary>The dimensions searched for a root cause when none are given.</summary>
    public static readonly IReadOnlyList<string> DefaultRootCauseDimensions = ["ServiceName", "ResourceId"];

    public static CostAnomalyResult Run(IStewardStore store, IReadOnlyList<CostDimension> dimensions, DateOnly? since = null,
        IReadOnlyList<CostDimension>? rootCauseDimensions = null, string metric = CostReport.DefaultMetric,
        string? currency = null, AnomalyOptions? options = null)
    {
        options ??= AnomalyOptions.Default;
        var filter = new CostFilter { Currency = currency };
        var daily = DailyCosts.Load(store, dimensions, metric, filter);
        var candidates = (rootCauseDimensions ?? DefaultRootCauseDimensions.Select(CostDimension.Parse).ToList())
            .Where(c => dimensions.All(d => d.Name != c.Name)).ToList();

        var anomalies = new List<CostAnomaly>();
        foreach (var (scope, series) in daily.Series)
        {
            foreach (var (index, actual, expected, threshold) in Detect(series, daily.First, since, options))
            {
                var day = daily.Day(index);
                var contributors = Contributors(store, dimensions, scope, day, candidates, daily, options);
                var impact = actual - expected;
                anomalies.Add(new CostAnomaly(day, scope, actual, expected, threshold, impact,
                    expected > 0 ? 100 * impact / expected : null, RootCauseOf(contributors)) { Contributors = contributors });
            }
        }

        return new CostAnomalyResult
        {
            Dimensions = daily.Dimensions,
            Metric = daily.Metric,
            Currency = daily.Currency,
            Anomalies = anomalies.OrderByDescending(a => a.Impact).ThenBy(a => a.Date).ThenBy(a => a.Scope).ToList(),
        };
    }

    /// <summary>The anomalous days of one daily series: index, actual, expected and the threshold the rise exceeded.</summary>
    public static IEnumerable<(int Index, double Actual, double Expected, double Threshold)> Detect(
        IReadOnlyList<double> series, DateOnly first, DateOnly? since, AnomalyOptions options)
    {
        for (var i = 0; i < series.Count; i++)
        {
            if (since is { } s && first.AddDays(i) < s)
                continue;
            var baseline = Baseline(series, i, options.Weeks);
            if (baseline.Count < options.MinimumWeeks)
                continue;
            var (expected, threshold) = Expectation(baseline, options);
            if (series[i] - expected > threshold)
                yield return (i, series[i], expected, threshold);
        }
    }

    /// <summary>The median of the baseline and the rise a day must exceed to be anomalous.</summary>
    public static (double Expected, double Threshold) Expectation(IReadOnlyList<double> baseline, AnomalyOptions options)
    {
        var expected = Median(baseline);
        var mad = Median(baseline.Select(v => Math.Abs(v - expected)).ToList());
        var threshold = Math.Max(options.Sensitivity * 1.4826 * mad,
            Math.Max(options.MinimumRelativeImpact * Math.Abs(expected), options.MinimumImpact));
        return (expected, threshold);
    }

    /// <summary>
    /// The same weekday in up to <paramref name="weeks"/> previous weeks, each moved by how much the
    /// level changed since: y[i−7w] − mean(the 7 days before it) + mean(the 7 days before day i).
    /// A full week's mean holds no weekly seasonality, so a steady trend is followed exactly instead
    /// of lagging; the median over the weeks keeps an earlier spike from moving the expectation.
    /// </summary>
    public static List<double> Baseline(IReadOnlyList<double> series, int index, int weeks)
    {
        var values = new List<double>(weeks);
        if (index < 7)
            return values;
        var now = WeekMean(series, index);
        for (var w = 1; w <= weeks && index - 7 * w - 7 >= 0; w++)
        {
            var then = index - 7 * w;
            values.Add(series[then] - WeekMean(series, then) + now);
        }
        return values;
    }

    private static double WeekMean(IReadOnlyList<double> series, int index)
    {
        var sum = 0.0;
        for (var j = index - 7; j < index; j++)
            sum += series[j];
        return sum / 7;
    }

    public static double Median(IReadOnlyList<double> values)
    {
        var sorted = values.Order().ToArray();
        var mid = sorted.Length / 2;
        return sorted.Length % 2 == 1 ? sorted[mid] : (sorted[mid - 1] + sorted[mid]) / 2;
    }

    /// <summary>
    /// For each candidate dimension, the value whose cost that day rose most above its own expected
    /// cost (computed like the scope's: median of trend-adjusted same weekdays); ties go to the
    /// smaller value. One entry per dimension, in the candidates' order.
    /// </summary>
    private static List<RootCause> Contributors(IStewardStore store, IReadOnlyList<CostDimension> dimensions, CostScope scope, DateOnly day,
        IReadOnlyList<CostDimension> candidates, DailyCosts daily, AnomalyOptions options)
    {
        var contributors = new List<RootCause>();
        var dayIndex = day.DayNumber - daily.First.DayNumber;
        // Enough history for every baseline week and its level window.
        var window = new CostFilter { From = day.AddDays(-7 * options.Weeks - 7), To = day, Currency = daily.Currency };
        foreach (var candidate in candidates)
        {
            RootCause? best = null;
            var detail = DailyCosts.Load(store, [.. dimensions, candidate], daily.Metric, window);
            foreach (var (key, series) in detail.Series.OrderBy(kv => kv.Key))
            {
                if (!new CostScope(key.Keys.Take(dimensions.Count).ToList()).Equals(scope))
                    continue;
                // The value's costs on the scope's day axis; a day in the window without a charge cost 0.
                var aligned = new double[dayIndex + 1];
                for (var i = 0; i < series.Length; i++)
                {
                    var j = detail.First.DayNumber + i - daily.First.DayNumber;
                    if (j >= 0 && j <= dayIndex)
                        aligned[j] = series[i];
                }
                var baseline = Baseline(aligned, dayIndex, options.Weeks);
                var rise = aligned[dayIndex] - (baseline.Count == 0 ? 0 : Median(baseline));
                if (best is null || rise > best.Impact + 1e-9 * Math.Max(1, Math.Abs(rise)))
                    best = new RootCause(candidate.Name, key.Keys[dimensions.Count], rise);
            }
            if (best is not null)
                contributors.Add(best);
        }
        return contributors;
    }

    /// <summary>
    /// The root cause: the most specific explanation that carries most of the rise. Candidates are
    /// listed from coarse to fine (ServiceName, then ResourceId); a coarse value's rise includes its
    /// members', so the largest rise alone would always name the coarsest. The last contributor whose
    /// rise is at least <see cref="SpecificShare"/> of the largest is chosen: one resource that spiked
    /// is named; a rise spread over a service's resources names the service.
    /// </summary>
    public static RootCause? RootCauseOf(IReadOnlyList<RootCause> contributors)
    {
        var rising = contributors.Where(c => c.Impact > 0).ToList();
        if (rising.Count == 0)
            return null;
        var largest = rising.Max(c => c.Impact);
        return rising.Last(c => c.Impact >= SpecificShare * largest);
    }

    /// <summary>The share of the largest rise a more specific contributor must carry to be named instead.</summary>
    public const double SpecificShare = 0.9;
}

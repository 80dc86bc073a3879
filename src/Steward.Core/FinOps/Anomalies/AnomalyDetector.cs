using Steward.Core.FinOps.Reports;
using Steward.Core.Governance;
using Steward.Core.Storage;

namespace Steward.Core.FinOps.Anomalies;

/// <summary>
/// Finds days whose cost rose far above the usual cost of the same weekday, per scope, and names
/// the service, resource or tag value behind the rise (see <see cref="RootCauseOf"/>).
/// <para>
/// Expected cost = median of the same weekday over the previous weeks (up to 8, at least 3), each
/// adjusted for the change in weekly level since (see <see cref="Baseline"/>): robust to earlier
/// spikes, to the weekly cycle and to a steady trend. A day is anomalous when actual − expected exceeds
/// max(k · σ · √(1 + π/2n), r · |expected|, minimum impact), σ the larger of the baseline's robust
/// scale (1.4826 · MAD) and the series' pooled noise (<see cref="NoiseScale"/>). Only rises are
/// reported: they are what costs money.
/// </para>
/// <para>
/// Scopes and root causes may be allocation dimensions (<c>team</c>, <c>model</c>, ...): their daily
/// costs are those of <see cref="AllocatedCostReport.Daily"/>, node charges shared by the workloads
/// of the <c>repository</c> given.
/// </para>
/// </summary>
public static class AnomalyDetector
{
    /// <summary>The dimensions searched for a root cause when none are given.</summary>
    public static readonly IReadOnlyList<string> DefaultRootCauseDimensions = ["ServiceName", "ResourceId"];

    public static CostAnomalyResult Run(IStewardStore store, IReadOnlyList<CostDimension> dimensions, DateOnly? since = null,
        IReadOnlyList<CostDimension>? rootCauseDimensions = null, string metric = CostReport.DefaultMetric,
        string? currency = null, AnomalyOptions? options = null, GovernanceRepository? repository = null)
    {
        options ??= AnomalyOptions.Default;
        var filter = new CostFilter { Currency = currency };
        var daily = AllocatedCostReport.Daily(store, dimensions, repository, metric, filter);
        var candidates = (rootCauseDimensions ?? DefaultRootCauseDimensions.Select(CostDimension.Parse).ToList())
            .Where(c => dimensions.All(d => d.Name != c.Name)).ToList();

        var anomalies = new List<CostAnomaly>();
        foreach (var (scope, series) in daily.Series)
        {
            foreach (var (index, actual, expected, threshold) in Detect(series, daily.First, since, options))
            {
                var day = daily.Day(index);
                var contributors = Contributors(store, dimensions, scope, day, candidates, daily, options, repository);
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
            var (expected, threshold) = Expectation(baseline, NoiseScale(series, i), options);
            if (series[i] - expected > threshold)
                yield return (i, series[i], expected, threshold);
        }
    }

    /// <summary>The median of the baseline and the rise a day must exceed to be anomalous.</summary>
    public static (double Expected, double Threshold) Expectation(IReadOnlyList<double> baseline, double pooledScale, AnomalyOptions options)
    {
        var expected = Median(baseline);
        // A scale from 3–8 same weekdays alone is too unsteady (with 3, one deviation is always 0);
        // the pooled scale of the last four weeks steadies it, the same-weekday one keeps a weekday
        // that is always volatile from raising alarms.
        var mad = Median(baseline.Select(v => Math.Abs(v - expected)).ToList());
        var sigma = Math.Max(1.4826 * mad, pooledScale);
        // actual − expected also carries the error of the median of n baselines (variance ≈ π/2 · σ²/n).
        var spread = sigma * Math.Sqrt(1 + Math.PI / (2 * baseline.Count));
        var threshold = Math.Max(options.Sensitivity * spread,
            Math.Max(options.MinimumRelativeImpact * Math.Abs(expected), options.MinimumImpact));
        return (expected, threshold);
    }

    /// <summary>
    /// The day-to-day noise of a series before <paramref name="index"/>, pooled over up to 28 days:
    /// σ = max(1.4826 · MAD(d), RMS of the central 90 % of |d − median d| / 0.7893) / √2 with
    /// d_j = (y_j − W_j) − (y_{j−7} − W_{j−7}), W_j the mean of the 7 days before j. Week-over-week
    /// differences remove the weekly cycle and the level; both estimates ignore a spike. 0 when
    /// fewer than 7 differences exist.
    /// </summary>
    public static double NoiseScale(IReadOnlyList<double> series, int index, int days = 28)
    {
        var differences = new List<double>(days);
        for (var j = Math.Max(14, index - days); j < index; j++)
            differences.Add(series[j] - WeekMean(series, j) - (series[j - 7] - WeekMean(series, j - 7)));
        if (differences.Count < 7)
            return 0;
        var median = Median(differences);
        var deviations = differences.Select(d => Math.Abs(d - median)).Order().ToList();
        var mad = 1.4826 * Median(deviations);
        // The MAD of a few weeks is unsteady (it can come out at half the true scale); the root mean
        // square of the central 90 % is steadier and still drops a spike (it moves two differences).
        // 0.7893 = √E[Z² | |Z| < 1.645] makes it consistent for normal noise.
        var kept = deviations.Take((int)Math.Floor(0.9 * deviations.Count)).ToList();
        var trimmed = Math.Sqrt(kept.Average(d => d * d)) / 0.7893;
        return Math.Max(mad, trimmed) / Math.Sqrt(2);
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
        IReadOnlyList<CostDimension> candidates, DailyCosts daily, AnomalyOptions options, GovernanceRepository? repository)
    {
        var contributors = new List<RootCause>();
        var dayIndex = day.DayNumber - daily.First.DayNumber;
        // Enough history for every baseline week and its level window.
        var window = new CostFilter { From = day.AddDays(-7 * options.Weeks - 7), To = day, Currency = daily.Currency };
        foreach (var candidate in candidates)
        {
            RootCause? best = null;
            // Allocated like the scope, so a team's rise is explained by that team's share of each value.
            var detail = AllocatedCostReport.Daily(store, [.. dimensions, candidate], repository, daily.Metric, window);
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

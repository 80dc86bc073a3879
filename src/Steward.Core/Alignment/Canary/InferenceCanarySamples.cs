namespace Steward.Core.Alignment.Canary;

/// <summary>
/// One logged inference as the canary derivation needs it: which version served it, when, how long it
/// took, whether it failed and what it cost (each optional: a log may lack the column).
/// </summary>
public sealed record CanaryInference(string Version, DateTime Timestamp, double? LatencyMs, bool? Error, double? CostUsd)
{
    /// <summary>The value of the column whose drift is watched (a score, a feature); null when not logged or not a number.</summary>
    public double? DriftValue { get; init; }

    /// <summary>The protected attribute's value (the fairness group); null when not logged.</summary>
    public string? Group { get; init; }

    /// <summary>Whether the prediction is the positive class; null when not logged.</summary>
    public bool? Positive { get; init; }
}

/// <summary>
/// Derives the judge's samples of two model versions from their inference log: per interval of
/// <c>step</c> from <c>since</c> (Kayenta compares time series, one value per interval), each version's
/// mean latency (<see cref="LatencyMetric"/>), share of failed inferences (<see cref="ErrorRateMetric"/>),
/// cost per 1,000 inferences (<see cref="CostPer1000Metric"/>), drift (<see cref="DriftMetric"/>: the
/// two-sample Kolmogorov–Smirnov statistic D of the interval's values of the watched column against the
/// baseline's values over the whole period, so the baseline's own intervals give the drift to expect)
/// and fairness (<see cref="FairnessMetric"/>: the demographic parity difference, the largest minus the
/// smallest share of positive predictions among the groups of the protected attribute seen in the
/// interval). An interval in which a version served nothing gives it no observation; a metric whose
/// column no inference has gives none at all (NoData); an interval with a single group gives no fairness
/// observation.
/// </summary>
public static class InferenceCanarySamples
{
    public const string LatencyMetric = "latency_ms";
    public const string ErrorRateMetric = "error_rate";
    public const string CostPer1000Metric = "cost_per_1k_usd";
    public const string DriftMetric = "drift_ks";
    public const string FairnessMetric = "demographic_parity_difference";

    /// <summary>
    /// The most intervals one judgement derives: each interval gives a version at most one observation of
    /// each of the five metrics, so 200,000 intervals give a side at most the 1,000,000 observations a
    /// sample file may hold (<see cref="CanarySamples.MaxRows"/>); it bounds the buckets held in memory and
    /// the judge's work whatever the period (a month of minutes is 43,200, two days of seconds 172,800).
    /// </summary>
    public const int MaxIntervals = CanarySamples.MaxRows / 5;

    /// <summary>Every metric the derivation gives, in the order of the documentation.</summary>
    public static readonly IReadOnlyList<string> Metrics = [LatencyMetric, ErrorRateMetric, CostPer1000Metric, DriftMetric, FairnessMetric];

    /// <summary>The samples of <paramref name="baselineVersion"/> and <paramref name="canaryVersion"/> from inferences at or after <paramref name="since"/>.</summary>
    public static (IReadOnlyDictionary<string, IReadOnlyList<double>> Baseline, IReadOnlyDictionary<string, IReadOnlyList<double>> Canary) Derive(
        IEnumerable<CanaryInference> inferences, string baselineVersion, string canaryVersion, DateTime since, TimeSpan step)
    {
        if (step <= TimeSpan.Zero) throw new ArgumentOutOfRangeException(nameof(step), "the interval must be positive");
        if (baselineVersion == canaryVersion) throw new ArgumentException("the baseline and canary versions must differ");
        var buckets = new SortedDictionary<(string Version, long Bucket), Bucket>();
        var baselineDriftValues = new List<double>();
        foreach (var inference in inferences)
        {
            if (inference.Timestamp < since) continue;
            if (inference.Version != baselineVersion && inference.Version != canaryVersion) continue;
            var key = (inference.Version, (inference.Timestamp - since).Ticks / step.Ticks);
            if (!buckets.TryGetValue(key, out var bucket)) buckets[key] = bucket = new Bucket();
            bucket.Add(inference);
            if (inference.Version == baselineVersion && bucket.LastDriftValue is { } value) baselineDriftValues.Add(value);
        }
        var reference = baselineDriftValues.ToArray();
        Array.Sort(reference);
        return (Samples(buckets, baselineVersion, reference), Samples(buckets, canaryVersion, reference));
    }

    private static Dictionary<string, IReadOnlyList<double>> Samples(SortedDictionary<(string Version, long Bucket), Bucket> buckets, string version, double[] driftReference)
    {
        var latency = new List<double>();
        var errors = new List<double>();
        var cost = new List<double>();
        var drift = new List<double>();
        var fairness = new List<double>();
        foreach (var ((v, _), bucket) in buckets)
        {
            if (v != version) continue;
            if (bucket.LatencyCount > 0) latency.Add(bucket.LatencySum / bucket.LatencyCount);
            if (bucket.ErrorKnown > 0) errors.Add(bucket.Errors / (double)bucket.ErrorKnown);
            if (bucket.CostKnown > 0) cost.Add(1000.0 * bucket.CostSum / bucket.Count);
            if (bucket.DriftValues.Count > 0 && driftReference.Length > 0) drift.Add(KsStatistic(driftReference, bucket.DriftValues));
            if (bucket.DemographicParityDifference() is { } difference) fairness.Add(difference);
        }
        return new Dictionary<string, IReadOnlyList<double>>(StringComparer.Ordinal)
        {
            [LatencyMetric] = latency,
            [ErrorRateMetric] = errors,
            [CostPer1000Metric] = cost,
            [DriftMetric] = drift,
            [FairnessMetric] = fairness,
        };
    }

    /// <summary>D = sup |F_reference − F_interval|, as a float difference of the two empirical distribution functions.</summary>
    private static double KsStatistic(double[] sortedReference, List<double> values)
    {
        var current = values.ToArray();
        Array.Sort(current);
        double d = 0;
        int i = 0, j = 0;
        while (i < sortedReference.Length && j < current.Length)
        {
            // Step past every copy of the smaller value on both sides, then compare the two ECDFs there.
            var x = Math.Min(sortedReference[i], current[j]);
            while (i < sortedReference.Length && sortedReference[i] == x) i++;
            while (j < current.Length && current[j] == x) j++;
            d = Math.Max(d, Math.Abs((double)i / sortedReference.Length - (double)j / current.Length));
        }
        return d;
    }

    private sealed class Bucket
    {
        public long Count;
        public double LatencySum;
        public long LatencyCount;
        public long Errors;
        public long ErrorKnown;
        public double CostSum;
        public long CostKnown;
        public readonly List<double> DriftValues = [];
        public double? LastDriftValue;
        private readonly SortedDictionary<string, (long Positives, long Total)> _groups = new(StringComparer.Ordinal);

        public void Add(CanaryInference inference)
        {
            Count++;
            if (inference.LatencyMs is { } latency && double.IsFinite(latency)) { LatencySum += latency; LatencyCount++; }
            if (inference.Error is { } error) { ErrorKnown++; if (error) Errors++; }
            // Cost per 1,000 inferences counts every inference of the interval: one without a cost costs nothing.
            if (inference.CostUsd is { } c && double.IsFinite(c)) { CostSum += c; CostKnown++; }
            LastDriftValue = inference.DriftValue is { } value && double.IsFinite(value) ? value : null;
            if (LastDriftValue is { } v) DriftValues.Add(v);
            if (inference.Group is { } group && inference.Positive is { } positive)
            {
                var (p, t) = _groups.GetValueOrDefault(group);
                _groups[group] = (p + (positive ? 1 : 0), t + 1);
            }
        }

        /// <summary>max − min of the groups' selection rates; null with fewer than two groups.</summary>
        public double? DemographicParityDifference()
        {
            if (_groups.Count < 2) return null;
            var rates = _groups.Values.Select(g => g.Positives / (double)g.Total).ToArray();
            return rates.Max() - rates.Min();
        }
    }
}

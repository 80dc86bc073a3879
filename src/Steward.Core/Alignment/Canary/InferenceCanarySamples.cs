namespace Steward.Core.Alignment.Canary;

/// <summary>
/// One logged inference as the canary derivation needs it: which version served it, when, how long it
/// took, whether it failed and what it cost (each optional: a log may lack the column).
/// </summary>
public sealed record CanaryInference(string Version, DateTime Timestamp, double? LatencyMs, bool? Error, double? CostUsd);

/// <summary>
/// Derives the judge's samples of two model versions from their inference log: per interval of
/// <c>step</c> from <c>since</c> (Kayenta compares time series, one value per interval), each version's
/// mean latency (<see cref="LatencyMetric"/>), share of failed inferences (<see cref="ErrorRateMetric"/>)
/// and cost per 1,000 inferences (<see cref="CostPer1000Metric"/>). An interval in which a version served
/// nothing gives it no observation; a metric whose column no inference has gives none at all (NoData).
/// </summary>
public static class InferenceCanarySamples
{
    public const string LatencyMetric = "latency_ms";
    public const string ErrorRateMetric = "error_rate";
    public const string CostPer1000Metric = "cost_per_1k_usd";

    /// <summary>The samples of <paramref name="baselineVersion"/> and <paramref name="canaryVersion"/> from inferences at or after <paramref name="since"/>.</summary>
    public static (IReadOnlyDictionary<string, IReadOnlyList<double>> Baseline, IReadOnlyDictionary<string, IReadOnlyList<double>> Canary) Derive(
        IEnumerable<CanaryInference> inferences, string baselineVersion, string canaryVersion, DateTime since, TimeSpan step)
    {
        if (step <= TimeSpan.Zero) throw new ArgumentOutOfRangeException(nameof(step), "the interval must be positive");
        if (baselineVersion == canaryVersion) throw new ArgumentException("the baseline and canary versions must differ");
        var buckets = new SortedDictionary<(string Version, long Bucket), Bucket>();
        foreach (var inference in inferences)
        {
            if (inference.Timestamp < since) continue;
            if (inference.Version != baselineVersion && inference.Version != canaryVersion) continue;
            var key = (inference.Version, (inference.Timestamp - since).Ticks / step.Ticks);
            if (!buckets.TryGetValue(key, out var bucket)) buckets[key] = bucket = new Bucket();
            bucket.Add(inference);
        }
        return (Samples(buckets, baselineVersion), Samples(buckets, canaryVersion));
    }

    private static Dictionary<string, IReadOnlyList<double>> Samples(SortedDictionary<(string Version, long Bucket), Bucket> buckets, string version)
    {
        var latency = new List<double>();
        var errors = new List<double>();
        var cost = new List<double>();
        foreach (var ((v, _), bucket) in buckets)
        {
            if (v != version) continue;
            if (bucket.LatencyCount > 0) latency.Add(bucket.LatencySum / bucket.LatencyCount);
            if (bucket.ErrorKnown > 0) errors.Add(bucket.Errors / (double)bucket.ErrorKnown);
            if (bucket.CostKnown > 0) cost.Add(1000.0 * bucket.CostSum / bucket.Count);
        }
        return new Dictionary<string, IReadOnlyList<double>>(StringComparer.Ordinal)
        {
            [LatencyMetric] = latency,
            [ErrorRateMetric] = errors,
            [CostPer1000Metric] = cost,
        };
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

        public void Add(CanaryInference inference)
        {
            Count++;
            if (inference.LatencyMs is { } latency && double.IsFinite(latency)) { LatencySum += latency; LatencyCount++; }
            if (inference.Error is { } error) { ErrorKnown++; if (error) Errors++; }
            // Cost per 1,000 inferences counts every inference of the interval: one without a cost costs nothing.
            if (inference.CostUsd is { } c && double.IsFinite(c)) { CostSum += c; CostKnown++; }
        }
    }
}

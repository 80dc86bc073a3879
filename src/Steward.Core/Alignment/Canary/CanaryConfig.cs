namespace Steward.Core.Alignment.Canary;

/// <summary>One metric of a canary config: its name in the samples, its group and how it is judged.</summary>
public sealed record CanaryMetricConfig(string Name, string Group, CanaryMetricOptions Options);

/// <summary>The score a canary needs to pass (Successful) or to be marginal (Inconclusive); Kayenta's defaults 95 and 75.</summary>
public sealed record CanaryThresholds(double Pass = 95, double Marginal = 75);

/// <summary>
/// Kayenta's canary config reduced to what the judge reads: the metrics, the weight of each group
/// (percent; groups without a weight share what the weighted ones leave of 100) and the thresholds.
/// </summary>
public sealed record CanaryConfig(
    IReadOnlyList<CanaryMetricConfig> Metrics,
    IReadOnlyDictionary<string, double> GroupWeights,
    CanaryThresholds Thresholds);

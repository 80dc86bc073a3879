namespace Steward.Core.Alignment.Canary;

/// <summary>The canary's verdict, named as Argo Rollouts names an analysis run's phases.</summary>
public enum CanaryVerdict
{
    /// <summary>Score at or above the pass threshold.</summary>
    Successful,

    /// <summary>Score at or above the marginal threshold, below pass: a person decides.</summary>
    Inconclusive,

    /// <summary>Below the marginal threshold, or a critical metric failed, or too many metrics had no data.</summary>
    Failed,
}

/// <summary>One metric's judgement with the statistics of both sides (after NaN and outlier handling).</summary>
public sealed record CanaryMetricResult(
    string Name,
    string Group,
    MetricClassification Classification,
    MetricDirection Direction,
    bool Muted,
    MetricSummary Baseline,
    MetricSummary Canary);

/// <summary>The judge's answer: the score, the verdict, why (when it failed outright), the groups and every metric, sorted by name.</summary>
public sealed record CanaryJudgement(
    double Score,
    CanaryVerdict Verdict,
    string? Reason,
    CanaryThresholds Thresholds,
    IReadOnlyList<GroupScore> Groups,
    IReadOnlyList<CanaryMetricResult> Metrics);

namespace Steward.Core.Alignment.Canary;

/// <summary>Which change of a metric counts against the canary (Kayenta's <c>direction</c>).</summary>
public enum MetricDirection
{
    /// <summary>Only a rise fails (latency, errors, cost).</summary>
    Increase,

    /// <summary>Only a fall fails (throughput, success rate).</summary>
    Decrease,

    /// <summary>Both fail.</summary>
    Either,
}

/// <summary>What to do with NaN observations (Kayenta's <c>nanStrategy</c>).</summary>
public enum NaNStrategy
{
    /// <summary>Drop them; a metric left without data is NoData.</summary>
    Remove,

    /// <summary>Count them as 0; a metric without data passes.</summary>
    Replace,
}

/// <summary>How the size of a change is measured (Kayenta's <c>effectSize.measure</c>).</summary>
public enum EffectSizeMeasure
{
    /// <summary>mean(canary) / mean(baseline); "no effect" is 1.</summary>
    MeanRatio,

    /// <summary>Common-language effect size: the share of (canary, baseline) pairs where the canary is higher; "no effect" is 0.5.</summary>
    Cles,
}

/// <summary>
/// How one metric is judged: Kayenta's per-metric <c>analysisConfigurations.canary</c> settings with
/// their defaults (direction either, NaN removed, outliers kept with factor 3, effect sizes 1.0 for the mean
/// ratio and 0.5 for CLES: any significant change counts).
/// </summary>
public sealed record CanaryMetricOptions
{
    public MetricDirection Direction { get; init; } = MetricDirection.Either;

    public NaNStrategy NaNStrategy { get; init; } = NaNStrategy.Remove;

    /// <summary>A critical metric that is High, Low or NoData fails the whole canary.</summary>
    public bool Critical { get; init; }

    /// <summary>A metric without data counts as a failure in its group instead of being left out.</summary>
    public bool MustHaveData { get; init; }

    /// <summary>Reported but left out of the score.</summary>
    public bool Muted { get; init; }

    /// <summary>Remove outliers (IQR fences, <see cref="OutlierFactor"/>) before comparing.</summary>
    public bool RemoveOutliers { get; init; }

    public double OutlierFactor { get; init; } = 3.0;

    public EffectSizeMeasure EffectSizeMeasure { get; init; } = EffectSizeMeasure.MeanRatio;

    /// <summary>The effect size (mean ratio canary/baseline by default) a Low must be at or below, and a High at or above.</summary>
    public double AllowedDecrease { get; init; } = 1.0;

    public double AllowedIncrease { get; init; } = 1.0;

    /// <summary>The effect sizes beyond which a critical metric fails the canary.</summary>
    public double CriticalDecrease { get; init; } = 1.0;

    public double CriticalIncrease { get; init; } = 1.0;
}

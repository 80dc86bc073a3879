namespace Steward.Core.FinOps.Anomalies;

/// <summary>How sensitive anomaly detection is.</summary>
public sealed record AnomalyOptions
{
    /// <summary>How many previous same weekdays form the baseline (at most).</summary>
    public int Weeks { get; init; } = 8;

    /// <summary>The fewest previous same weekdays needed to judge a day.</summary>
    public int MinimumWeeks { get; init; } = 3;

    /// <summary>A rise counts when it exceeds this many robust standard deviations (1.4826 × MAD).</summary>
    public double Sensitivity { get; init; } = 4.0;

    /// <summary>... and this fraction of the expected cost (a floor for baselines that barely vary).</summary>
    public double MinimumRelativeImpact { get; init; } = 0.2;

    /// <summary>... and this amount in the billing currency.</summary>
    public double MinimumImpact { get; init; }

    public static readonly AnomalyOptions Default = new();
}

namespace Steward.Core.Alignment.Canary;

/// <summary>The outcome of comparing one metric of the canary with the baseline (Kayenta's labels).</summary>
public enum MetricClassificationLabel
{
    Pass,
    High,
    Low,

    /// <summary>No data on one side.</summary>
    NoData,

    /// <summary>No data on one side of a metric that must have data: a failure within its group.</summary>
    NoDataFailMetric,

    /// <summary>The comparison could not be computed.</summary>
    Error,
}

/// <summary>
/// One metric's classification. <paramref name="Ratio"/> is the canary's mean over the baseline's
/// (NaN when either mean is 0; 1 when nothing was compared); <paramref name="Critical"/> says the
/// outcome fails the whole canary.
/// </summary>
public sealed record MetricClassification(MetricClassificationLabel Label, string? Reason, double Ratio, bool Critical);

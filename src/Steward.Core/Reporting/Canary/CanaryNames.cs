using Steward.Core.Alignment.Canary;

namespace Steward.Core.Reporting.Canary;

/// <summary>The names the canary's outputs use (contracts: JSON and table say the same).</summary>
public static class CanaryNames
{
    public static string Classification(MetricClassificationLabel label) => label switch
    {
        MetricClassificationLabel.NoData => "NoData",
        MetricClassificationLabel.NoDataFailMetric => "NoDataFailMetric",
        _ => label.ToString(),
    };

    public static string Direction(MetricDirection direction) => direction switch
    {
        MetricDirection.Increase => "increase",
        MetricDirection.Decrease => "decrease",
        _ => "either",
    };
}

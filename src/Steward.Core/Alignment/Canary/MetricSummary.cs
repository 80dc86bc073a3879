namespace Steward.Core.Alignment.Canary;

/// <summary>
/// Kayenta's <c>MetricStatistics</c> of one side after NaN and outlier handling: zeros when there is no
/// data; <see cref="Std"/> is the sample standard deviation (n − 1), 0 for a single value.
/// </summary>
public sealed record MetricSummary(int Count, double Mean, double Min, double Max, double Std)
{
    public static MetricSummary Of(IReadOnlyList<double> values)
    {
        if (values.Count == 0) return new MetricSummary(0, 0, 0, 0, 0);
        var mean = values.Average();
        var sum = 0.0;
        foreach (var v in values) sum += (v - mean) * (v - mean);
        var std = values.Count == 1 ? 0.0 : Math.Sqrt(sum / (values.Count - 1));
        return new MetricSummary(values.Count, mean, values.Min(), values.Max(), std);
    }
}

using MathNet.Numerics.Statistics;

namespace Steward.Core.Alignment.Canary;

/// <summary>Percentiles as Kayenta takes them: Commons Math's <c>Percentile</c> with R-7 (linear) interpolation.</summary>
internal static class Percentiles
{
    /// <summary>The <paramref name="p"/>-th percentile (0 &lt; p ≤ 100) of <paramref name="values"/>; NaN when empty.</summary>
    public static double R7(IReadOnlyList<double> values, double p) =>
        values.Count == 0 ? double.NaN : values.QuantileCustom(p / 100.0, QuantileDefinition.R7);
}

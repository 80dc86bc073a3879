namespace Steward.Core.Alignment.Multivariate;

/// <summary>Quantiles as <c>numpy.percentile</c> / <c>numpy.quantile</c> with the default linear interpolation.</summary>
internal static class Quantile
{
    /// <summary>The q-quantile (0 ≤ q ≤ 1) of <paramref name="values"/>: position q·(n − 1) in sorted order, interpolated linearly.</summary>
    public static double Linear(IReadOnlyList<double> values, double q)
    {
        if (values.Count == 0) throw new ArgumentException("No values.", nameof(values));
        var sorted = values.Order().ToArray();
        var position = q * (sorted.Length - 1);
        var lower = (int)Math.Floor(position);
        var upper = Math.Min(lower + 1, sorted.Length - 1);
        var fraction = position - lower;
        // numpy's _lerp: a + (b − a)·t, mirrored for t ≥ 0.5 so that the result is exact at both ends.
        var difference = sorted[upper] - sorted[lower];
        return fraction >= 0.5 ? sorted[upper] - difference * (1 - fraction) : sorted[lower] + difference * fraction;
    }
}

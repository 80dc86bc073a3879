namespace Steward.Core.Tests.Alignment;

/// <summary>Asserts agreement with a reference value to a relative tolerance (with an absolute floor for values near 0).</summary>
internal static class Approx
{
    public static void Equal(double actual, double expected, double relative = 1e-9, double absolute = 1e-14, string? because = null)
    {
        if (double.IsNaN(expected))
        {
            double.IsNaN(actual).Should().BeTrue(because);
            return;
        }
        var tolerance = Math.Max(Math.Abs(expected) * relative, absolute);
        Math.Abs(actual - expected).Should().BeLessThanOrEqualTo(tolerance,
            $"{because ?? "value"}: expected {expected:R}, got {actual:R}");
    }
}

/// <summary>Deterministic samples reproducible bit-for-bit in numpy: ((i·mult) mod m)/m·scale + shift.</summary>
internal static class Samples
{
    public static double[] Generate(int n, long mult, long mod, double scale = 1.0, double shift = 0.0)
    {
        var values = new double[n];
        for (var i = 0; i < n; i++)
            values[i] = (i * mult % mod) / (double)mod * scale + shift;
        return values;
    }
}

namespace Steward.Core.Alignment.Statistics;

/// <summary>
/// The distribution of the two-sided one-sample Kolmogorov–Smirnov statistic D_n, as scipy's
/// <c>scipy.stats.kstwo</c> computes it (Simard &amp; L'Ecuyer 2011: Ruben–Gambino tails, the
/// Durbin matrix of Marsaglia–Tsang–Wang, the Pomeranz recursion, Pelz–Good, and twice the exact
/// Smirnov one-sided tail). The two-sample test uses it as its asymptotic p-value, with
/// n = round(m·n/(m+n)), exactly as <c>scipy.stats.ks_2samp</c> does.
/// </summary>
public static class KolmogorovDistribution
{
    internal const int E128 = 128;
    internal static readonly double Ep128 = Math.ScaleB(1.0, E128);
    internal static readonly double Em128 = Math.ScaleB(1.0, -E128);
    internal const double MinLog = -708;
    internal static readonly double Sqrt2Pi = Math.Sqrt(2 * Math.PI);
    private static readonly double Log2Pi = Math.Log(2 * Math.PI);

    // B_{2j}/(2j)/(2j-1) for j = 8..1: Stirling's series, highest power first (numpy.polyval order).
    private static readonly double[] StirlingCoefficients =
    [
        -2.955065359477124183e-2, 6.4102564102564102564e-3,
        -1.9175269175269175269e-3, 8.4175084175084175084e-4,
        -5.952380952380952381e-4, 7.9365079365079365079e-4,
        -2.7777777777777777778e-3, 8.3333333333333333333e-2,
    ];

    /// <summary>Pr(D_n &gt;= x): the survival function of kstwo(n) (scipy.stats.kstwo.sf).</summary>
    public static double Survival(int n, double x)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(n, 1);
        if (double.IsNaN(x)) return double.NaN;
        if (x >= 1.0) return 0.0;
        if (x <= 0.0) return 1.0;
        var t = n * x;
        if (t <= 1.0)
        {
            // Ruben–Gambino: 1/(2n) <= x <= 1/n.
            if (t <= 0.5) return 1.0;
            double cdf;
            if (n <= 140)
            {
                cdf = 1.0;
                for (var i = 1; i <= n; i++)
                    cdf *= i * (1.0 / n) * (2 * t - 1);
            }
            else
            {
                cdf = Math.Exp(LogFactorialOverPower(n) + n * Math.Log(2 * t - 1));
            }
            return Clip(1.0 - cdf);
        }
        if (t >= n - 1)
            return Clip(2 * Math.Pow(1.0 - x, n));
        if (x >= 0.5)
            return Clip(2 * Smirnov.Survival(n, x));

        var nxSquared = t * x;
        if (n <= 140)
        {
            if (nxSquared <= 0.754693) return Clip(1.0 - KolmogorovDurbin.Cdf(n, x));
            if (nxSquared <= 4) return Clip(1.0 - KolmogorovPomeranz.Cdf(n, x));
            return Clip(2 * Smirnov.Survival(n, x));
        }

        // scipy splits the CDF and the SF at different cut-offs; this is the SF side.
        if (nxSquared >= 370.0) return 0.0;
        if (nxSquared >= 2.2) return Clip(2 * Smirnov.Survival(n, x));
        double cdfProbability;
        if (nxSquared >= 18.0)
            cdfProbability = 1.0;
        else if (n <= 100000 && n * Math.Pow(x, 1.5) <= 1.4)
            cdfProbability = KolmogorovDurbin.Cdf(n, x);
        else
            cdfProbability = KolmogorovPelzGood.Cdf(n, x);
        return Clip(1.0 - cdfProbability);
    }

    internal static double Clip(double p) => p < 0 ? 0 : p > 1 ? 1 : p;

    /// <summary>log(n!/n^n) by Stirling's series with n·log(n) removed up front (no cancellation).</summary>
    private static double LogFactorialOverPower(int n)
    {
        var rn = 1.0 / n;
        var x = rn / n;
        var poly = 0.0;
        foreach (var c in StirlingCoefficients)
            poly = poly * x + c;
        return Math.Log(n) / 2 - n + Log2Pi / 2 + rn * poly;
    }
}

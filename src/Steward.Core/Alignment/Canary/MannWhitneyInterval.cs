using MathNet.Numerics.Distributions;

namespace Steward.Core.Alignment.Canary;

/// <summary>The two-sided confidence interval of the location shift x − y and its Hodges–Lehmann estimate.</summary>
public sealed record MannWhitneyResult(double Lower, double Upper, double Estimate);

/// <summary>
/// The Mann-Whitney (Wilcoxon rank-sum) confidence interval of Kayenta's <c>MannWhitney</c>: the
/// normal approximation with tie and continuity correction that R's <c>wilcox.test(x, y,
/// conf.int = TRUE, exact = FALSE, correct = TRUE)</c> inverts, solved with Brent's method between
/// min(x) − max(y) and max(x) − min(y). The estimate is the shift at which the standardised statistic
/// is zero (the Hodges–Lehmann estimate as R computes it in the approximate case).
/// </summary>
public static class MannWhitneyInterval
{
    /// <summary>The interval at <paramref name="confidenceLevel"/> of x − y, and the estimate.</summary>
    /// <exception cref="ArgumentException">Every observation is tied (the statistic has no variance).</exception>
    public static MannWhitneyResult Compute(IReadOnlyList<double> x, IReadOnlyList<double> y, double confidenceLevel = 0.95)
    {
        var alpha = 1.0 - confidenceLevel;
        var muMin = x.Min() - y.Max();
        var muMax = x.Max() - y.Min();

        double FindRoot(double zq)
        {
            var fLower = WilcoxonDiff(muMin, zq, x, y);
            var fUpper = WilcoxonDiff(muMax, zq, x, y);
            if (fLower <= 0) return muMin;
            if (fUpper >= 0) return muMax;
            return BrentRootFinder.Solve(muMin, muMax, fLower, fUpper, mu => WilcoxonDiff(mu, zq, x, y));
        }

        var zQuantile = Normal.InvCDF(0, 1, alpha / 2);
        var lower = FindRoot(-zQuantile);
        var upper = FindRoot(zQuantile);
        var estimate = BrentRootFinder.Solve(muMin, muMax, WilcoxonDiff(muMin, 0, x, y), WilcoxonDiff(muMax, 0, x, y),
            mu => WilcoxonDiff(mu, 0, x, y));
        return new MannWhitneyResult(lower, upper, estimate);
    }

    /// <summary>
    /// The standardised rank-sum statistic of (x − mu) against y, continuity- and tie-corrected, minus
    /// <paramref name="quantile"/>: its zero in mu is an end of the interval (or the estimate for quantile 0).
    /// </summary>
    public static double WilcoxonDiff(double mu, double quantile, IReadOnlyList<double> x, IReadOnlyList<double> y)
    {
        double xLength = x.Count;
        double yLength = y.Count;
        var combined = new double[x.Count + y.Count];
        for (var i = 0; i < x.Count; i++) combined[i] = x[i] - mu;
        for (var i = 0; i < y.Count; i++) combined[x.Count + i] = y[i];
        var ranks = AverageRanks.Of(combined, out var tieCorrection);

        var rankSum = 0.0;
        for (var i = 0; i < x.Count; i++) rankSum += ranks[i];
        var dz = rankSum - xLength * (xLength + 1) / 2 - xLength * yLength / 2;
        var correction = Math.Sign(dz) * 0.5;
        var sigma = Math.Sqrt(xLength * yLength / 12
            * ((xLength + yLength + 1) - tieCorrection / ((xLength + yLength) * (xLength + yLength - 1))));
        if (sigma == 0)
            throw new ArgumentException("cannot compute confidence interval when all observations are tied");
        return (dz - correction) / sigma - quantile;
    }
}

using MathNet.Numerics;
using MathNet.Numerics.Distributions;

namespace Steward.Core.Alignment.Statistics;

/// <summary>A test statistic and its p-value.</summary>
public readonly record struct TestResult(double Statistic, double PValue);

/// <summary>
/// Pearson's chi-square goodness-of-fit of current counts against the reference proportions,
/// as Evidently calls <c>scipy.stats.chisquare(f_obs = current counts, f_exp = reference counts · n_cur/n_ref)</c>,
/// with k − 1 degrees of freedom over the k categories of the union.
/// </summary>
public static class ChiSquare
{
    public static TestResult GoodnessOfFit(IReadOnlyList<long> referenceCounts, IReadOnlyList<long> currentCounts)
    {
        if (referenceCounts.Count != currentCounts.Count)
            throw new ArgumentException("The two count vectors must be aligned.");
        var k = referenceCounts.Count;
        double nRef = referenceCounts.Sum(), nCur = currentCounts.Sum();
        if (nRef == 0 || nCur == 0)
            throw new ArgumentException("Both samples must be non-empty.");
        // One category only: nothing can differ (scipy would return NaN with 0 degrees of freedom).
        if (k < 2) return new TestResult(0.0, 1.0);
        var norm = nCur / nRef;
        var statistic = 0.0;
        for (var i = 0; i < k; i++)
        {
            var expected = referenceCounts[i] * norm;
            var diff = currentCounts[i] - expected;
            statistic += diff * diff / expected; // a category new in current gives +∞, p = 0, as scipy
        }
        return new TestResult(statistic, ChiSquaredSurvival(statistic, k - 1));
    }

    /// <summary>scipy.stats.chi2.sf(x, df) = Q(df/2, x/2), the regularised upper incomplete gamma.</summary>
    public static double ChiSquaredSurvival(double x, int degreesOfFreedom)
    {
        if (double.IsPositiveInfinity(x)) return 0.0;
        if (x <= 0) return 1.0;
        return SpecialFunctions.GammaUpperRegularized(degreesOfFreedom / 2.0, x / 2.0);
    }
}

/// <summary>
/// The two-proportion Z-test Evidently uses for binary columns: the share of the first category
/// (ordinal order) in each sample, pooled variance, two-sided p = 2·(1 − Φ(|z|)).
/// When both samples hold one and the same single value, p = 1.
/// </summary>
public static class ZTest
{
    public static TestResult TwoProportions(long successesReference, long totalReference, long successesCurrent, long totalCurrent)
    {
        if (totalReference <= 0 || totalCurrent <= 0)
            throw new ArgumentException("Both samples must be non-empty.");
        double n1 = totalReference, n2 = totalCurrent;
        var p1 = successesReference / n1;
        var p2 = successesCurrent / n2;
        var pooled = (p1 * n1 + p2 * n2) / (n1 + n2);
        if (pooled is 0 or 1) return new TestResult(0.0, 1.0);
        var z = (p1 - p2) / Math.Sqrt(pooled * (1 - pooled) * (1.0 / n1 + 1.0 / n2));
        return new TestResult(z, 2 * (1 - Normal.CDF(0, 1, Math.Abs(z))));
    }

    /// <summary>The test on categorical counts of a binary column (at most two categories in the union).</summary>
    public static TestResult FromCategoryCounts(IReadOnlyDictionary<string, long> reference, IReadOnlyDictionary<string, long> current)
    {
        var keys = reference.Keys.Union(current.Keys).Order(StringComparer.Ordinal).ToArray();
        if (keys.Length == 0) throw new ArgumentException("Both samples are empty.");
        // Evidently codes the first sorted key as 0 and every other value as 1; |z| does not depend on the choice.
        var first = keys[0];
        long nRef = reference.Values.Sum(), nCur = current.Values.Sum();
        return TwoProportions(nRef - reference.GetValueOrDefault(first), nRef, nCur - current.GetValueOrDefault(first), nCur);
    }
}

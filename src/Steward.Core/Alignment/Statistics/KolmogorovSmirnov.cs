namespace Steward.Core.Alignment.Statistics;

/// <summary>The result of a two-sample Kolmogorov–Smirnov test.</summary>
/// <param name="Statistic">D = sup |F_ref − F_cur| (on the exact path, rounded to h/lcm(n, m) as scipy does).</param>
/// <param name="PValue">Two-sided p-value.</param>
/// <param name="Exact">True when the exact null distribution was used, false for the asymptotic one.</param>
public readonly record struct KsResult(double Statistic, double PValue, bool Exact);

/// <summary>
/// The two-sample Kolmogorov–Smirnov test, two-sided, exactly as <c>scipy.stats.ks_2samp</c>
/// with <c>method='auto'</c>: exact when max(n, m) &lt;= 10,000 (falling back to asymptotic when the
/// exact computation fails), otherwise <c>kstwo.sf(D, round(n·m/(n+m)))</c>.
/// </summary>
public static class KolmogorovSmirnov
{
    /// <summary>scipy's MAX_AUTO_N: 'auto' is exact up to this sample size.</summary>
    public const int MaxExactN = 10000;

    /// <summary>Tests two unsorted samples (NaN is not allowed; drop missing values first).</summary>
    public static KsResult TwoSample(IEnumerable<double> reference, IEnumerable<double> current)
    {
        var a = reference.ToArray();
        var b = current.ToArray();
        Array.Sort(a);
        Array.Sort(b);
        return TwoSampleSorted(a, b);
    }

    /// <summary>Tests two samples already sorted ascending.</summary>
    public static KsResult TwoSampleSorted(IEnumerable<double> sortedReference, IEnumerable<double> sortedCurrent)
    {
        var a = sortedReference as IReadOnlyCollection<double> ?? sortedReference.ToArray();
        var b = sortedCurrent as IReadOnlyCollection<double> ?? sortedCurrent.ToArray();
        var accumulator = new KsAccumulator(a.Count, b.Count);
        SortedMerge.Walk(a, b, accumulator.Step);
        return accumulator.Result();
    }

    /// <summary>
    /// The p-value for a statistic <paramref name="d"/> (as float differences of the two ECDFs) with sample
    /// sizes n1 and n2; also returns the statistic scipy reports (h/lcm on the exact path).
    /// </summary>
    public static KsResult FromStatistic(double d, int n1, int n2)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(n1, 1);
        ArgumentOutOfRangeException.ThrowIfLessThan(n2, 1);
        var g = Gcd(n1, n2);
        if (Math.Max(n1, n2) <= MaxExactN)
        {
            var (success, dExact, p) = AttemptExact(n1, n2, g, d);
            if (success) return new KsResult(dExact, Math.Clamp(p, 0, 1), true);
            d = dExact;
        }
        // Smirnov's asymptotic distribution through kstwo with the effective sample size.
        double m = Math.Max(n1, n2), n = Math.Min(n1, n2);
        var en = m * n / (m + n);
        var p2 = KolmogorovDistribution.Survival((int)Math.Round(en, MidpointRounding.ToEven), d);
        return new KsResult(d, Math.Clamp(p2, 0, 1), false);
    }

    private static int Gcd(int a, int b)
    {
        while (b != 0) (a, b) = (b, a % b);
        return a;
    }

    /// <summary>scipy's _attempt_exact_2kssamp for the two-sided alternative.</summary>
    private static (bool Success, double D, double P) AttemptExact(int n1, int n2, int g, double d)
    {
        long lcm = (long)(n1 / g) * n2;
        // np.round rounds half to even, as Math.Round does by default.
        var h = (long)Math.Round(d * lcm, MidpointRounding.ToEven);
        d = h * 1.0 / lcm;
        if (h == 0) return (true, d, 1.0);
        var p = n1 == n2 ? ProbabilityOutsideSquare(n1, h) : OuterProbabilityInside(n1, n2, g, h);
        if (double.IsNaN(p) || double.IsInfinity(p)) return (false, d, double.NaN);
        if (!(p >= 0 && p <= 1)) return (false, d, p);
        return (true, d, p);
    }

    /// <summary>
    /// Pr(D_{n,n} &gt;= h/n) = 2·Σ_k (−1)^(k−1) C(2n, n−kh)/C(2n, n), evaluated with a Horner-like
    /// scheme over ratios so that there is no subtractive cancellation (scipy's _compute_prob_outside_square).
    /// </summary>
    internal static double ProbabilityOutsideSquare(long n, long h)
    {
        var p = 0.0;
        var k = (long)Math.Floor((double)n / h);
        while (k >= 0)
        {
            var p1 = 1.0;
            for (long j = 0; j < h; j++)
                p1 = (n - k * h - j) * p1 / (n + k * h + j + 1);
            p = p1 * (1.0 - p);
            k--;
        }
        return 2 * p;
    }

    /// <summary>
    /// The proportion of lattice paths from (0,0) to (m,n) that leave the band |x/m − y/n| &lt; h/lcm:
    /// the inside method of Hodges with Viehmann's recursion for 1 − p (scipy's _compute_outer_prob_inside_method),
    /// which keeps one sliding column of probabilities so that nothing overflows.
    /// </summary>
    internal static double OuterProbabilityInside(long m, long n, long g, long h)
    {
        if (m < n) (m, n) = (n, m);
        var mg = m / g;
        var ng = n / g;
        long minj = 0;
        var maxj = Math.Min((long)Math.Ceiling((double)h / mg), n + 1);
        var curlen = maxj - minj;
        var lenA = Math.Min(2 * maxj + 2, n + 1);
        var a = new double[lenA];
        Array.Fill(a, 1.0);
        for (var j = minj; j < maxj; j++) a[j] = 0.0;
        for (long i = 1; i <= m; i++)
        {
            var lastminj = minj;
            var lastlen = curlen;
            minj = Math.Max((long)Math.Floor((double)(ng * i - h) / mg) + 1, 0);
            minj = Math.Min(minj, n);
            maxj = Math.Min((long)Math.Ceiling((double)(ng * i + h) / mg), n + 1);
            if (maxj <= minj) return 1.0;
            var val = minj == 0 ? 0.0 : 1.0;
            for (long jj = 0; jj < maxj - minj; jj++)
            {
                var j = jj + minj;
                val = (a[jj + minj - lastminj] * i + val * j) / (i + j);
                a[jj] = val;
            }
            curlen = maxj - minj;
            if (lastlen > curlen)
            {
                // Carried-over entries beyond the new window are paths that already left the band.
                var from = maxj - minj;
                var to = Math.Min(from + (lastlen - curlen), lenA);
                for (var j = from; j < to; j++) a[j] = 1.0;
            }
        }
        return a[maxj - minj - 1];
    }
}

/// <summary>
/// Accumulates the KS statistic from a merged walk of two sorted samples: after each distinct
/// value, the two ECDFs are i/n1 and j/n2 (the searchsorted 'right' counts scipy uses), so the
/// samples themselves never need to be held in memory.
/// </summary>
public sealed class KsAccumulator(long totalReference, long totalCurrent)
{
    private double _maxDiff;
    private double _minDiff;

    /// <summary>Called once per distinct value with the counts of values &lt;= it in each sample.</summary>
    public void Step(double value, long countReference, long countCurrent)
    {
        StepDifference((double)countReference / totalReference - (double)countCurrent / totalCurrent);
    }

    /// <summary>As <see cref="Step"/>, given F_ref − F_cur at the value (a caller that needs it too computes it once).</summary>
    public void StepDifference(double diff)
    {
        if (diff > _maxDiff) _maxDiff = diff;
        if (diff < _minDiff) _minDiff = diff;
    }

    public KsResult Result()
    {
        if (totalReference == 0 || totalCurrent == 0)
            throw new InvalidOperationException("The Kolmogorov-Smirnov test needs two non-empty samples.");
        var minS = Math.Clamp(-_minDiff, 0, 1);
        var d = minS > _maxDiff ? minS : _maxDiff;
        return KolmogorovSmirnov.FromStatistic(d, checked((int)totalReference), checked((int)totalCurrent));
    }
}

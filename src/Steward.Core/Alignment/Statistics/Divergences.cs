namespace Steward.Core.Alignment.Statistics;

/// <summary>Population Stability Index over aligned proportions (zeros already replaced).</summary>
public static class Psi
{
    /// <summary>PSI = Σ (cur − ref)·ln(cur/ref).</summary>
    public static double Compute(IReadOnlyList<double> reference, IReadOnlyList<double> current)
    {
        CheckAligned(reference, current);
        var terms = new double[reference.Count];
        for (var i = 0; i < terms.Length; i++)
            terms[i] = (current[i] - reference[i]) * Math.Log(current[i] / reference[i]);
        return NumpySum.Sum(terms);
    }

    /// <summary>PSI on binned distributions, empty bins filled with 0.0001 first.</summary>
    public static double Compute(BinnedDistributions distributions)
    {
        var filled = distributions.WithEmptyFilled();
        return Compute(filled.Reference, filled.Current);
    }

    internal static void CheckAligned(IReadOnlyList<double> reference, IReadOnlyList<double> current)
    {
        if (reference.Count != current.Count)
            throw new ArgumentException("The two distributions must have the same number of bins.");
        if (reference.Count == 0)
            throw new ArgumentException("The distributions are empty.");
    }
}

/// <summary>
/// Jensen–Shannon distance as <c>scipy.spatial.distance.jensenshannon(p, q)</c> (natural log):
/// p and q are first renormalised to sum 1, m = (p + q)/2, and the distance is
/// sqrt((KL(p‖m) + KL(q‖m)) / 2).
/// </summary>
public static class JensenShannon
{
    public static double Distance(IReadOnlyList<double> p, IReadOnlyList<double> q)
    {
        Psi.CheckAligned(p, q);
        var sp = NumpySum.Sum(p.ToArray());
        var sq = NumpySum.Sum(q.ToArray());
        var left = new double[p.Count];
        var right = new double[p.Count];
        for (var i = 0; i < p.Count; i++)
        {
            var pi = p[i] / sp;
            var qi = q[i] / sq;
            var m = (pi + qi) / 2.0;
            left[i] = RelativeEntropy(pi, m);
            right[i] = RelativeEntropy(qi, m);
        }
        return Math.Sqrt((NumpySum.Sum(left) + NumpySum.Sum(right)) / 2.0);
    }

    /// <summary>Jensen–Shannon distance on binned distributions, empty bins filled with 0.0001 first (as Evidently).</summary>
    public static double Distance(BinnedDistributions distributions)
    {
        var filled = distributions.WithEmptyFilled();
        return Distance(filled.Reference, filled.Current);
    }

    /// <summary>scipy.special.rel_entr: x·ln(x/y), 0 when x = 0.</summary>
    private static double RelativeEntropy(double x, double y) =>
        x > 0 && y > 0 ? x * Math.Log(x / y) : x == 0 && y >= 0 ? 0 : double.PositiveInfinity;
}

/// <summary>
/// Hellinger distance as Evidently defines it: sqrt(1 − clip(Σ sqrt(p_i·q_i), 0, 1)) on the raw
/// proportions (no zero filling; an empty bin contributes nothing). Evidently's numeric variant
/// integrates density histograms over Sturges bins, which equals this sum on equal-width bins;
/// Steward uses its own 10 bins so that PSI, Jensen–Shannon and Hellinger share one binning.
/// </summary>
public static class Hellinger
{
    public static double Distance(IReadOnlyList<double> p, IReadOnlyList<double> q)
    {
        Psi.CheckAligned(p, q);
        var terms = new double[p.Count];
        for (var i = 0; i < terms.Length; i++)
            terms[i] = Math.Sqrt(p[i] * q[i]);
        var affinity = Math.Clamp(NumpySum.Sum(terms), 0, 1);
        return Math.Sqrt(1 - affinity);
    }

    public static double Distance(BinnedDistributions distributions) => Distance(distributions.Reference, distributions.Current);
}

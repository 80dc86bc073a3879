namespace Steward.Core.Alignment.Statistics;

/// <summary>
/// The first Wasserstein (earth mover's) distance between two empirical distributions,
/// ∫ |F_ref(x) − F_cur(x)| dx, as <c>scipy.stats.wasserstein_distance</c> (unweighted), and the
/// normed form Evidently uses for drift: distance / max(std_ref, 0.001) with the population std (ddof = 0).
/// </summary>
public static class Wasserstein
{
    /// <summary>Evidently's floor on the reference std, so a constant reference column does not divide by zero.</summary>
    public const double StdFloor = 0.001;

    public static double Distance(IEnumerable<double> reference, IEnumerable<double> current)
    {
        var a = reference.ToArray();
        var b = current.ToArray();
        Array.Sort(a);
        Array.Sort(b);
        var accumulator = new WassersteinAccumulator(a.Length, b.Length);
        SortedMerge.Walk(a, b, accumulator.Step);
        return accumulator.Distance;
    }

    /// <summary>Wasserstein distance divided by max(numpy.std(reference), 0.001).</summary>
    public static double Normed(IReadOnlyCollection<double> reference, IEnumerable<double> current) =>
        Distance(reference, current) / Math.Max(Moments.PopulationStd(reference), StdFloor);
}

/// <summary>Accumulates ∫|F_ref − F_cur| over a merged walk: each gap between consecutive distinct values adds |ΔF|·gap.</summary>
public sealed class WassersteinAccumulator(long totalReference, long totalCurrent)
{
    private double _sum;
    private double _previousValue = double.NaN;
    private double _previousDiff;

    public void Step(double value, long countReference, long countCurrent) =>
        StepAbsoluteDifference(value, Math.Abs((double)countReference / totalReference - (double)countCurrent / totalCurrent));

    /// <summary>As <see cref="Step"/>, given |F_ref − F_cur| at the value (a caller that needs it too computes it once).</summary>
    public void StepAbsoluteDifference(double value, double absoluteDifference)
    {
        if (!double.IsNaN(_previousValue))
            _sum += _previousDiff * (value - _previousValue);
        _previousValue = value;
        _previousDiff = absoluteDifference;
    }

    public double Distance => _sum;
}

/// <summary>Means and standard deviations computed the way numpy does (two passes, ddof = 0).</summary>
public static class Moments
{
    public static double Mean(IReadOnlyCollection<double> values)
    {
        if (values.Count == 0) return double.NaN;
        var sum = 0.0;
        foreach (var v in values) sum += v;
        return sum / values.Count;
    }

    /// <summary>numpy.std(x) (ddof = 0): sqrt(mean((x − mean)²)).</summary>
    public static double PopulationStd(IReadOnlyCollection<double> values)
    {
        if (values.Count == 0) return double.NaN;
        var mean = Mean(values);
        var sum = 0.0;
        foreach (var v in values) sum += (v - mean) * (v - mean);
        return Math.Sqrt(sum / values.Count);
    }
}

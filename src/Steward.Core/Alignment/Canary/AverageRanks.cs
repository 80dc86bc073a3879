namespace Steward.Core.Alignment.Canary;

/// <summary>
/// Ranks 1..n with ties given their average rank (Commons Math's <c>NaturalRanking</c> with
/// <c>TiesStrategy.AVERAGE</c>; NaN ranks highest, its <c>NaNStrategy.MAXIMAL</c>).
/// </summary>
internal static class AverageRanks
{
    /// <summary>The ranks of <paramref name="values"/> in input order; <paramref name="tieCorrection"/> is Σ(t³ − t) over groups of t ties.</summary>
    public static double[] Of(IReadOnlyList<double> values, out double tieCorrection)
    {
        var n = values.Count;
        var order = new int[n];
        var keys = new double[n];
        for (var i = 0; i < n; i++)
        {
            order[i] = i;
            keys[i] = double.IsNaN(values[i]) ? double.PositiveInfinity : values[i];
        }
        Array.Sort(keys, order);
        var ranks = new double[n];
        tieCorrection = 0;
        var start = 0;
        while (start < n)
        {
            var end = start + 1;
            while (end < n && keys[end] == keys[start]) end++;
            var rank = (start + 1 + end) / 2.0;
            for (var k = start; k < end; k++) ranks[order[k]] = rank;
            double t = end - start;
            tieCorrection += t * t * t - t;
            start = end;
        }
        return ranks;
    }
}

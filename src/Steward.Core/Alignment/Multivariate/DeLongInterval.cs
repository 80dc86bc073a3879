using MathNet.Numerics.Distributions;

namespace Steward.Core.Alignment.Multivariate;

/// <summary>
/// DeLong's confidence interval of a ROC AUC (DeLong, DeLong &amp; Clarke-Pearson 1988; pROC's default):
/// with ψ(x, y) = 1 when x &gt; y, ½ when tied, 0 otherwise, each positive's placement
/// V10(xᵢ) = mean over negatives of ψ(xᵢ, y) and each negative's V01(yⱼ) = mean over positives of ψ(x, yⱼ);
/// Var(AUC) = s²(V10)/m + s²(V01)/n (sample variances, m positives, n negatives), and the interval is
/// AUC ± z·√Var with z the normal quantile of the confidence level, clipped to [0, 1]. Exact, deterministic
/// and one walk over the ranked labels.
/// </summary>
internal static class DeLongInterval
{
    public static (double Lower, double Upper) Evaluate(RankedLabels ranked, double confidence)
    {
        var (v10, v01) = Placements(ranked);
        var auc = v10.Average();
        var variance = SampleVariance(v10) / v10.Length + SampleVariance(v01) / v01.Length;
        var half = Normal.InvCDF(0, 1, 1 - (1 - confidence) / 2) * Math.Sqrt(variance);
        return (Math.Max(0, auc - half), Math.Min(1, auc + half));
    }

    /// <summary>The placements of the positives (V10) and of the negatives (V01), in descending score order.</summary>
    internal static (double[] V10, double[] V01) Placements(RankedLabels ranked)
    {
        var labels = ranked.Labels;
        long m = labels.Count(l => l);
        long n = labels.Length - m;
        var v10 = new List<double>((int)m);
        var v01 = new List<double>((int)n);
        long tp = 0, fp = 0;
        foreach (var (start, end) in ranked.Groups())
        {
            long dtp = 0, dfp = 0;
            for (var p = start; p < end; p++)
            {
                if (labels[p]) dtp++; else dfp++;
            }
            // Negatives below a positive of this group: n − fp − dfp, plus half of the tied ones.
            var positive = (n - fp - dfp / 2.0) / n;
            // Positives above a negative of this group: tp, plus half of the tied ones.
            var negative = (tp + dtp / 2.0) / m;
            for (var k = 0; k < dtp; k++) v10.Add(positive);
            for (var k = 0; k < dfp; k++) v01.Add(negative);
            tp += dtp;
            fp += dfp;
        }
        return ([.. v10], [.. v01]);
    }

    private static double SampleVariance(double[] values)
    {
        if (values.Length < 2) return 0;
        var mean = values.Average();
        var sum = 0.0;
        foreach (var v in values) sum += (v - mean) * (v - mean);
        return sum / (values.Length - 1);
    }
}

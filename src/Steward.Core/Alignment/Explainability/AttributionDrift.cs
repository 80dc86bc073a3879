using Steward.Core.Alignment.Canary;

namespace Steward.Core.Alignment.Explainability;

/// <summary>
/// How much a model's explanation moved between two windows, from the importance of the same features in each:
/// <see cref="RankCorrelation"/>, Spearman's ρ of the two importance vectors (1: the same order; ties
/// get their average rank, as <c>scipy.stats.spearmanr</c>), and <see cref="L1Distance"/>, half the L1
/// distance between the importances as shares (a negative importance — a feature whose permutation
/// helped, noise — counts as 0): 0 when every feature keeps its share of the total, 1 when the features
/// that mattered no longer matter at all. Either is NaN when it is undefined (fewer than two features,
/// constant importances, or no positive importance in a window).
/// </summary>
public sealed record AttributionDrift(double RankCorrelation, double L1Distance)
{
    public static AttributionDrift Between(IReadOnlyList<double> reference, IReadOnlyList<double> current)
    {
        if (reference.Count != current.Count)
            throw new ArgumentException($"{reference.Count} reference importances, {current.Count} current.", nameof(current));
        return new AttributionDrift(Spearman(reference, current), NormalisedL1(reference, current));
    }

    /// <summary>Pearson's correlation of the average ranks.</summary>
    public static double Spearman(IReadOnlyList<double> x, IReadOnlyList<double> y)
    {
        if (x.Count < 2)
            return double.NaN;
        var rx = AverageRanks.Of(x, out _);
        var ry = AverageRanks.Of(y, out _);
        var (mx, my) = (rx.Average(), ry.Average());
        double sxy = 0, sxx = 0, syy = 0;
        for (var i = 0; i < rx.Length; i++)
        {
            var (dx, dy) = (rx[i] - mx, ry[i] - my);
            sxy += dx * dy;
            sxx += dx * dx;
            syy += dy * dy;
        }
        return sxx == 0 || syy == 0 ? double.NaN : Math.Clamp(sxy / Math.Sqrt(sxx * syy), -1, 1);
    }

    /// <summary>½ Σ |p − q| where p and q are the positive parts of the importances divided by their sums.</summary>
    public static double NormalisedL1(IReadOnlyList<double> reference, IReadOnlyList<double> current)
    {
        var p = Shares(reference);
        var q = Shares(current);
        if (p is null || q is null)
            return double.NaN;
        var sum = 0.0;
        for (var i = 0; i < p.Length; i++)
            sum += Math.Abs(p[i] - q[i]);
        return sum / 2;
    }

    private static double[]? Shares(IReadOnlyList<double> importances)
    {
        var positive = importances.Select(v => Math.Max(v, 0)).ToArray();
        var total = positive.Sum();
        return total > 0 ? [.. positive.Select(v => v / total)] : null;
    }
}

namespace Steward.Core.Alignment.Multivariate;

/// <summary>
/// The no-drift bound of the ROC AUC by a seeded permutation test. Under "no drift" the classifier's
/// score of a held-out row is independent of whether the row is current, so shuffling the labels over the
/// fixed scores draws from the AUC's null distribution — ties included, unlike the AUCs of uniform random
/// scores that Evidently bootstraps.
/// </summary>
internal static class PermutationBound
{
    /// <summary>The <paramref name="quantile"/> quantile of the permuted AUCs and the permutation p-value.</summary>
    public static (double Bound, double PValue) Evaluate(RankedLabels ranked, double observed, int permutations, double quantile, int seed)
    {
        // A permutation puts the positives on a uniformly random subset of the positions, and its AUC is the
        // Mann–Whitney U of their ranks. A partial Fisher–Yates shuffle draws the subset, continuing from the
        // previous arrangement (which leaves each draw uniform).
        var ranks = ranked.MidRanks();
        var n = ranks.Length;
        var n1 = ranked.Labels.Count(l => l);
        var n0 = n - n1;
        var positions = Enumerable.Range(0, n).ToArray();
        var random = new Random(seed);
        var aucs = new double[permutations];
        var atLeast = 0;
        for (var b = 0; b < permutations; b++)
        {
            var rankSum = 0.0;
            for (var k = 0; k < n1; k++)
            {
                var j = k + random.Next(n - k);
                (positions[k], positions[j]) = (positions[j], positions[k]);
                rankSum += ranks[positions[k]];
            }
            aucs[b] = (rankSum - (double)n1 * (n1 + 1) / 2) / ((double)n1 * n0);
            if (aucs[b] >= observed) atLeast++;
        }
        return (Quantile.Linear(aucs, quantile), (1.0 + atLeast) / (1.0 + permutations));
    }
}

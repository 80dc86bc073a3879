namespace Steward.Core.Alignment.Multivariate;

/// <summary>What resampling says about an observed ROC AUC.</summary>
/// <param name="NullBound">The <c>NullQuantile</c> quantile of the AUC when the labels are permuted (no drift).</param>
/// <param name="PValue">(1 + permutations with an AUC ≥ the observed one) / (1 + permutations).</param>
/// <param name="Lower">Lower end of the percentile bootstrap confidence interval of the AUC.</param>
/// <param name="Upper">Upper end of that interval.</param>
public sealed record RocAucUncertainty(double NullBound, double PValue, double Lower, double Upper);

/// <summary>
/// Two resampling procedures on the held-out scores, both seeded:
/// a permutation test — under "no drift" the classifier's score of a held-out row is independent of
/// whether the row is current, so shuffling the labels over the fixed scores draws from the AUC's null
/// distribution (ties included, unlike AUCs of uniform random scores) — and a stratified percentile
/// bootstrap of the held-out rows (current and reference rows resampled separately, with replacement)
/// for a confidence interval of the AUC.
/// </summary>
internal static class RocAucResampling
{
    public static RocAucUncertainty Evaluate(RankedLabels ranked, double observed, int resamples, double nullQuantile, double confidence, int seed)
    {
        var labels = (bool[])ranked.Labels.Clone();
        var permutation = new Random(seed);
        var nullAucs = new double[resamples];
        var atLeast = 0;
        for (var b = 0; b < resamples; b++)
        {
            // Shuffling the previous permutation again gives another uniformly random permutation.
            permutation.Shuffle(labels);
            nullAucs[b] = ranked.Auc(labels, default);
            if (nullAucs[b] >= observed) atLeast++;
        }

        var positives = Positions(ranked.Labels, true);
        var negatives = Positions(ranked.Labels, false);
        var bootstrap = new Random(unchecked(seed + 1));
        var weights = new int[ranked.Labels.Length];
        var aucs = new double[resamples];
        for (var b = 0; b < resamples; b++)
        {
            Array.Clear(weights);
            foreach (var group in new[] { positives, negatives })
            {
                for (var k = 0; k < group.Length; k++)
                    weights[group[bootstrap.Next(group.Length)]]++;
            }
            aucs[b] = ranked.Auc(ranked.Labels, weights);
        }
        var alpha = (1 - confidence) / 2;
        return new RocAucUncertainty(
            Quantile.Linear(nullAucs, nullQuantile),
            (1.0 + atLeast) / (1.0 + resamples),
            Quantile.Linear(aucs, alpha),
            Quantile.Linear(aucs, 1 - alpha));
    }

    private static int[] Positions(bool[] labels, bool label) =>
        Enumerable.Range(0, labels.Length).Where(p => labels[p] == label).ToArray();
}

namespace Steward.Core.Alignment.Multivariate;

/// <summary>
/// Held-out labels in descending order of the classifier's score, with the groups of tied scores and the
/// mid-ranks, so that the ROC AUC of any relabelling (a permutation) of the same scores needs no sort, and
/// DeLong's placements one walk. The AUC walk is the one of
/// <c>sklearn.metrics.roc_auc_score</c> (and <see cref="Performance.ClassificationMetrics.RocAuc"/>):
/// tied scores form one diagonal step of the ROC curve, the area is summed by trapezoids in exact
/// integer units and divided once at the end.
/// </summary>
internal sealed class RankedLabels
{
    private readonly int[] _groupStarts;

    public RankedLabels(IReadOnlyList<bool> labels, IReadOnlyList<double> scores)
    {
        if (labels.Count != scores.Count) throw new ArgumentException("Labels and scores must have the same length.");
        var order = Enumerable.Range(0, scores.Count).OrderByDescending(i => scores[i]).ThenBy(i => i).ToArray();
        Labels = order.Select(i => labels[i]).ToArray();
        var starts = new List<int>();
        for (var p = 0; p < order.Length; p++)
        {
            if (p == 0 || scores[order[p]] != scores[order[p - 1]]) starts.Add(p);
        }
        starts.Add(order.Length);
        _groupStarts = [.. starts];
    }

    /// <summary>
    /// The rank of each position in ascending score order, tied scores sharing their mean rank (1-based):
    /// the AUC of any labelling is (sum of the positives' ranks − n₁(n₁ + 1)/2)/(n₀n₁), the Mann–Whitney U,
    /// which equals the trapezoid area exactly (ranks are halves, their sums exact in double precision).
    /// </summary>
    public double[] MidRanks()
    {
        var n = Labels.Length;
        var ranks = new double[n];
        for (var g = 0; g + 1 < _groupStarts.Length; g++)
        {
            // Descending positions p..q−1 hold ascending ranks n−q+1 .. n−p; their mean is shared.
            var p = _groupStarts[g];
            var q = _groupStarts[g + 1];
            var mean = ((double)(n - q + 1) + (n - p)) / 2;
            for (var k = p; k < q; k++) ranks[k] = mean;
        }
        return ranks;
    }

    /// <summary>The [start, end) positions of each group of tied scores, in descending score order.</summary>
    public IEnumerable<(int Start, int End)> Groups()
    {
        for (var g = 0; g + 1 < _groupStarts.Length; g++)
            yield return (_groupStarts[g], _groupStarts[g + 1]);
    }

    /// <summary>The labels (true = positive) in descending score order.</summary>
    public bool[] Labels { get; }

    /// <summary>The ROC AUC of the labels; NaN when one class is absent.</summary>
    public double Auc()
    {
        long tp = 0, fp = 0;
        var twiceArea = 0.0;
        foreach (var (start, end) in Groups())
        {
            long dtp = 0, dfp = 0;
            for (var p = start; p < end; p++)
            {
                if (Labels[p]) dtp++; else dfp++;
            }
            twiceArea += (double)dfp * (2 * tp + dtp);
            tp += dtp;
            fp += dfp;
        }
        if (tp == 0 || fp == 0) return double.NaN;
        return twiceArea / 2.0 / ((double)tp * fp);
    }
}

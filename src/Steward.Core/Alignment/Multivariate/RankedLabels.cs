namespace Steward.Core.Alignment.Multivariate;

/// <summary>
/// Held-out labels in descending order of the classifier's score, with the groups of tied scores, so that
/// the ROC AUC of any relabelling (a permutation) or reweighting (a bootstrap resample) of the same scores
/// takes one linear walk instead of a sort. The walk is the one of
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

    /// <summary>The labels (true = positive) in descending score order.</summary>
    public bool[] Labels { get; }

    /// <summary>The ROC AUC of the original labels.</summary>
    public double Auc() => Auc(Labels, null);

    /// <summary>
    /// The ROC AUC of <paramref name="labels"/> (in descending score order) with an optional multiplicity per
    /// position (a bootstrap resample); NaN when one class is absent.
    /// </summary>
    public double Auc(ReadOnlySpan<bool> labels, ReadOnlySpan<int> weights)
    {
        long tp = 0, fp = 0;
        var twiceArea = 0.0;
        var weighted = !weights.IsEmpty;
        for (var g = 0; g + 1 < _groupStarts.Length; g++)
        {
            long dtp = 0, dfp = 0;
            for (var p = _groupStarts[g]; p < _groupStarts[g + 1]; p++)
            {
                var w = weighted ? weights[p] : 1;
                if (labels[p]) dtp += w; else dfp += w;
            }
            twiceArea += (double)dfp * (2 * tp + dtp);
            tp += dtp;
            fp += dfp;
        }
        if (tp == 0 || fp == 0) return double.NaN;
        return twiceArea / 2.0 / ((double)tp * fp);
    }
}

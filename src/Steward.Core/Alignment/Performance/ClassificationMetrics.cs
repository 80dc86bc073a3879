using Steward.Core.Alignment.Statistics;

namespace Steward.Core.Alignment.Performance;

/// <summary>
/// Binary classification metrics as scikit-learn computes them (positive class = true). Where sklearn's
/// zero_division default would warn and return 0 (no predicted or no actual positives), so do these.
/// </summary>
public static class ClassificationMetrics
{
    public static double Accuracy(IReadOnlyList<bool> actual, IReadOnlyList<bool> predicted)
    {
        Check(actual, predicted.Count);
        var correct = 0L;
        for (var i = 0; i < actual.Count; i++) if (actual[i] == predicted[i]) correct++;
        return (double)correct / actual.Count;
    }

    /// <summary>TP / (TP + FP); 0 when nothing is predicted positive.</summary>
    public static double Precision(IReadOnlyList<bool> actual, IReadOnlyList<bool> predicted)
    {
        var (tp, fp, _) = Counts(actual, predicted);
        return tp + fp == 0 ? 0 : (double)tp / (tp + fp);
    }

    /// <summary>TP / (TP + FN); 0 when there are no actual positives.</summary>
    public static double Recall(IReadOnlyList<bool> actual, IReadOnlyList<bool> predicted)
    {
        var (tp, _, fn) = Counts(actual, predicted);
        return tp + fn == 0 ? 0 : (double)tp / (tp + fn);
    }

    /// <summary>2·TP / (2·TP + FP + FN); 0 when that is 0/0.</summary>
    public static double F1(IReadOnlyList<bool> actual, IReadOnlyList<bool> predicted)
    {
        var (tp, fp, fn) = Counts(actual, predicted);
        var denominator = 2 * tp + fp + fn;
        return denominator == 0 ? 0 : 2.0 * tp / denominator;
    }

    /// <summary>
    /// Area under the ROC curve (sklearn.metrics.roc_auc_score): scores sorted descending, tied scores form
    /// one step of the curve (a diagonal segment), area by trapezoids. Needs both classes.
    /// </summary>
    public static double RocAuc(IReadOnlyList<bool> actual, IReadOnlyList<double> scores)
    {
        Check(actual, scores.Count);
        var order = Enumerable.Range(0, scores.Count).OrderByDescending(i => scores[i]).ToArray();
        long positives = actual.LongCount(a => a);
        long negatives = actual.Count - positives;
        if (positives == 0 || negatives == 0)
            throw new ArgumentException("ROC AUC needs both positive and negative labels.");
        // Twice the area in units of (1 negative × 1 positive): exact integers until the final division.
        long tp = 0, fp = 0;
        var twiceArea = 0.0;
        var i = 0;
        while (i < order.Length)
        {
            long dtp = 0, dfp = 0;
            var score = scores[order[i]];
            while (i < order.Length && scores[order[i]] == score)
            {
                if (actual[order[i]]) dtp++; else dfp++;
                i++;
            }
            twiceArea += (double)dfp * (2 * tp + dtp);
            tp += dtp;
            fp += dfp;
        }
        return twiceArea / 2.0 / ((double)positives * negatives);
    }

    /// <summary>
    /// sklearn.metrics.log_loss for binary labels and P(positive): probabilities clipped to
    /// [eps, 1 − eps] with eps = 2^-52 (float64 epsilon), the pair (1 − p, p) renormalised, mean of −ln p(true class).
    /// </summary>
    public static double LogLoss(IReadOnlyList<bool> actual, IReadOnlyList<double> probabilities)
    {
        Check(actual, probabilities.Count);
        var eps = Math.Pow(2, -52);
        var losses = new double[actual.Count];
        for (var i = 0; i < losses.Length; i++)
        {
            var p = Math.Clamp(probabilities[i], eps, 1 - eps);
            var q = 1 - p;
            var sum = q + p;
            losses[i] = -Math.Log((actual[i] ? p : q) / sum);
        }
        return NumpySum.Sum(losses) / losses.Length;
    }

    private static (long Tp, long Fp, long Fn) Counts(IReadOnlyList<bool> actual, IReadOnlyList<bool> predicted)
    {
        Check(actual, predicted.Count);
        long tp = 0, fp = 0, fn = 0;
        for (var i = 0; i < actual.Count; i++)
        {
            if (predicted[i] && actual[i]) tp++;
            else if (predicted[i]) fp++;
            else if (actual[i]) fn++;
        }
        return (tp, fp, fn);
    }

    private static void Check<T>(IReadOnlyList<T> actual, int count)
    {
        if (actual.Count != count) throw new ArgumentException("Labels and predictions must have the same length.");
        if (count == 0) throw new ArgumentException("No samples.");
    }
}

/// <summary>Regression metrics as scikit-learn computes them.</summary>
public static class RegressionMetrics
{
    /// <summary>mean |y − ŷ|.</summary>
    public static double MeanAbsoluteError(IReadOnlyList<double> actual, IReadOnlyList<double> predicted) =>
        Mean(actual, predicted, (y, p) => Math.Abs(y - p));

    /// <summary>sqrt(mean (y − ŷ)²).</summary>
    public static double RootMeanSquaredError(IReadOnlyList<double> actual, IReadOnlyList<double> predicted) =>
        Math.Sqrt(Mean(actual, predicted, (y, p) => (y - p) * (y - p)));

    /// <summary>mean |y − ŷ| / max(|y|, eps) with eps = float64 epsilon (a fraction, not a percentage, as sklearn).</summary>
    public static double MeanAbsolutePercentageError(IReadOnlyList<double> actual, IReadOnlyList<double> predicted)
    {
        var eps = Math.Pow(2, -52);
        return Mean(actual, predicted, (y, p) => Math.Abs(y - p) / Math.Max(Math.Abs(y), eps));
    }

    private static double Mean(IReadOnlyList<double> actual, IReadOnlyList<double> predicted, Func<double, double, double> term)
    {
        if (actual.Count != predicted.Count) throw new ArgumentException("Actual and predicted values must have the same length.");
        if (actual.Count == 0) throw new ArgumentException("No samples.");
        var terms = new double[actual.Count];
        for (var i = 0; i < terms.Length; i++) terms[i] = term(actual[i], predicted[i]);
        return NumpySum.Sum(terms) / terms.Length;
    }
}

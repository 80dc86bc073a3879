namespace Steward.Core.Alignment.Fairness;

/// <summary>
/// The confusion counts of one group and the rates derived from them. A rate whose denominator is zero
/// (e.g. TPR in a group without positive labels) is NaN and reported as null.
/// </summary>
public sealed record GroupMetrics(string Group, long TruePositives, long FalsePositives, long TrueNegatives, long FalseNegatives)
{
    public long Count => TruePositives + FalsePositives + TrueNegatives + FalseNegatives;

    /// <summary>Share predicted positive: (TP + FP) / n.</summary>
    public double SelectionRate => Ratio(TruePositives + FalsePositives, Count);

    /// <summary>TP / (TP + FN).</summary>
    public double TruePositiveRate => Ratio(TruePositives, TruePositives + FalseNegatives);

    /// <summary>FP / (FP + TN).</summary>
    public double FalsePositiveRate => Ratio(FalsePositives, FalsePositives + TrueNegatives);

    /// <summary>FN / (FN + TP).</summary>
    public double FalseNegativeRate => Ratio(FalseNegatives, FalseNegatives + TruePositives);

    /// <summary>TN / (TN + FP).</summary>
    public double TrueNegativeRate => Ratio(TrueNegatives, TrueNegatives + FalsePositives);

    /// <summary>TP / (TP + FP).</summary>
    public double Precision => Ratio(TruePositives, TruePositives + FalsePositives);

    /// <summary>(TP + TN) / n.</summary>
    public double Accuracy => Ratio(TruePositives + TrueNegatives, Count);

    private static double Ratio(long numerator, long denominator) => denominator == 0 ? double.NaN : (double)numerator / denominator;

    /// <summary>Counts from parallel arrays of booleans (prediction positive, label positive).</summary>
    public static GroupMetrics FromPredictions(string group, IReadOnlyList<bool> predicted, IReadOnlyList<bool> actual)
    {
        if (predicted.Count != actual.Count) throw new ArgumentException("Predictions and labels must have the same length.");
        long tp = 0, fp = 0, tn = 0, fn = 0;
        for (var i = 0; i < predicted.Count; i++)
        {
            if (predicted[i] && actual[i]) tp++;
            else if (predicted[i]) fp++;
            else if (actual[i]) fn++;
            else tn++;
        }
        return new GroupMetrics(group, tp, fp, tn, fn);
    }
}

namespace Steward.Core.Alignment.Performance;

/// <summary>
/// ROC AUC and log loss from scores grouped by value, so that the rows can stay in DuckDB: feed
/// (score, positives, negatives) in descending score order. ROC AUC as sklearn.metrics.roc_auc_score
/// (trapezoids; tied scores are one diagonal step), log loss as sklearn.metrics.log_loss (probabilities
/// clipped to [2⁻⁵², 1 − 2⁻⁵²], the pair (1 − p, p) renormalised).
/// </summary>
public sealed class ScoreCurve
{
    private static readonly double Epsilon = Math.Pow(2, -52);

    private long positives;
    private long negatives;
    private double twiceArea;
    private double loss;
    private double? lastScore;

    /// <summary>Adds the rows with score <paramref name="score"/>; scores must come in strictly descending order.</summary>
    public void Add(double score, long positivesAtScore, long negativesAtScore)
    {
        // (A NaN score, which DuckDB sorts first, passes and makes both metrics NaN.)
        if (lastScore is { } last && score >= last)
            throw new InvalidOperationException($"scores must be added in descending order ({score} after {last})");
        lastScore = score;
        // Twice the area in units of (1 negative × 1 positive): the trapezoid under this step.
        twiceArea += (double)negativesAtScore * (2 * positives + positivesAtScore);
        positives += positivesAtScore;
        negatives += negativesAtScore;
        var p = Math.Clamp(score, Epsilon, 1 - Epsilon);
        var q = 1 - p;
        loss += positivesAtScore * -Math.Log(p / (p + q)) + negativesAtScore * -Math.Log(q / (p + q));
    }

    public long Count => positives + negatives;

    /// <summary>NaN unless both classes occur.</summary>
    public double RocAuc => positives == 0 || negatives == 0 ? double.NaN : twiceArea / 2.0 / ((double)positives * negatives);

    /// <summary>NaN without rows.</summary>
    public double LogLoss => Count == 0 ? double.NaN : loss / Count;
}

namespace Steward.Core.Alignment.Explainability;

/// <summary>The loss whose increase measures a feature's importance.</summary>
public enum ImportanceLoss
{
    /// <summary>Binary cross-entropy of 0/1 labels and predicted probabilities (scikit-learn's <c>neg_log_loss</c>).</summary>
    LogLoss,

    /// <summary>Mean squared error (scikit-learn's <c>neg_mean_squared_error</c>): any numeric label.</summary>
    SquaredError,
}

public static class ImportanceLosses
{
    public const string LogLossName = "log_loss";
    public const string SquaredErrorName = "squared_error";

    /// <summary>
    /// scikit-learn's clipping of probabilities before the logarithm (<c>eps="auto"</c>: the float64
    /// machine epsilon), so a predicted 0 or 1 costs a large but finite loss.
    /// </summary>
    private const double Epsilon = 2.220446049250313e-16;

    public static string Name(this ImportanceLoss loss) => loss == ImportanceLoss.LogLoss ? LogLossName : SquaredErrorName;

    public static ImportanceLoss Parse(string name) => name switch
    {
        LogLossName => ImportanceLoss.LogLoss,
        SquaredErrorName => ImportanceLoss.SquaredError,
        _ => throw new StewardInputException($"unknown loss '{name}' ({LogLossName}, {SquaredErrorName})"),
    };

    /// <summary>
    /// <see cref="ImportanceLoss.LogLoss"/> when every label is 0 or 1 and every logged score a probability,
    /// else <see cref="ImportanceLoss.SquaredError"/>.
    /// </summary>
    public static ImportanceLoss Choose(IReadOnlyList<double> labels, IReadOnlyList<double> scores) =>
        labels.All(l => l is 0 or 1) && scores.All(s => s is >= 0 and <= 1) ? ImportanceLoss.LogLoss : ImportanceLoss.SquaredError;

    /// <summary>The mean loss of <paramref name="predictions"/> against <paramref name="labels"/>.</summary>
    public static double Mean(this ImportanceLoss loss, IReadOnlyList<double> labels, IReadOnlyList<double> predictions)
    {
        var sum = 0.0;
        for (var i = 0; i < labels.Count; i++)
        {
            var p = predictions[i];
            if (loss == ImportanceLoss.SquaredError)
            {
                var d = labels[i] - p;
                sum += d * d;
                continue;
            }
            p = Math.Clamp(p, Epsilon, 1 - Epsilon);
            sum -= labels[i] == 1 ? Math.Log(p) : Math.Log(1 - p);
        }
        return sum / labels.Count;
    }
}

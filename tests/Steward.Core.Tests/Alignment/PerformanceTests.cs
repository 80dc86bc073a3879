using Steward.Core.Alignment.Performance;

namespace Steward.Core.Tests.Alignment;

/// <summary>
/// Expected values from scikit-learn 1.2.1:
/// <c>y = [1,0,1,1,0,0,1,0,1,1,0,1]; s = [0.9,0.1,0.8,0.4,0.4,0.6,0.7,0.2,0.4,1.0,0.0,0.55]; p = (s &gt;= 0.5)</c>;
/// regression <c>yr = [3.0,-0.5,2.0,7.0,0.0,1.5]; pr = [2.5,0.0,2.0,8.0,0.1,1.0]</c>.
/// </summary>
public class PerformanceTests
{
    private static readonly bool[] Y = [.. new[] { 1, 0, 1, 1, 0, 0, 1, 0, 1, 1, 0, 1 }.Select(v => v == 1)];
    private static readonly double[] S = [0.9, 0.1, 0.8, 0.4, 0.4, 0.6, 0.7, 0.2, 0.4, 1.0, 0.0, 0.55];
    private static readonly bool[] P = [.. S.Select(s => s >= 0.5)];

    [Fact]
    public void Classification_metrics_match_sklearn()
    {
        // metrics.accuracy_score/precision_score/recall_score/f1_score(y, p)
        Approx.Equal(ClassificationMetrics.Accuracy(Y, P), 0.75, 1e-15);
        Approx.Equal(ClassificationMetrics.Precision(Y, P), 0.8333333333333334, 1e-15);
        Approx.Equal(ClassificationMetrics.Recall(Y, P), 0.7142857142857143, 1e-15);
        Approx.Equal(ClassificationMetrics.F1(Y, P), 0.7692307692307692, 1e-15);
    }

    [Fact]
    public void Roc_auc_with_tied_scores_matches_sklearn()
    {
        // metrics.roc_auc_score(y, s) -> 0.8857142857142857 (three samples tie at 0.4, two positives one negative)
        Approx.Equal(ClassificationMetrics.RocAuc(Y, S), 0.8857142857142857, 1e-14);
    }

    [Fact]
    public void Log_loss_matches_sklearn_with_clipping()
    {
        // metrics.log_loss(y, s) -> 0.4059348248355734 (s contains 0.0 and 1.0, clipped to eps)
        Approx.Equal(ClassificationMetrics.LogLoss(Y, S), 0.4059348248355734, 1e-14);
    }

    [Fact]
    public void Regression_metrics_match_sklearn()
    {
        double[] yr = [3.0, -0.5, 2.0, 7.0, 0.0, 1.5];
        double[] pr = [2.5, 0.0, 2.0, 8.0, 0.1, 1.0];
        // mean_absolute_error -> 0.43333333333333335; mean_squared_error(squared=False) -> 0.5416025603090641
        // mean_absolute_percentage_error -> 75059993789508.55 (y = 0 divides by float64 eps)
        Approx.Equal(RegressionMetrics.MeanAbsoluteError(yr, pr), 0.43333333333333335, 1e-15);
        Approx.Equal(RegressionMetrics.RootMeanSquaredError(yr, pr), 0.5416025603090641, 1e-15);
        Approx.Equal(RegressionMetrics.MeanAbsolutePercentageError(yr, pr), 75059993789508.55, 1e-14);
    }

    [Fact]
    public void Roc_auc_needs_both_classes()
    {
        var act = () => ClassificationMetrics.RocAuc([true, true], [0.1, 0.2]);
        act.Should().Throw<ArgumentException>();
    }
}

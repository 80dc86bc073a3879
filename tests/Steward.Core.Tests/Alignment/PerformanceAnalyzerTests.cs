using System.Globalization;
using Steward.Core.Alignment.Performance;

namespace Steward.Core.Tests.Alignment;

/// <summary>
/// The same samples as <see cref="PerformanceTests"/>, read from a CSV file and aggregated in DuckDB.
/// scikit-learn 1.2.1: accuracy 0.75, precision 0.8333333333333334, recall 0.7142857142857143,
/// f1 0.7692307692307692, roc_auc_score 0.8857142857142857, log_loss 0.4059348248355734;
/// regression MAE 0.43333333333333335, RMSE 0.5416025603090641, MAPE 75059993789508.55.
/// </summary>
public class PerformanceAnalyzerTests
{
    private static readonly int[] Y = [1, 0, 1, 1, 0, 0, 1, 0, 1, 1, 0, 1];
    private static readonly double[] S = [0.9, 0.1, 0.8, 0.4, 0.4, 0.6, 0.7, 0.2, 0.4, 1.0, 0.0, 0.55];

    private static string ClassificationCsv(TempFiles files) => files.Write("cls.csv",
        "label,score,predicted\n" + string.Concat(Y.Zip(S).Select(p =>
            string.Create(CultureInfo.InvariantCulture, $"{(p.First == 1 ? "yes" : "no")},{p.Second:R},{(p.Second >= 0.5 ? "yes" : "no")}\n"))));

    [Fact]
    public void Classification_from_a_score_column()
    {
        using var files = new TempFiles();
        var r = PerformanceAnalyzer.Classification(ClassificationCsv(files), new PerformanceOptions { Label = "label", PositiveLabel = "yes", Score = "score" });
        r.Count.Should().Be(12);
        Approx.Equal(r.Accuracy, 0.75, 1e-15);
        Approx.Equal(r.Precision, 0.8333333333333334, 1e-15);
        Approx.Equal(r.Recall, 0.7142857142857143, 1e-15);
        Approx.Equal(r.F1, 0.7692307692307692, 1e-15);
        Approx.Equal(r.RocAuc, 0.8857142857142857, 1e-14);
        Approx.Equal(r.LogLoss, 0.4059348248355734, 1e-13);
    }

    [Fact]
    public void Classification_from_a_prediction_column()
    {
        using var files = new TempFiles();
        var r = PerformanceAnalyzer.Classification(ClassificationCsv(files),
            new PerformanceOptions { Label = "label", PositiveLabel = "yes", Prediction = "predicted", PositivePredictions = ["yes"] });
        Approx.Equal(r.F1, 0.7692307692307692, 1e-15);
        double.IsNaN(r.RocAuc).Should().BeTrue();
    }

    [Fact]
    public void Regression_errors()
    {
        using var files = new TempFiles();
        var path = files.Write("reg.csv", "y,yhat\n3.0,2.5\n-0.5,0.0\n2.0,2.0\n7.0,8.0\n0.0,0.1\n1.5,1.0\n");
        var r = PerformanceAnalyzer.Regression(path, new PerformanceOptions { Label = "y", Prediction = "yhat", Regression = true });
        Approx.Equal(r.MeanAbsoluteError, 0.43333333333333335, 1e-15);
        Approx.Equal(r.RootMeanSquaredError, 0.5416025603090641, 1e-15);
        Approx.Equal(r.MeanAbsolutePercentageError, 75059993789508.55, 1e-14);
        var bad = files.Write("bad.csv", "y,yhat\n1,2\n2,x\n");
        var act = () => PerformanceAnalyzer.Regression(bad, new PerformanceOptions { Label = "y", Prediction = "yhat", Regression = true });
        act.Should().Throw<StewardInputException>().WithMessage("*bad.csv: row 2, column 'yhat': 'x' is not a number*");
    }
}

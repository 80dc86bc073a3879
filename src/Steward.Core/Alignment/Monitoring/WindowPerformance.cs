using System.Data.Common;
using System.Globalization;
using Steward.Core.Alignment.Performance;
using Steward.Core.Governance.Kinds;
using Steward.Core.Storage;

namespace Steward.Core.Alignment.Monitoring;

/// <summary>
/// Classification performance of one window of the inference log over the rows that have a label,
/// aggregated in DuckDB: confusion counts in one query (scikit-learn's definitions, as
/// <see cref="PerformanceAnalyzer"/>), ROC AUC and log loss from the scores grouped by value (<see cref="ScoreCurve"/>).
/// </summary>
internal static class WindowPerformance
{
    /// <summary>Metrics from predicted classes.</summary>
    public static readonly IReadOnlyList<string> ClassMetrics = ["accuracy", "precision", "recall", "f1"];

    /// <summary>Metrics from the score column.</summary>
    public static readonly IReadOnlyList<string> ScoreMetrics = ["log_loss", "roc_auc"];

    /// <summary>Adds the wanted metrics that the window's labelled rows define to <paramref name="metrics"/>.</summary>
    public static void Compute(DbConnection connection, ModelMonitor monitor, string window, IDictionary<string, double> metrics)
    {
        if (monitor.Label is null)
            return;
        var labelled = $"{window} AND {InferenceSql.Label(monitor)} IS NOT NULL";
        var actual = InferenceSql.ActualPositive(monitor);
        if (monitor.Metrics.Keys.Any(ClassMetrics.Contains) && InferenceSql.PredictedPositive(monitor) is { } predicted)
            Classes(connection, predicted, actual, labelled, metrics);
        if (monitor.Metrics.Keys.Any(ScoreMetrics.Contains) && monitor.Score is { } score)
            Scores(connection, InferenceSql.Score(score), actual, labelled, metrics);
    }

    private static void Classes(DbConnection connection, string predicted, string actual, string labelled, IDictionary<string, double> metrics)
    {
        using var command = StoreSql.Command(connection,
            "SELECT count(*) FILTER (WHERE p AND l), count(*) FILTER (WHERE p AND NOT l), " +
            "count(*) FILTER (WHERE NOT p AND NOT l), count(*) FILTER (WHERE NOT p AND l) " +
            $"FROM (SELECT {predicted} AS p, {actual} AS l FROM inferences WHERE {labelled}) WHERE p IS NOT NULL");
        using var r = command.ExecuteReader();
        r.Read();
        var (tp, fp, tn, fn) = (Long(r.GetValue(0)), Long(r.GetValue(1)), Long(r.GetValue(2)), Long(r.GetValue(3)));
        var n = tp + fp + tn + fn;
        if (n == 0)
            return;
        static double Ratio(long a, long b) => b == 0 ? 0 : (double)a / b;
        metrics["accuracy"] = Ratio(tp + tn, n);
        metrics["precision"] = Ratio(tp, tp + fp);
        metrics["recall"] = Ratio(tp, tp + fn);
        metrics["f1"] = Ratio(2 * tp, 2 * tp + fp + fn);
    }

    private static void Scores(DbConnection connection, string score, string actual, string labelled, IDictionary<string, double> metrics)
    {
        var curve = new ScoreCurve();
        using (var command = StoreSql.Command(connection,
            $"SELECT s, count(*) FILTER (WHERE l), count(*) FILTER (WHERE NOT l) " +
            $"FROM (SELECT {score} AS s, {actual} AS l FROM inferences WHERE {labelled}) WHERE s IS NOT NULL GROUP BY s ORDER BY s DESC"))
        using (var r = command.ExecuteReader())
            while (r.Read())
                curve.Add(r.GetDouble(0), Long(r.GetValue(1)), Long(r.GetValue(2)));
        // A window with one class only has no ROC curve: the metric is left out rather than judged.
        if (double.IsFinite(curve.RocAuc))
            metrics["roc_auc"] = curve.RocAuc;
        if (double.IsFinite(curve.LogLoss))
            metrics["log_loss"] = curve.LogLoss;
    }

    private static long Long(object value) => Convert.ToInt64(value, CultureInfo.InvariantCulture);
}

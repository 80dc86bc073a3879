using System.Globalization;
using DuckDB.NET.Data;
using Steward.Core.Alignment.Data;

namespace Steward.Core.Alignment.Performance;

/// <summary>Which columns hold the truth and the model's output.</summary>
public sealed record PerformanceOptions
{
    /// <summary>Ground truth: a class label (classification) or a number (regression).</summary>
    public required string Label { get; init; }

    /// <summary>Label value that counts as positive (classification).</summary>
    public string PositiveLabel { get; init; } = "1";

    /// <summary>Predicted class (classification) or predicted value (regression).</summary>
    public string? Prediction { get; init; }

    /// <summary>Prediction values that count as positive (classification).</summary>
    public IReadOnlyList<string> PositivePredictions { get; init; } = ["1"];

    /// <summary>Probability of the positive class: enables ROC AUC and log loss; without a prediction column the class is score ≥ threshold.</summary>
    public string? Score { get; init; }

    public double Threshold { get; init; } = 0.5;

    public bool Regression { get; init; }
}

/// <summary>Classification metrics of one table (NaN where not computable, e.g. AUC without a score).</summary>
public sealed record ClassificationReport(long Count, double Accuracy, double Precision, double Recall, double F1, double RocAuc, double LogLoss);

/// <summary>Regression metrics of one table.</summary>
public sealed record RegressionReport(long Count, double MeanAbsoluteError, double RootMeanSquaredError, double MeanAbsolutePercentageError);

/// <summary>
/// Model performance on a table file, aggregated in DuckDB: confusion counts with one query, ROC AUC and
/// log loss from (score, positives, negatives) grouped and sorted by score, regression errors from one
/// ordered stream, so that no column is held in memory.
/// </summary>
public static class PerformanceAnalyzer
{
    public static ClassificationReport Classification(string path, PerformanceOptions options)
    {
        var reader = TableFile.ReaderSql(path);
        using var connection = TableFile.OpenInMemory();
        return TableFile.Guard(path, () =>
        {
            var columns = Prepare(connection, path, reader, [options.Label, options.Prediction, options.Score]);
            var actual = TableFile.EqualsAny(columns[options.Label], [options.PositiveLabel]);
            string predicted;
            if (options.Prediction is { } prediction)
                predicted = TableFile.EqualsAny(columns[prediction], options.PositivePredictions);
            else if (options.Score is { } score)
                predicted = $"CAST({TableFile.Quote(score)} AS DOUBLE) >= {options.Threshold.ToString("R", CultureInfo.InvariantCulture)}";
            else
                throw new StewardInputException("a prediction or a score column is required");
            if (options.Score is { } s)
                EnsureNumeric(connection, path, s);

            long tp = 0, fp = 0, tn = 0, fn = 0;
            using (var command = connection.CreateCommand())
            {
                command.CommandText =
                    "SELECT count(*) FILTER (WHERE p AND l), count(*) FILTER (WHERE p AND NOT l), " +
                    "count(*) FILTER (WHERE NOT p AND NOT l), count(*) FILTER (WHERE NOT p AND l) " +
                    $"FROM (SELECT ({predicted}) AS p, ({actual}) AS l FROM {Table})";
                using var rows = command.ExecuteReader();
                rows.Read();
                (tp, fp, tn, fn) = (rows.GetInt64(0), rows.GetInt64(1), rows.GetInt64(2), rows.GetInt64(3));
            }
            var n = tp + fp + tn + fn;
            double Ratio(long a, long b) => b == 0 ? 0 : (double)a / b;
            var (auc, logLoss) = options.Score is { } scoreColumn ? ScoreMetrics(connection, scoreColumn, actual) : (double.NaN, double.NaN);
            return new ClassificationReport(n, Ratio(tp + tn, n), Ratio(tp, tp + fp), Ratio(tp, tp + fn), Ratio(2 * tp, 2 * tp + fp + fn), auc, logLoss);
        });
    }

    /// <summary>ROC AUC (ties as one diagonal step, as sklearn) and log loss (clipped at float64 epsilon) from scores grouped in DuckDB.</summary>
    private static (double Auc, double LogLoss) ScoreMetrics(DuckDBConnection connection, string score, string actual)
    {
        using var command = connection.CreateCommand();
        command.CommandText =
            $"SELECT s, count(*) FILTER (WHERE l), count(*) FILTER (WHERE NOT l) FROM " +
            $"(SELECT CAST({TableFile.Quote(score)} AS DOUBLE) AS s, ({actual}) AS l FROM {Table}) GROUP BY s ORDER BY s DESC";
        using var rows = command.ExecuteReader();
        var curve = new ScoreCurve();
        while (rows.Read())
            curve.Add(rows.GetDouble(0), rows.GetInt64(1), rows.GetInt64(2));
        return (curve.RocAuc, curve.LogLoss);
    }

    public static RegressionReport Regression(string path, PerformanceOptions options)
    {
        var reader = TableFile.ReaderSql(path);
        using var connection = TableFile.OpenInMemory();
        return TableFile.Guard(path, () =>
        {
            if (options.Prediction is null) throw new StewardInputException("a prediction column is required");
            Prepare(connection, path, reader, [options.Label, options.Prediction]);
            EnsureNumeric(connection, path, options.Label);
            EnsureNumeric(connection, path, options.Prediction);
            using var command = connection.CreateCommand();
            // File order keeps the sums deterministic (a parallel SUM could differ in the last bits).
            command.CommandText =
                $"SELECT CAST({TableFile.Quote(options.Label)} AS DOUBLE), CAST({TableFile.Quote(options.Prediction)} AS DOUBLE) " +
                $"FROM (SELECT row_number() OVER () AS rn, * FROM {Table}) ORDER BY rn";
            using var rows = command.ExecuteReader();
            var eps = Math.Pow(2, -52);
            long n = 0;
            double absolute = 0, squared = 0, percentage = 0;
            while (rows.Read())
            {
                var y = rows.GetDouble(0);
                var p = rows.GetDouble(1);
                n++;
                absolute += Math.Abs(y - p);
                squared += (y - p) * (y - p);
                percentage += Math.Abs(y - p) / Math.Max(Math.Abs(y), eps);
            }
            return new RegressionReport(n, absolute / n, Math.Sqrt(squared / n), percentage / n);
        });
    }

    private const string Table = "steward_performance";

    private static Dictionary<string, TableColumn> Prepare(DuckDBConnection connection, string path, string reader, IEnumerable<string?> needed)
    {
        using (var command = connection.CreateCommand())
        {
            command.CommandText = reader.StartsWith("read_parquet", StringComparison.Ordinal)
                ? $"CREATE VIEW {Table} AS SELECT * FROM {reader}"
                : $"CREATE TABLE {Table} AS SELECT * FROM {reader}";
            command.ExecuteNonQuery();
        }
        if (Convert.ToInt64(TableFile.Scalar(connection, $"SELECT count(*) FROM {Table}"), CultureInfo.InvariantCulture) == 0)
            throw new StewardInputException($"{path}: the table has no rows");
        var columns = TableFile.Describe(connection, Table).ToDictionary(c => c.Name, StringComparer.Ordinal);
        foreach (var name in needed.OfType<string>())
        {
            if (!columns.ContainsKey(name))
                throw new StewardInputException($"{path}: no column '{name}' (columns: {string.Join(", ", columns.Keys)})");
            var nullRow = TableFile.Scalar(connection,
                $"SELECT rn FROM (SELECT row_number() OVER () AS rn, {TableFile.Quote(name)} AS v FROM {Table}) WHERE v IS NULL ORDER BY rn LIMIT 1");
            if (nullRow is not null)
                throw new StewardInputException($"{path}: row {nullRow}, column '{name}': value is missing");
        }
        return columns;
    }

    private static void EnsureNumeric(DuckDBConnection connection, string path, string column)
    {
        if (TableFile.FirstNonNumeric(connection, Table, column) is { } bad)
            throw new StewardInputException($"{path}: row {bad.Row}, column '{column}': '{bad.Value}' is not a number");
    }
}

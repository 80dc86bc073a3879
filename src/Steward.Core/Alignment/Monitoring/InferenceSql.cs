using System.Globalization;
using Steward.Core.Governance.Kinds;

namespace Steward.Core.Alignment.Monitoring;

/// <summary>SQL fragments over the store's <c>inferences</c> table, whose logged columns live in the JSON <c>data</c>.</summary>
internal static class InferenceSql
{
    /// <summary>A logged column as text (NULL when the row lacks it).</summary>
    public static string Field(string column) => $"json_extract_string(data, {Literal("$.\"" + column.Replace("\"", "\\\"") + "\"")})";

    /// <summary>The label: one joined later by <c>steward ingest labels</c>, else the log's label column.</summary>
    public static string Label(ModelMonitor monitor) => $"coalesce(label, {Field(monitor.Label!)})";

    /// <summary>Whether the label is the positive class (NULL without a label).</summary>
    public static string ActualPositive(ModelMonitor monitor) => PositiveClass.Sql(Label(monitor), [monitor.PositiveLabel]);

    /// <summary>
    /// Whether the model predicted the positive class: from the prediction column, or without one from
    /// score ≥ scoreThreshold; null when the monitor has neither.
    /// </summary>
    public static string? PredictedPositive(ModelMonitor monitor) => (monitor.Prediction, monitor.Score) switch
    {
        ({ } prediction, _) => PositiveClass.Sql(Field(prediction), monitor.PositivePredictions),
        (null, { } score) => $"({Score(score)} >= {monitor.ScoreThreshold.ToString("R", CultureInfo.InvariantCulture)})",
        _ => null,
    };

    public static string Score(string column) => $"TRY_CAST({Field(column)} AS DOUBLE)";

    /// <summary>'1', '0' or NULL: a predicate as the text FairnessAnalyzer compares with its default positive value.</summary>
    public static string AsClass(string predicate) => $"CASE WHEN {predicate} THEN '1' WHEN NOT {predicate} THEN '0' END";

    public static string Literal(string text) => Ingest.InferenceScope.Literal(text);

    public static string Timestamp(DateTime value) => Ingest.InferenceScope.Timestamp(value);
}

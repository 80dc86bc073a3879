using System.Globalization;
using Steward.Core.Alignment.Ingest;
using Steward.Core.Alignment.Monitoring;

namespace Steward.Core.Alignment.Canary;

/// <summary>
/// Reads the inferences of one model version in [from, to) from a store's inference log, through the
/// monitors' window port (<see cref="IInferenceLog.OpenWindows"/>): the same SQL on a DuckDB store and on
/// the in-memory copy of a PostgreSQL window, so both engines give the same samples.
/// </summary>
public static class InferenceCanaryLog
{
    /// <summary>
    /// The inferences of <paramref name="version"/> of <paramref name="model"/>, oldest first, streamed (the window
    /// stays open while they are enumerated); the end open when <paramref name="to"/> is null.
    /// </summary>
    public static IEnumerable<CanaryInference> Read(IInferenceLog log, string model, string version, DateTime from, DateTime? to, CanaryLogColumns columns)
    {
        var scope = new InferenceScope(model, version, from, to);
        // The end of what the log holds when none is given: the end of the last day with inferences.
        var days = log.Windows(scope, WindowUnit.Day);
        if (days.Count == 0) yield break;
        var end = to ?? days[^1].Start.AddDays(1);
        using var windows = log.OpenWindows();
        windows.Load(scope, from, end);
        var prediction = columns.Prediction is null ? "NULL" : InferenceSql.Field(columns.Prediction);
        var group = columns.ProtectedAttribute is null ? "NULL" : InferenceSql.Field(columns.ProtectedAttribute);
        var drift = columns.Drift is null ? "NULL" : InferenceSql.Score(columns.Drift);
        using var command = windows.Connection.CreateCommand();
        command.CommandText = $"""
            SELECT ts, {InferenceSql.Score(columns.Latency)}, lower(trim({InferenceSql.Field(columns.Error)})),
                   {InferenceSql.Score(columns.Cost)}, {drift}, {group}, {prediction}
            FROM inferences WHERE {(scope with { To = end }).DuckDbPredicate()}
            ORDER BY ts, import_id, row_number
            """;
        using var r = command.ExecuteReader();
        while (r.Read())
        {
            yield return new CanaryInference(version, DateTime.SpecifyKind(r.GetDateTime(0), DateTimeKind.Utc),
                Double(r, 1), Boolean(r.IsDBNull(2) ? null : r.GetString(2)), Double(r, 3))
            {
                DriftValue = Double(r, 4),
                Group = r.IsDBNull(5) ? null : r.GetString(5),
                Positive = r.IsDBNull(6) ? null : r.GetString(6) == columns.PositiveLabel,
            };
        }
    }

    private static double? Double(System.Data.Common.DbDataReader r, int i) =>
        r.IsDBNull(i) ? null : Convert.ToDouble(r.GetValue(i), CultureInfo.InvariantCulture);

    private static bool? Boolean(string? text) => text switch
    {
        "true" or "1" => true,
        "false" or "0" => false,
        _ => null,
    };
}

using System.Data.Common;
using System.Globalization;
using Steward.Core.Governance.Kinds;
using Steward.Core.Storage;

namespace Steward.Core.Alignment.Monitoring;

/// <summary>
/// How an LLM's answers fare in one window of the inference log, the way teams watch safety and hallucination:
/// <code>
/// refusal_rate = rows whose spec.refusal column is true / rows where it is logged (true or false)
/// judge_score  = mean of the spec.judgeScore column over rows where it is logged (any numeric quality score)
/// </code>
/// A refusal flag is true/false, 1/0 or yes/no (any case); a value that is neither, or a judge score that is not a
/// finite number, is an input error naming the logged file, row and column rather than a row silently left out.
/// </summary>
internal static class WindowResponseQuality
{
    public const string RefusalRate = "refusal_rate";
    public const string JudgeScore = "judge_score";

    public static readonly IReadOnlyList<string> Metrics = [RefusalRate, JudgeScore];

    private const string True = "('true', '1', 'yes')";
    private const string False = "('false', '0', 'no')";

    /// <summary>A metric of this class needs its column named in the Monitor.</summary>
    public static void Require(ModelMonitor monitor, string metric)
    {
        if (metric == RefusalRate && monitor.Refusal is null)
            throw MonitorRunner.Error(monitor, "metrics", $"'{RefusalRate}' needs spec.refusal, the boolean column that marks a refused response");
        if (metric == JudgeScore && monitor.JudgeScore is null)
            throw MonitorRunner.Error(monitor, "metrics", $"'{JudgeScore}' needs spec.judgeScore, the numeric column of the response's quality score");
    }

    public static void Compute(DbConnection connection, ModelMonitor monitor, string window, IDictionary<string, double> metrics)
    {
        if (monitor.Metrics.ContainsKey(RefusalRate) && monitor.Refusal is { } refusal)
        {
            var flag = $"lower(trim({InferenceSql.Field(refusal)}))";
            Refuse(connection, monitor, window, refusal, $"{flag} NOT IN {True} AND {flag} NOT IN {False}", "is not a boolean (true/false, 1/0, yes/no)");
            using var command = StoreSql.Command(connection,
                $"SELECT count(*) FILTER (WHERE f IN {True}), count(f) FROM (SELECT {flag} AS f FROM inferences WHERE {window})");
            using var r = command.ExecuteReader();
            r.Read();
            var (refused, logged) = (Long(r.GetValue(0)), Long(r.GetValue(1)));
            if (logged > 0) metrics[RefusalRate] = (double)refused / logged;
        }
        if (monitor.Metrics.ContainsKey(JudgeScore) && monitor.JudgeScore is { } judge)
        {
            var text = InferenceSql.Field(judge);
            Refuse(connection, monitor, window, judge, $"NOT coalesce(isfinite(TRY_CAST({text} AS DOUBLE)), false)", "is not a number");
            using var command = StoreSql.Command(connection, $"SELECT avg(TRY_CAST({text} AS DOUBLE)), count({text}) FROM inferences WHERE {window}");
            using var r = command.ExecuteReader();
            r.Read();
            if (Long(r.GetValue(1)) > 0) metrics[JudgeScore] = r.GetDouble(0);
        }
    }

    /// <summary>The first logged value (by import and row) of <paramref name="column"/> that <paramref name="invalid"/> holds for, as an input error.</summary>
    private static void Refuse(DbConnection connection, ModelMonitor monitor, string window, string column, string invalid, string why)
    {
        var text = InferenceSql.Field(column);
        using var command = StoreSql.Command(connection,
            $"SELECT i.source_path, f.row_number, {text} FROM inferences f JOIN imports i USING (import_id) " +
            $"WHERE {window} AND {text} IS NOT NULL AND {invalid} ORDER BY f.import_id, f.row_number LIMIT 1");
        using var r = command.ExecuteReader();
        if (!r.Read())
            return;
        throw new StewardInputException(
            $"{r.GetString(0)}: row {r.GetValue(1)}, column '{column}': '{r.GetString(2)}' {why} " +
            $"(spec.{(column == monitor.Refusal ? "refusal" : "judgeScore")} of Monitor {monitor.Name}, {monitor.Object.File}:{monitor.Object.Location.Line})");
    }

    private static long Long(object value) => Convert.ToInt64(value, CultureInfo.InvariantCulture);
}

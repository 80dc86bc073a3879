using System.Text.Json;
using Steward.Core.Alignment.Canary;

namespace Steward.Core.Reporting.Canary;

/// <summary>
/// The JSON of <c>steward canary judge --format json</c> and of <c>POST /api/v1/canary/judge</c>, the
/// document an Argo Rollouts <c>AnalysisTemplate</c> web metric reads (<c>result.verdict</c>,
/// <c>result.score</c>): score, verdict, reason, thresholds, groups and metrics sorted by name.
/// A ratio that cannot be computed (a mean of 0) is null. With <c>--remediate</c>, a Failed verdict adds
/// <c>remediation</c>: the rollback commits and what could not be rolled back.
/// </summary>
public static class CanaryJson
{
    public static string Write(CanaryJudgement judgement, CanaryRemediation? remediation = null) => JsonValues.Object(w =>
    {
        w.WriteNumber("score", judgement.Score);
        w.WriteString("verdict", judgement.Verdict.ToString());
        w.StringOrNull("reason", judgement.Reason);
        w.WriteStartObject("thresholds");
        w.WriteNumber("pass", judgement.Thresholds.Pass);
        w.WriteNumber("marginal", judgement.Thresholds.Marginal);
        w.WriteEndObject();
        w.WriteStartArray("groups");
        foreach (var group in judgement.Groups)
        {
            w.WriteStartObject();
            w.WriteString("name", group.Name);
            w.WriteNumber("score", Math.Round(group.Score, 2));
            w.WriteBoolean("noData", group.NoData);
            w.WriteNumber("metrics", group.Metrics);
            w.WriteEndObject();
        }
        w.WriteEndArray();
        w.WriteStartArray("metrics");
        foreach (var metric in judgement.Metrics)
        {
            w.WriteStartObject();
            w.WriteString("name", metric.Name);
            w.WriteString("group", metric.Group);
            w.WriteString("classification", CanaryNames.Classification(metric.Classification.Label));
            w.StringOrNull("reason", metric.Classification.Reason);
            w.FiniteOrNull("ratio", metric.Classification.Ratio);
            w.WriteString("direction", CanaryNames.Direction(metric.Direction));
            w.WriteBoolean("critical", metric.Classification.Critical);
            w.WriteBoolean("muted", metric.Muted);
            Summary(w, "baseline", metric.Baseline);
            Summary(w, "canary", metric.Canary);
            w.WriteEndObject();
        }
        w.WriteEndArray();
        if (remediation is not null) Remediation(w, remediation);
    });

    private static void Remediation(Utf8JsonWriter w, CanaryRemediation remediation)
    {
        w.WriteStartObject("remediation");
        w.WriteStartArray("rollbacks");
        foreach (var r in remediation.Rollbacks)
        {
            w.WriteStartObject();
            w.WriteString("title", r.Title);
            w.WriteString("branch", r.Branch);
            w.WriteString("status", r.Status);
            w.WriteString("commit", r.Sha);
            w.WriteEndObject();
        }
        w.WriteEndArray();
        w.WriteStartArray("skipped");
        foreach (var reason in remediation.Skipped)
            w.WriteStringValue(reason);
        w.WriteEndArray();
        w.WriteEndObject();
    }

    private static void Summary(Utf8JsonWriter w, string name, MetricSummary summary)
    {
        w.WriteStartObject(name);
        w.WriteNumber("count", summary.Count);
        w.FiniteOrNull("mean", summary.Mean);
        w.FiniteOrNull("min", summary.Min);
        w.FiniteOrNull("max", summary.Max);
        w.FiniteOrNull("std", summary.Std);
        w.WriteEndObject();
    }
}

using System.Text.Json.Nodes;
using Steward.Core.Findings;
using Steward.Core.Policy;
using Steward.Core.Reporting;

namespace Steward.Core.GitOps.Audit;

/// <summary>What Steward writes into the audit log for each decision: check verdicts, findings, remediations and pushes.</summary>
public static class AuditRecorder
{
    public static void RecordCheck(AuditLog log, CheckResult result, string? revision)
    {
        log.Append("check", new JsonObject
        {
            ["repository"] = result.Repository,
            ["revision"] = revision,
            ["verdict"] = result.HasErrors ? "failed" : "passed",
            ["errors"] = result.Summary.Errors,
            ["warnings"] = result.Summary.Warnings,
            ["totalMonthlyUsd"] = Names.Cents(result.Cost.TotalMonthlyUsd),
        });
        foreach (var finding in result.Findings)
            log.Append("finding", FindingJson(finding));
    }

    public static JsonObject FindingJson(Finding finding)
    {
        using var stream = new MemoryStream();
        using (var writer = new System.Text.Json.Utf8JsonWriter(stream))
            JsonCheckReporter.WriteFinding(writer, finding);
        return (JsonObject)JsonNode.Parse(stream.ToArray())!;
    }
}

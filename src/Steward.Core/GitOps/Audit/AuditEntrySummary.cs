namespace Steward.Core.GitOps.Audit;

/// <summary>One line about an audit entry, as <c>steward audit log</c> and the dashboard's audit page show it.</summary>
public static class AuditEntrySummary
{
    public static string Of(AuditEntry entry)
    {
        var d = entry.Data;
        string? Text(string key) => d[key] is { } node ? node.ToString() : null;
        return entry.Type switch
        {
            "check" => $"{Text("verdict")}: {Text("errors")} error(s), {Text("warnings")} warning(s)",
            "finding" => $"{Text("ruleId")}: {Text("message")}",
            "remediation" => $"{Text("branch")}: {Text("title")}",
            "push" => $"{Text("branch")} → {Text("remote")} ({Text("status")})",
            "loop-step" => $"{Text("step")} {Text("status")}: {Text("summary")}",
            _ => d.ToJsonString(),
        };
    }
}

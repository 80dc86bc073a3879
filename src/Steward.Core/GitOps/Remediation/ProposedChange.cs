using Steward.Core.Findings;

namespace Steward.Core.GitOps.Remediation;

/// <summary>
/// One remediation: the finding it answers, what it changes (whole new file texts, by path relative
/// to the governance repository), and the words of its commit.
/// </summary>
public sealed record ProposedChange
{
    public required string Action { get; init; }
    public required Finding Finding { get; init; }
    public required string Title { get; init; }
    public required IReadOnlyDictionary<string, string> NewFiles { get; init; }
    public required IReadOnlyList<string> Details { get; init; }

    /// <summary>A stable id of the change's content: the same change gets the same branch.</summary>
    public string ShortId
    {
        get
        {
            var text = Action + "\n" + string.Join("\n", NewFiles.OrderBy(f => f.Key, StringComparer.Ordinal).Select(f => f.Key + "\n" + f.Value));
            return Convert.ToHexStringLower(System.Security.Cryptography.SHA256.HashData(System.Text.Encoding.UTF8.GetBytes(text)))[..10];
        }
    }

    public string Branch => $"steward/remediate-{ShortId}";

    public string CommitMessage()
    {
        var f = Finding;
        var where = f.Subject.File is null ? "" : $" {f.Subject.File}{(f.Subject.Line is { } l ? ":" + l : "")}";
        var evidence = string.Join(", ", f.Evidence.OrderBy(e => e.Key, StringComparer.Ordinal).Select(e => $"{e.Key}={Reporting.JsonValues.ToText(e.Value)}"));
        var lines = new List<string>
        {
            "steward: " + Title,
            "",
            $"Finding: {f.RuleId} ({Reporting.Names.Of(f.Severity)}){where}",
            "  " + f.Message,
        };
        if (evidence.Length > 0) lines.Add("Evidence: " + evidence);
        lines.Add("");
        lines.AddRange(Details);
        lines.Add("");
        lines.Add("Steward-Rule: " + f.RuleId);
        lines.Add("Steward-Action: " + Action);
        return string.Join("\n", lines) + "\n";
    }
}

/// <summary>A finding the engine could not turn into a change, and why.</summary>
public sealed record SkippedFinding(Finding Finding, string Reason);

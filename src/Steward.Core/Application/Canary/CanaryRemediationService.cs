using System.Globalization;
using Steward.Core.Alignment.Canary;
using Steward.Core.Application.Remediation;
using Steward.Core.Findings;
using Steward.Core.Governance.Kinds;

namespace Steward.Core.Application.Canary;

/// <summary>The canary's model version, and the governance repository whose workloads deploy it.</summary>
public sealed record CanaryRemediationRequest(string Folder, string Model, string CanaryVersion)
{
    /// <summary>The store whose audit log records each commit; null: none.</summary>
    public string? AuditStore { get; init; }
}

/// <summary>
/// Aborts a Failed canary in Git: the verdict becomes an alignment finding on the canary's model version
/// (rule <see cref="RuleId"/>), and the remediation engine rolls every workload deploying that version back
/// to the newest earlier version Git shows it ran that is still compliant (its model-version label and
/// images, as <c>steward remediate</c> does), each as a commit on its own steward/remediate-* branch.
/// </summary>
public sealed class CanaryRemediationService(RemediationService remediation)
{
    public const string RuleId = "canary/failed";

    /// <summary>Commits the rollback of a Failed judgement; null for any other verdict (nothing to abort).</summary>
    public CanaryRemediation? Remediate(CanaryJudgement judgement, CanaryRemediationRequest request)
    {
        if (judgement.Verdict != CanaryVerdict.Failed) return null;
        using var run = remediation.Start(new RemediationRequest
        {
            Folder = request.Folder,
            Findings = [Finding(judgement, request.Model, request.CanaryVersion)],
            Apply = true,
            AuditStore = request.AuditStore,
        });
        var rollbacks = new List<CanaryRollback>();
        foreach (var change in run.Plan.Changes)
        {
            var commit = run.Commit(change);
            rollbacks.Add(new CanaryRollback(change.Title, commit.Branch, commit.Status, commit.Sha));
        }
        return new CanaryRemediation(rollbacks, [.. run.Plan.Skipped.Select(s => s.Reason)]);
    }

    /// <summary>The Failed verdict as the finding the remediation engine acts on, with the numbers that failed.</summary>
    public static Finding Finding(CanaryJudgement judgement, string model, string canaryVersion)
    {
        var failed = judgement.Metrics.Where(m => m.Classification.Label is not MetricClassificationLabel.Pass)
            .Select(m => $"{m.Name} {m.Classification.Label}").ToList();
        var score = judgement.Score.ToString("0.##", CultureInfo.InvariantCulture);
        return new Finding
        {
            RuleId = RuleId,
            Severity = Severity.Error,
            Category = Category.Alignment,
            Subject = new Subject { Kind = StewardKinds.ModelVersion, Model = model, ModelVersion = canaryVersion },
            Message = $"canary {model} {canaryVersion} failed its analysis: score {score} below the marginal threshold {judgement.Thresholds.Marginal.ToString(CultureInfo.InvariantCulture)}"
                      + (failed.Count > 0 ? $" ({string.Join(", ", failed)})" : "") + (judgement.Reason is { } reason ? $"; {reason}" : ""),
            Evidence = new Dictionary<string, object?>
            {
                ["score"] = judgement.Score,
                ["verdict"] = judgement.Verdict.ToString(),
                ["marginal"] = judgement.Thresholds.Marginal,
            },
            SuggestedAction = "Roll the canary back to the version before it and look into the metrics that were not Pass.",
        };
    }
}

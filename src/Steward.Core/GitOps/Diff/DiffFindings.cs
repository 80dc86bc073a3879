using Steward.Core.Findings;

namespace Steward.Core.GitOps.Diff;

/// <summary>
/// Diff results as findings (category gitops). Git is the truth: a drifted object is reported,
/// not changed; the reconciler (Argo CD, Flux) re-applies it.
/// </summary>
public static class DiffFindings
{
    public const string Drift = "live-drift";
    public const string Missing = "live-missing";
    public const string Extra = "live-extra";

    public static IEnumerable<Finding> From(DiffReport report)
    {
        foreach (var o in report.Objects.Where(o => o.Status != SyncStatus.Synced))
        {
            var subject = new Subject
            {
                File = o.Location?.File,
                Line = o.Location?.Line,
                Column = o.Location?.Column,
                Kind = o.Identity.Kind,
                Name = o.Identity.Name,
                Namespace = o.Identity.Namespace,
            };
            yield return o.Status switch
            {
                SyncStatus.OutOfSync => new Finding
                {
                    RuleId = Drift,
                    Severity = Severity.Warning,
                    Category = Category.GitOps,
                    Subject = subject,
                    Message = $"{o.Identity} is OutOfSync: {string.Join(", ", o.Diffs.Select(d => d.Path))} changed live",
                    Evidence = new Dictionary<string, object?>
                    {
                        ["diffs"] = o.Diffs.Select(d => new SortedDictionary<string, object?>(StringComparer.Ordinal)
                        {
                            ["path"] = d.Path, ["desired"] = d.Desired, ["live"] = d.Live,
                        }).ToList(),
                    },
                    SuggestedAction = "Let the GitOps reconciler re-apply the object, or commit the live change to Git if it is intended.",
                },
                SyncStatus.Missing => new Finding
                {
                    RuleId = Missing,
                    Severity = Severity.Error,
                    Category = Category.GitOps,
                    Subject = subject,
                    Message = $"{o.Identity} is in Git but not live",
                    SuggestedAction = "Check the reconciler's sync status and events for this object.",
                },
                _ => new Finding
                {
                    RuleId = Extra,
                    Severity = Severity.Warning,
                    Category = Category.GitOps,
                    Subject = subject,
                    Message = $"{o.Identity} is live and labelled as managed, but not in Git",
                    SuggestedAction = "Add the object to Git or delete it from the cluster (prune).",
                },
            };
        }
    }
}

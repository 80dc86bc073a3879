using Steward.Core.Alignment.Monitoring;
using Steward.Core.Findings;
using Steward.Core.Governance;
using Steward.Core.Governance.Kinds;
using Steward.Core.Governance.Sources;
using Steward.Core.Kubernetes;
using Steward.Core.Policy;

namespace Steward.Core.GitOps.Remediation;

/// <summary>What the planner proposes, and the findings it leaves to people (with why).</summary>
public sealed record RemediationPlan(IReadOnlyList<ProposedChange> Changes, IReadOnlyList<SkippedFinding> Skipped);

/// <summary>
/// Turns findings into changes of the governance repository at HEAD:
/// a deployed model version that fails its thresholds or policies is rolled back to the
/// newest version that is compliant and that Git history shows deployed before; a Monitor's breach
/// gets the Monitor's <c>spec.remediation</c> for the workloads deploying the monitored version
/// (rollback to an older version, or scale down); a budget breach with action block scales the
/// scope's non-critical workloads down; live drift stays a finding (Git is the truth and the
/// reconciler re-applies it).
/// </summary>
public sealed class RemediationPlanner
{
    public const string CriticalLabel = ReplicaScaling.CriticalLabel;

    private readonly GitWorkspace _git;
    private readonly Func<CheckRunner> _checks;

    public RemediationPlanner(GitWorkspace git, Func<CheckRunner> checks)
    {
        _git = git;
        _checks = checks;
    }

    public RemediationPlan Plan(IReadOnlyList<Finding> findings)
    {
        var headFiles = _git.Files(_git.Head);
        var head = RepositoryLoader.Load(new InMemorySource(_git.Folder, headFiles));
        var changes = new List<ProposedChange>();
        var skipped = new List<SkippedFinding>();
        var handledWorkloads = new HashSet<string>(StringComparer.Ordinal);
        var handledBudgets = new HashSet<string>(StringComparer.Ordinal);
        var handledMonitors = new HashSet<string>(StringComparer.Ordinal);

        foreach (var finding in findings.OrderBy(f => f, FindingOrder.Instance))
        {
            if (finding.Suppressed is { } suppressed)
            {
                // An approved, unexpired exception: the finding is accepted for now, not remediated.
                skipped.Add(new SkippedFinding(finding, $"suppressed by exception {suppressed.Exception} until {suppressed.ExpiresAt}"));
                continue;
            }
            if (finding.Category == Category.GitOps)
            {
                skipped.Add(new SkippedFinding(finding, "live drift is reported, not changed: Git is the truth and the reconciler re-applies it"));
                continue;
            }
            if (IsBudgetBreach(finding))
            {
                if (handledBudgets.Add(finding.Subject.Name ?? ""))
                    Add(ScaleDown(finding, head, headFiles), finding, changes, skipped);
                continue;
            }
            if (MonitorFindings.IsMonitorBreach(finding))
            {
                // A Monitor's remediation is proposed once, for all of its breaches in the findings.
                if (finding.Severity >= Severity.Error && handledMonitors.Add($"{finding.Subject.Namespace}/{finding.Subject.Name}"))
                    PlanMonitorBreach(finding, findings, head, headFiles, handledWorkloads, changes, skipped);
                continue;
            }
            if (IsModelFailure(finding))
            {
                var workloads = AffectedWorkloads(finding, head).Where(w => handledWorkloads.Add(Key(w))).ToList();
                if (workloads.Count == 0)
                {
                    if (!AffectedWorkloads(finding, head).Any())
                        skipped.Add(new SkippedFinding(finding, "no workload deploys this model version"));
                    continue;
                }
                foreach (var workload in workloads)
                    Add(Rollback(finding, workload, head, headFiles), finding, changes, skipped);
                continue;
            }
            if (finding.Severity >= Severity.Error)
                skipped.Add(new SkippedFinding(finding, "no automatic remediation for this rule"));
        }
        return new RemediationPlan(changes, skipped);
    }

    private static void Add(object result, Finding finding, List<ProposedChange> changes, List<SkippedFinding> skipped)
    {
        if (result is ProposedChange change) changes.Add(change);
        else skipped.Add(new SkippedFinding(finding, (string)result));
    }

    private static string Key(Workload w) => $"{w.Kind}/{w.Namespace}/{w.Name}";

    private static bool IsBudgetBreach(Finding f) =>
        f.Severity >= Severity.Error && f.Category == Category.FinOps && f.Subject.Kind == StewardKinds.Budget;

    private static bool IsModelFailure(Finding f) =>
        f.Severity >= Severity.Error &&
        (f.RuleId == "model-evaluation" || f.Category == Category.Alignment || f.RuleId.StartsWith("policy/", StringComparison.Ordinal));

    /// <summary>The workloads a finding is about: those deploying its model version, or its own subject.</summary>
    private static IEnumerable<Workload> AffectedWorkloads(Finding finding, GovernanceRepository repo)
    {
        var settings = repo.Settings;
        var workloads = repo.Manifests.Select(Workload.From).OfType<Workload>();
        if (finding.Subject.Model is { } model && finding.Subject.ModelVersion is { } version && finding.Subject.Kind == StewardKinds.ModelVersion)
            return ModelWorkloads.Deploying(repo, model, version);
        return workloads.Where(w => w.Kind == finding.Subject.Kind && w.Name == finding.Subject.Name &&
                                    (finding.Subject.Namespace is null || w.Namespace == finding.Subject.Namespace) &&
                                    w.Label(settings.ModelLabel) is not null && w.Label(settings.ModelVersionLabel) is not null);
    }

    /// <summary>
    /// Applies the Monitor's remediation (read from HEAD, where Git keeps it) to the workloads that deploy the
    /// monitored model version: all of them when the Monitor watches every version.
    /// </summary>
    private void PlanMonitorBreach(Finding finding, IReadOnlyList<Finding> all, GovernanceRepository head, Dictionary<string, string> headFiles,
        HashSet<string> handledWorkloads, List<ProposedChange> changes, List<SkippedFinding> skipped)
    {
        var monitor = head.Monitors.FirstOrDefault(m => m.Name == finding.Subject.Name && m.Object.Namespace == finding.Subject.Namespace);
        if (monitor is null)
        {
            skipped.Add(new SkippedFinding(finding, $"Monitor {finding.Subject.Name} is not in the repository at HEAD"));
            return;
        }
        if (monitor.RemediationAction is not { Kind: not MonitorRemediationKind.Notify } remediation)
        {
            skipped.Add(new SkippedFinding(finding, monitor.RemediationAction is null
                ? $"Monitor {monitor.Name} names no spec.remediation"
                : $"Monitor {monitor.Name} has remediation {MonitorRemediation.Notify}: reported only"));
            return;
        }
        var model = finding.Subject.Model ?? monitor.Model;
        var version = finding.Subject.ModelVersion;
        var workloads = ModelWorkloads.Deploying(head, model, version).ToList();
        if (workloads.Count == 0)
        {
            skipped.Add(new SkippedFinding(finding, ModelWorkloads.NotDeployedReason(head, model, version)));
            return;
        }

        var breaches = all.Where(f => MonitorFindings.IsMonitorBreach(f) && f.Subject.Name == monitor.Name && f.Subject.Namespace == monitor.Object.Namespace)
            .GroupBy(f => f.RuleId[MonitorFindings.RulePrefix.Length..], StringComparer.Ordinal).OrderBy(g => g.Key, StringComparer.Ordinal)
            .Select(g => $"{g.Key} ({g.Count()} window(s))");
        List<string> preface =
        [
            $"Monitor {monitor.Name} ({monitor.Object.File}:{monitor.Object.Location.Line}) breached: {string.Join(", ", breaches)}; its remediation: {remediation}.",
        ];
        var subject = version is null ? model : $"{model} {version}";

        if (remediation.Kind == MonitorRemediationKind.ScaleDown)
        {
            var (files, details) = ReplicaScaling.Scale(workloads.Where(w => handledWorkloads.Add(Key(w))), remediation.ScaleTo, headFiles,
                new Autoscalers(head.Manifests));
            var target = remediation.ScaleTo;
            Add(files.Count == 0
                ? $"Monitor {monitor.Name}: no non-critical workload of {subject} above {target} replica(s)"
                : new ProposedChange
                {
                    Action = target == 0 ? "pause" : "scale-down",
                    Finding = finding,
                    Title = $"{(target == 0 ? "pause" : $"scale to {target} replica(s)")} the workloads of {subject} (Monitor {monitor.Name})",
                    NewFiles = files,
                    Details = [.. preface, .. details],
                }, finding, changes, skipped);
            return;
        }

        foreach (var workload in workloads.Where(w => handledWorkloads.Add(Key(w))))
        {
            // Only an older version: a newer one that ran before was replaced, and its catalog entry says nothing of production.
            var result = Rollback(finding, workload, head, headFiles, olderOnly: true);
            Add(result is ProposedChange change ? change with { Details = [.. preface, .. change.Details] } : result, finding, changes, skipped);
        }
    }

    private object Rollback(Finding finding, Workload workload, GovernanceRepository head, Dictionary<string, string> headFiles, bool olderOnly = false)
    {
        var settings = head.Settings;
        var model = workload.Label(settings.ModelLabel)!;
        var current = workload.Label(settings.ModelVersionLabel)!;

        // Versions this workload ran in earlier commits, with the images it ran them with (newest commit wins).
        var candidates = new Dictionary<string, (Workload Workload, string Commit, string Subject)>(StringComparer.Ordinal);
        foreach (var commit in _git.History().Skip(1))
        {
            var past = _git.TryLoad(commit);
            var then = past?.Manifests.Select(Workload.From).OfType<Workload>().FirstOrDefault(w => Key(w) == Key(workload));
            if (then is null || then.Label(past!.Settings.ModelLabel) != model) continue;
            var version = then.Label(past.Settings.ModelVersionLabel);
            if (version is null || version == current || candidates.ContainsKey(version)) continue;
            if (olderOnly && VersionOrder.Instance.Compare(version, current) > 0) continue;
            candidates[version] = (then, commit.Sha, commit.MessageShort);
        }
        if (candidates.Count == 0)
            return olderOnly
                ? $"{workload.Kind}/{workload.Name}: Git history shows no version of {model} older than {current} deployed"
                : $"{workload.Kind}/{workload.Name}: Git history shows no earlier version of {model} deployed";

        var rejected = new List<string>();
        foreach (var (version, (then, sha, subject)) in candidates.OrderByDescending(c => c.Key, VersionOrder.Instance))
        {
            var (newFiles, details) = RollbackEdit(workload, then, settings, current, version, headFiles);
            var problem = ComplianceProblem(finding, workload, model, version, headFiles, newFiles);
            if (problem is not null)
            {
                rejected.Add($"{version} ({problem})");
                continue;
            }
            details.Insert(0, $"Rollback target: {model} {version}, compliant now, deployed before at {sha[..7]} \"{subject}\".");
            if (rejected.Count > 0) details.Add("Newer versions not taken: " + string.Join("; ", rejected) + ".");
            return new ProposedChange
            {
                Action = "rollback",
                Finding = finding,
                Title = $"roll {workload.Kind} {workload.Namespace ?? "default"}/{workload.Name} back from {model} {current} to {version}",
                NewFiles = newFiles,
                Details = details,
            };
        }
        return $"{workload.Kind}/{workload.Name}: no earlier version of {model} is compliant ({string.Join("; ", rejected)})";
    }

    /// <summary>Edits the version label wherever the workload carries it, and each container image that differed then.</summary>
    private static (Dictionary<string, string> Files, List<string> Details) RollbackEdit(
        Workload workload, Workload then, Settings settings, string current, string target, Dictionary<string, string> headFiles)
    {
        var root = workload.Object.Node;
        var edits = new List<ScalarEdit>();
        var details = new List<string>();
        var (podSpecPath, templateLabelsPath) = YamlNodes.TemplatePaths(workload.Kind);
        foreach (var labels in new[] { new[] { "metadata", "labels" }, templateLabelsPath }.Distinct(new PathComparer()))
        {
            if (YamlNodes.Scalar(YamlNodes.At(root, labels), settings.ModelVersionLabel) is { } label && label.Value == current)
                edits.Add(ScalarEdit.Replace(label, target));
        }
        details.Add($"Change: {workload.Object.File}: {settings.ModelVersionLabel} {current} → {target}");

        var thenImages = YamlNodes.Containers(YamlNodes.At(then.Object.Node, podSpecPath))
            .ToDictionary(c => c.Name, c => YamlNodes.Scalar(c.Container, "image")?.Value, StringComparer.Ordinal);
        foreach (var (name, container) in YamlNodes.Containers(YamlNodes.At(root, podSpecPath)))
        {
            if (YamlNodes.Scalar(container, "image") is not { } image || !thenImages.TryGetValue(name, out var old) || old is null || old == image.Value) continue;
            edits.Add(ScalarEdit.Replace(image, old));
            details.Add($"Change: {workload.Object.File}: image of container {name} {image.Value} → {old}");
        }
        var files = new Dictionary<string, string>(StringComparer.Ordinal)
        {
            [workload.Object.File] = ScalarEdit.Apply(headFiles[workload.Object.File], edits),
        };
        return (files, details);
    }

    /// <summary>Null when the repository with the change passes the model rules for this workload and version.</summary>
    private string? ComplianceProblem(Finding finding, Workload workload, string model, string version, Dictionary<string, string> headFiles, Dictionary<string, string> newFiles)
    {
        var files = new Dictionary<string, string>(headFiles, StringComparer.Ordinal);
        foreach (var (path, text) in newFiles) files[path] = text;
        GovernanceRepository changed;
        try
        {
            changed = RepositoryLoader.Load(new InMemorySource(_git.Folder, files));
        }
        catch (StewardInputException ex)
        {
            return "the edited repository does not load: " + ex.Message;
        }
        if (changed.FindModel(model, version) is null) return "not in the catalog any more";
        var result = _checks().Run(changed);
        var blocking = result.Findings.FirstOrDefault(f => f.IsBlocking && (
            (f.Subject.Model == model && f.Subject.ModelVersion == version && f.Subject.Kind == StewardKinds.ModelVersion) ||
            (f.Subject.Kind == workload.Kind && f.Subject.Name == workload.Name && f.Subject.Namespace == workload.Namespace &&
             (f.RuleId == finding.RuleId || f.RuleId.StartsWith("model-", StringComparison.Ordinal) || f.RuleId.StartsWith("policy/", StringComparison.Ordinal)))));
        return blocking is null ? null : $"{blocking.RuleId}: {blocking.Message}";
    }

    private static object ScaleDown(Finding finding, GovernanceRepository head, Dictionary<string, string> headFiles)
    {
        var budget = head.Budgets.FirstOrDefault(b => b.Name == finding.Subject.Name);
        if (budget is null) return $"Budget {finding.Subject.Name} is not in the repository";
        if (budget.Action != BudgetAction.Block) return $"Budget {budget.Name} has action {budget.Action.ToString().ToLowerInvariant()}: notify only";
        var target = budget.ScaleTo ?? 0;
        var (files, details) = ReplicaScaling.Scale(
            head.Manifests.Select(Workload.From).OfType<Workload>().Where(w => w.IsCosted && budget.Selects(w.Labels)), target, headFiles,
            new Autoscalers(head.Manifests));
        if (files.Count == 0) return $"Budget {budget.Name}: no non-critical workload above {target} replicas";
        return new ProposedChange
        {
            Action = target == 0 ? "pause" : "scale-down",
            Finding = finding,
            Title = $"{(target == 0 ? "pause" : $"scale to {target} replica(s)")} the non-critical workloads of budget {budget.Name}",
            NewFiles = files,
            Details = details,
        };
    }

    private sealed class PathComparer : IEqualityComparer<string[]>
    {
        public bool Equals(string[]? x, string[]? y) => x is not null && y is not null && x.SequenceEqual(y);
        public int GetHashCode(string[] obj) => string.Join('/', obj).GetHashCode(StringComparison.Ordinal);
    }
}

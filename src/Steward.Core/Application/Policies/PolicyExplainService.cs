using Steward.Core.Application.Check;
using Steward.Core.Findings;
using Steward.Core.Governance;
using Steward.Core.Policy.Checks;
using Steward.Core.Policy.Exceptions;
using Steward.Core.Policy.Hierarchy;

namespace Steward.Core.Application.Policies;

/// <summary>
/// <c>steward policy explain</c>: checks the repository as <c>steward check</c> does, then, for each
/// object of one file, shows which levels of the policy hierarchy set the rule, which
/// PolicyExceptions cover the object, and the findings of the rule that remain.
/// </summary>
public sealed class PolicyExplainService(CheckService checks, TimeProvider clock)
{
    /// <param name="rule">A rule id (or a prefix, as exceptions and PolicySets name rules).</param>
    /// <param name="objectFile">The object's file, relative to the repository or a path inside it.</param>
    public PolicyExplanation Explain(string folder, string rule, string objectFile, CancellationToken cancellationToken = default)
    {
        var repository = RepositoryLoader.LoadFolder(folder);
        var file = RelativeFile(repository, objectFile);
        var objects = repository.AllObjects.Where(o => o.File == file).ToList();
        if (objects.Count == 0)
            throw new StewardInputException($"--object {objectFile}: no object of {repository.DisplayName} is read from {file}");
        var result = checks.Check(repository, cancellationToken: cancellationToken);
        var hierarchy = PolicyHierarchy.For(repository);
        var exceptions = ExceptionEvaluation.For(repository, clock.GetUtcNow());
        var subjects = SubjectObjects.Of(repository);
        var descriptor = result.Rules.FirstOrDefault(r => r.Id == rule);
        var verdicts = new List<ObjectVerdict>();
        foreach (var obj in objects)
        {
            var subject = Subjects.Of(obj);
            var findings = result.Findings.Where(f => Covers(rule, f.RuleId) && (f.Subject.File == obj.File && f.Subject.Kind == obj.Kind
                && f.Subject.Name == obj.Name && f.Subject.Namespace == obj.Namespace || Judged(f, obj))).ToList();
            // The levels act on the rule's finding as the organisation's settings leave it (the rule's default severity there).
            var probe = findings.FirstOrDefault() is { } first ? first with { Suppressed = null, Severity = descriptor?.DefaultSeverity ?? first.Severity } : new Finding
            {
                RuleId = rule,
                Severity = descriptor?.DefaultSeverity ?? Severity.Error,
                Category = descriptor?.Category ?? Category.Policy,
                Subject = subject,
                Message = "",
            };
            var levels = new List<HierarchyStep>();
            hierarchy.Resolve(probe, subjects, levels);
            var covering = exceptions.Covering(probe, subjects)
                .Select(e => new ExceptionVerdict(e.Name, e.Object.File, e.ExpiresAtText, exceptions.IsActive(e), e.Approver, e.Reason)).ToList();
            verdicts.Add(new ObjectVerdict(obj.Kind, obj.Namespace, obj.Name, obj.Location.Line, levels, covering, findings, Verdict(findings, levels))
            {
                Thresholds = Covers(rule, EvaluationRule) ? Thresholds(repository, obj, subject, subjects) : [],
            });
        }
        return new PolicyExplanation(rule, file, verdicts);
    }

    /// <summary>A model-evaluation finding about the model a workload deploys names the workloads it judged.</summary>
    private static bool Judged(Finding finding, Governance.RepositoryObject obj) =>
        finding.RuleId == EvaluationRule && finding.Evidence.GetValueOrDefault("deployedBy") is IEnumerable<string> by && by.Contains($"{obj.Kind}/{obj.Name}", StringComparer.Ordinal);

    /// <summary>The evaluation thresholds of the model a workload deploys, level by level; none for other objects.</summary>
    private static IReadOnlyList<ThresholdStep> Thresholds(GovernanceRepository repository, Governance.RepositoryObject obj, Subject subject, SubjectObjects subjects)
    {
        if (subjects.Of(subject) is not { Model: not null } facts) return [];
        var hierarchy = ThresholdHierarchy.For(repository);
        var steps = new List<ThresholdStep>();
        hierarchy.Resolve(hierarchy.Chain(subject, facts), steps);
        return steps;
    }

    private const string EvaluationRule = "model-evaluation";

    private static bool Covers(string rule, string ruleId) => rule == ruleId || Governance.Kinds.PolicyException.RuleMatches(rule, ruleId);

    private static string Verdict(List<Finding> findings, List<HierarchyStep> levels)
    {
        if (findings.Any(f => f.IsBlocking)) return "fails";
        if (findings.Any(f => f.Suppressed is null && f.Severity == Severity.Warning)) return "warns";
        if (findings.Any(f => f.Suppressed is null)) return "informs";
        if (findings.Count > 0) return "suppressed";
        return levels.Any(l => l.Outcome == "disabled") ? "disabled" : "passes";
    }

    /// <summary>The file as the repository names it: relative to its root; a path outside the root is refused.</summary>
    private static string RelativeFile(GovernanceRepository repository, string objectFile)
    {
        if (repository.Root is not { } root || !Path.IsPathRooted(objectFile) && !File.Exists(objectFile))
            return objectFile.Replace('\\', '/');
        var relative = Path.GetRelativePath(root, Path.GetFullPath(objectFile)).Replace('\\', '/');
        if (relative.StartsWith("../", StringComparison.Ordinal) || relative == ".." || Path.IsPathRooted(relative))
            throw new StewardInputException($"--object {objectFile}: outside the repository {repository.DisplayName}");
        return relative;
    }
}

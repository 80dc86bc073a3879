using Steward.Core.Findings;
using Steward.Core.Governance;
using Steward.Core.Policy.Checks;
using Steward.Core.Policy.Hierarchy;

namespace Steward.Core.Policy.Exceptions;

/// <summary>
/// Findings added to a finished check (the open monitor breaches of a store, <c>steward check --store</c>
/// and <c>GET /api/v1/findings</c>), governed as the check's own: the policy hierarchy, then the
/// PolicyExceptions at the same instant. An exception that covers one of them is used after all, so
/// the check's <c>exception-unused</c> warning about it is withdrawn.
/// </summary>
public static class AddedFindings
{
    public static CheckResult Govern(CheckResult result, GovernanceRepository repository, IReadOnlyList<Finding> added, IEnumerable<RuleDescriptor> rules, DateTimeOffset now)
    {
        if (added.Count == 0) return result;
        var objects = SubjectObjects.Of(repository);
        var hierarchy = PolicyHierarchy.For(repository);
        var governed = hierarchy.IsEmpty ? added : [.. added.Select(f => hierarchy.Resolve(f, objects, [])).OfType<Finding>()];
        var evaluation = ExceptionEvaluation.For(repository, now);
        if (evaluation.IsEmpty) return result.WithFindings(governed, rules);
        var used = new HashSet<string>(StringComparer.Ordinal);
        var suppressed = evaluation.Suppress(governed, objects, used);
        var usedFiles = repository.Exceptions.Where(e => used.Contains(e.Name)).Select(e => (e.Object.File, e.Object.Name)).ToHashSet();
        return result.WithFindings(suppressed, rules, keep: f => f.RuleId != ExceptionFindings.Unused || !usedFiles.Contains((f.Subject.File ?? "", f.Subject.Name ?? "")));
    }
}

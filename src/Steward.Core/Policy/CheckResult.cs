using Steward.Core.FinOps.Estimation;
using Steward.Core.Findings;
using Steward.Core.Policy.Checks;

namespace Steward.Core.Policy;

/// <summary>Counts of what a check run saw and found.</summary>
/// <remarks>
/// Errors, warnings and infos count the findings no PolicyException suppresses; <see cref="Suppressed"/>
/// counts the others (whatever their severity), and <see cref="Total"/> all of them.
/// </remarks>
public sealed record CheckSummary(int Errors, int Warnings, int Infos, int Objects, int Workloads, int Models, int Budgets, int Monitors, int Policies)
{
    /// <summary>Findings kept but suppressed by an active PolicyException.</summary>
    public int Suppressed { get; init; }

    public int Total => Errors + Warnings + Infos + Suppressed;

    /// <summary>The counts of a list of findings: by severity the unsuppressed ones, and the suppressed ones.</summary>
    public static (int Errors, int Warnings, int Infos, int Suppressed) Count(IReadOnlyCollection<Finding> findings) => (
        findings.Count(f => f.Suppressed is null && f.Severity >= Severity.Error),
        findings.Count(f => f.Suppressed is null && f.Severity == Severity.Warning),
        findings.Count(f => f.Suppressed is null && f.Severity == Severity.Info),
        findings.Count(f => f.Suppressed is not null));
}

/// <summary>Everything <c>steward check</c> reports: sorted findings, the rules that ran, and the cost of the desired state.</summary>
public sealed record CheckResult(
    string Repository,
    IReadOnlyList<Finding> Findings,
    IReadOnlyList<RuleDescriptor> Rules,
    CheckSummary Summary,
    CostEstimate Cost,
    CostChange? CostChange)
{
    /// <summary>Whether the gate fails: an error finding no PolicyException suppresses.</summary>
    public bool HasErrors => Findings.Any(f => f.IsBlocking);
    public bool HasWarnings => Findings.Any(f => f.Severity == Severity.Warning && f.Suppressed is null);

    /// <summary>
    /// This result with findings found outside the checks (the open monitor breaches of the store) sorted in,
    /// counted in the summary, and their rules listed.
    /// </summary>
    /// <param name="keep">Which of this result's findings stay (all by default): a PolicyException found to cover an added finding is no longer unused.</param>
    public CheckResult WithFindings(IReadOnlyList<Finding> extra, IEnumerable<RuleDescriptor> rules, Func<Finding, bool>? keep = null)
    {
        if (extra.Count == 0) return this;
        var findings = Findings.Where(f => keep?.Invoke(f) ?? true).Concat(extra).Order(FindingOrder.Instance).ToList();
        var allRules = Rules.Concat(rules).GroupBy(r => r.Id, StringComparer.Ordinal).Select(g => g.First())
            .OrderBy(r => r.Id, StringComparer.Ordinal).ToList();
        var counts = CheckSummary.Count(findings);
        return this with
        {
            Findings = findings,
            Rules = allRules,
            Summary = Summary with { Errors = counts.Errors, Warnings = counts.Warnings, Infos = counts.Infos, Suppressed = counts.Suppressed },
        };
    }
}

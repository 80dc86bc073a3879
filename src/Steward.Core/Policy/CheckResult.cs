using Steward.Core.FinOps.Estimation;
using Steward.Core.Findings;
using Steward.Core.Policy.Checks;

namespace Steward.Core.Policy;

/// <summary>Counts of what a check run saw and found.</summary>
public sealed record CheckSummary(int Errors, int Warnings, int Infos, int Objects, int Workloads, int Models, int Budgets, int Monitors, int Policies)
{
    public int Total => Errors + Warnings + Infos;
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
    public bool HasErrors => Findings.Any(f => f.Severity >= Severity.Error);
    public bool HasWarnings => Findings.Any(f => f.Severity == Severity.Warning);

    /// <summary>
    /// This result with findings found outside the checks (the open monitor breaches of the store) sorted in,
    /// counted in the summary, and their rules listed.
    /// </summary>
    public CheckResult WithFindings(IReadOnlyList<Finding> extra, IEnumerable<RuleDescriptor> rules)
    {
        if (extra.Count == 0) return this;
        var findings = Findings.Concat(extra).Order(FindingOrder.Instance).ToList();
        var allRules = Rules.Concat(rules).GroupBy(r => r.Id, StringComparer.Ordinal).Select(g => g.First())
            .OrderBy(r => r.Id, StringComparer.Ordinal).ToList();
        return this with
        {
            Findings = findings,
            Rules = allRules,
            Summary = Summary with
            {
                Errors = findings.Count(f => f.Severity >= Severity.Error),
                Warnings = findings.Count(f => f.Severity == Severity.Warning),
                Infos = findings.Count(f => f.Severity == Severity.Info),
            },
        };
    }
}

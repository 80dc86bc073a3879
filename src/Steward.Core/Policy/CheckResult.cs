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
}

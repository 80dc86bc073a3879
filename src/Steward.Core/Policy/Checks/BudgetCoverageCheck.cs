using Steward.Core.FinOps.Estimation;
using Steward.Core.Findings;

namespace Steward.Core.Policy.Checks;

/// <summary>
/// budget-coverage: every cost-allocation scope used by a workload (the value of the first
/// labels.costAllocation key) is covered: each of its workloads is selected by some Budget.
/// </summary>
public sealed class BudgetCoverageCheck : ICheck
{
    public RuleDescriptor Rule { get; } = new("budget-coverage", Severity.Warning, Category.FinOps,
        "Every cost scope has a budget",
        "Spend without a budget is never compared with anything; overruns are found on the invoice.");

    public IEnumerable<Finding> Run(CheckContext context)
    {
        var settings = context.Repository.Settings;
        if (settings.CostAllocationLabels.Count == 0) yield break;
        var key = settings.CostAllocationLabels[0];
        var budgets = context.Repository.Budgets;
        var scopes = context.Workloads
            .Where(w => w.Label(key) is { Length: > 0 })
            .GroupBy(w => w.Label(key)!, StringComparer.Ordinal)
            .OrderBy(g => g.Key, StringComparer.Ordinal);
        foreach (var scope in scopes)
        {
            var uncovered = scope.Where(w => !budgets.Any(b => b.Selects(w.Labels))).ToList();
            if (uncovered.Count == 0) continue;
            var first = uncovered[0];
            var monthly = context.Cost.Scopes.GetValueOrDefault(scope.Key);
            yield return new Finding
            {
                RuleId = Rule.Id,
                Severity = Rule.DefaultSeverity,
                Category = Rule.Category,
                Subject = Subjects.Of(first.Object) with { Scope = $"{key}={scope.Key}" },
                Message = $"{key}={scope.Key} has no Budget covering {string.Join(", ", uncovered.Select(w => $"{w.Kind}/{w.Name}"))}",
                Evidence = new Dictionary<string, object?>
                {
                    ["scope"] = $"{key}={scope.Key}",
                    ["workloads"] = uncovered.Select(w => $"{w.Kind}/{w.Name}").ToList(),
                    ["projectedMonthlyUsd"] = Math.Round(monthly, 2),
                },
                SuggestedAction = $"Add a Budget with selector.matchLabels {{{key}: {scope.Key}}} to budgets/.",
            };
        }
    }
}

using Steward.Core.Findings;

namespace Steward.Core.Policy.Checks;

/// <summary>budget: the projected monthly cost of a Budget's scope (its selected workloads' desired state) stays within its amount.</summary>
public sealed class BudgetCheck : ICheck
{
    public RuleDescriptor Rule { get; } = new("budget", Severity.Error, Category.FinOps,
        "Desired state fits its budgets",
        "A change that makes a scope's projected monthly cost exceed its budget should be seen in review, not on the invoice.");

    public IEnumerable<Finding> Run(CheckContext context)
    {
        var selection = new LabelSelection<FinOps.Estimation.WorkloadCost>(context.Cost.Workloads, c => c.Workload.Labels);
        foreach (var budget in context.Repository.Budgets.OrderBy(b => b.Name, StringComparer.Ordinal))
        {
            var selected = selection.Of(budget.MatchLabels); // the workloads budget.Selects, in order
            var projected = selected.Sum(c => c.MonthlyUsd);
            var amount = budget.MonthlyAmount;
            if (projected <= amount) continue;
            var over = projected - amount;
            yield return new Finding
            {
                RuleId = Rule.Id,
                Severity = Rule.DefaultSeverity,
                Category = Rule.Category,
                Subject = Subjects.Of(budget.Object) with { Scope = string.Join(",", budget.MatchLabels.Select(kv => $"{kv.Key}={kv.Value}")) },
                Message = $"Budget {budget.Name}: projected monthly cost {projected:0.00} {budget.Currency} exceeds {amount:0.00} {budget.Currency} by {over:0.00} ({(amount == 0 ? 100m : over / amount * 100m):0.0}%)",
                Evidence = new Dictionary<string, object?>
                {
                    ["projectedMonthlyUsd"] = Math.Round(projected, 2),
                    ["amount"] = Math.Round(amount, 2),
                    ["overByUsd"] = Math.Round(over, 2),
                    ["workloads"] = selected.Select(c => $"{c.Workload.Kind}/{c.Workload.Name}").ToList(),
                    ["action"] = budget.Action.ToString().ToLowerInvariant(),
                },
                SuggestedAction = "Lower replicas or requests of the selected workloads, or raise the budget with the owner's approval.",
            };
        }
    }
}

using System.Globalization;
using Steward.Core.FinOps.Allocation;
using Steward.Core.FinOps.Budgets;
using Steward.Core.FinOps.Usage;
using Steward.Core.Findings;
using Steward.Core.Governance;

namespace Steward.Core.Application.Costs;

/// <summary>What <c>steward cost budgets</c> evaluates.</summary>
/// <param name="Month">YYYY-MM (UTC); null: the current month by the application's clock.</param>
public sealed record BudgetRequest(string Store, GovernanceRepository Repository)
{
    public string? Month { get; init; }
    public IReadOnlyList<string> SharedNamespaces { get; init; } = [];
    public IdleSplit Idle { get; init; } = IdleSplit.Proportional;
}

/// <param name="Exceeded">A budget has an error finding (its actual spend crossed 100 % of the amount): the command exits 1.</param>
public sealed record BudgetOutcome(IReadOnlyList<BudgetStatus> Statuses)
{
    public bool Exceeded => Statuses.Any(s => s.Finding?.Severity >= Severity.Error);
}

/// <summary>The repository's budgets against a month's allocated spend and its run-rate forecast.</summary>
public sealed class BudgetService(TimeProvider clock)
{
    public BudgetOutcome Run(BudgetRequest request)
    {
        var month = request.Month ?? clock.GetUtcNow().UtcDateTime.ToString("yyyy-MM", CultureInfo.InvariantCulture);
        using var store = CostStores.OpenForRead(request.Store);
        var samples = UsageSample.Load(store);
        return new BudgetOutcome(BudgetEvaluator.Evaluate(samples, request.Repository, month, request.SharedNamespaces, request.Idle, NodeCharges.Load(store)));
    }
}

using Steward.Core.FinOps.Allocation;
using Steward.Core.FinOps.Optimization;
using Steward.Core.FinOps.Reports;
using Steward.Core.FinOps.Usage;
using Steward.Core.Governance;

namespace Steward.Core.Application.Costs;

/// <summary>What <c>steward cost optimize</c> looks at; dates as typed (YYYY-MM-DD, usage window start, inclusive).</summary>
public sealed record CostOptimizationRequest(string Store, GovernanceRepository Repository)
{
    public string? From { get; init; }
    public string? To { get; init; }
}

/// <param name="Usage">Rightsizing and idle GPUs.</param>
/// <param name="Models">Per model version: allocated cost, inferences, cost per 1,000 and sprawl; null when the store holds no inference log.</param>
public sealed record CostOptimization(OptimizationResult Usage, IReadOnlyList<ModelVersionCost>? Models);

/// <summary>
/// Rightsizing (p95 usage / 0.7 target utilisation), idle GPUs, and per model version the cost per 1,000
/// inferences weighed by its open alignment findings: usage, allocation and the inference log of one
/// period, read from one store.
/// </summary>
public sealed class CostOptimizationService
{
    public CostOptimization Run(CostOptimizationRequest request)
    {
        using var store = CostStores.OpenForRead(request.Store);
        var from = CostFilter.ParseDate(request.From, "--from");
        var to = CostFilter.ParseDate(request.To, "--to");
        var samples = UsageSample.Load(store, from, to);
        var usage = UsageOptimizer.Analyze(samples, request.Repository);
        // The models' costs are the allocation of the same samples, over the period the samples cover.
        var allocation = CostAllocator.Allocate(samples, request.Repository, nodeCharges: NodeCharges.Load(store));
        var (periodStart, periodEnd) = InferenceCosts.Period(allocation, from, to);
        var inferences = InferenceCosts.Load(store, periodStart, periodEnd);
        var models = inferences is null ? null : InferenceCosts.Analyze(allocation, request.Repository, inferences, OpenAlignmentFindings.Load(store));
        return new CostOptimization(usage, models);
    }
}

using Steward.Core.FinOps.Allocation;
using Steward.Core.FinOps.Reports;
using Steward.Core.FinOps.Usage;
using Steward.Core.Governance;

namespace Steward.Core.Application.Costs;

/// <summary>What <c>steward cost allocate</c> allocates; dates as typed (YYYY-MM-DD, usage window start, inclusive).</summary>
public sealed record CostAllocationRequest(string Store, GovernanceRepository Repository)
{
    public string? From { get; init; }
    public string? To { get; init; }

    /// <summary>Namespaces whose cost is shared across teams.</summary>
    public IReadOnlyList<string> SharedNamespaces { get; init; } = [];

    public IdleSplit Idle { get; init; } = IdleSplit.Proportional;
}

/// <summary>
/// Container usage cost (max of request and usage at steward.yaml's prices, scaled to the bill's node
/// charges) allocated to teams, cost centres and models through the workloads' labels in Git.
/// </summary>
public sealed class CostAllocationService
{
    public AllocationResult Run(CostAllocationRequest request)
    {
        var from = CostFilter.ParseDate(request.From, "--from");
        var to = CostFilter.ParseDate(request.To, "--to");
        using var store = CostStores.OpenForRead(request.Store);
        var samples = UsageSample.Load(store, from, to);
        return CostAllocator.Allocate(samples, request.Repository, request.SharedNamespaces, request.Idle, NodeCharges.Load(store));
    }
}

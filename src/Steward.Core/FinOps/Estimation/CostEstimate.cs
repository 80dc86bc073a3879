namespace Steward.Core.FinOps.Estimation;

/// <summary>The monthly cost of a repository's desired state: per workload, per scope and in total (USD, unrounded).</summary>
public sealed record CostEstimate(IReadOnlyList<WorkloadCost> Workloads, IReadOnlyDictionary<string, decimal> Scopes, decimal TotalMonthlyUsd)
{
    public static CostEstimate Empty { get; } = new([], new SortedDictionary<string, decimal>(StringComparer.Ordinal), 0m);
}

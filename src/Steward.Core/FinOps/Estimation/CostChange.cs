namespace Steward.Core.FinOps.Estimation;

/// <summary>What a change does to one workload's monthly cost (null where the workload does not exist on that side).</summary>
public sealed record WorkloadCostChange(string Key, string Kind, string? Namespace, string Name, decimal? BaseMonthlyUsd, decimal? MonthlyUsd)
{
    public decimal DeltaMonthlyUsd => (MonthlyUsd ?? 0m) - (BaseMonthlyUsd ?? 0m);
}

/// <summary>The cost difference between a base revision and the current one, per workload and in total.</summary>
public sealed record CostChange(IReadOnlyList<WorkloadCostChange> Workloads, decimal BaseTotalMonthlyUsd, decimal TotalMonthlyUsd)
{
    public decimal DeltaMonthlyUsd => TotalMonthlyUsd - BaseTotalMonthlyUsd;

    public static CostChange Between(CostEstimate baseline, CostEstimate current)
    {
        var before = baseline.Workloads.ToDictionary(w => w.Key, StringComparer.Ordinal);
        var after = current.Workloads.ToDictionary(w => w.Key, StringComparer.Ordinal);
        var changes = before.Keys.Union(after.Keys, StringComparer.Ordinal)
            .Order(StringComparer.Ordinal)
            .Select(key =>
            {
                before.TryGetValue(key, out var b);
                after.TryGetValue(key, out var a);
                var w = (a ?? b)!.Workload;
                return new WorkloadCostChange(key, w.Kind, w.Namespace, w.Name, b?.MonthlyUsd, a?.MonthlyUsd);
            })
            .ToList();
        return new CostChange(changes, baseline.TotalMonthlyUsd, current.TotalMonthlyUsd);
    }
}

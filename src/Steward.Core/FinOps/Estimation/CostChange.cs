namespace Steward.Core.FinOps.Estimation;

/// <summary>What a change does to one workload's monthly cost (null where the workload does not exist on that side).</summary>
public sealed record WorkloadCostChange(string Key, string Kind, string? Namespace, string Name, decimal? BaseMonthlyUsd, decimal? MonthlyUsd)
{
    public decimal DeltaMonthlyUsd => (MonthlyUsd ?? 0m) - (BaseMonthlyUsd ?? 0m);

    /// <summary>The workload now (null when the change removes it).</summary>
    public WorkloadCost? Current { get; init; }

    /// <summary>The workload at the base revision (null when the change adds it).</summary>
    public WorkloadCost? Base { get; init; }

    /// <summary>The file that defines the workload now, or defined it at the base revision.</summary>
    public string File => (Current ?? Base)!.File;
}

/// <summary>The cost difference between a base revision and the current one, per workload and in total.</summary>
public sealed record CostChange(IReadOnlyList<WorkloadCostChange> Workloads, decimal BaseTotalMonthlyUsd, decimal TotalMonthlyUsd)
{
    public decimal DeltaMonthlyUsd => TotalMonthlyUsd - BaseTotalMonthlyUsd;

    /// <summary>
    /// Pairs each workload with itself at the base revision: by identity (kind, namespace, name) and
    /// file, since overlays define the same identity in several files; what is left of an identity is
    /// paired in file order (a file renamed or moved), the rest is added or removed.
    /// </summary>
    public static CostChange Between(CostEstimate baseline, CostEstimate current)
    {
        var before = baseline.Workloads.GroupBy(w => w.Key, StringComparer.Ordinal).ToDictionary(g => g.Key, g => g.ToList(), StringComparer.Ordinal);
        var after = current.Workloads.GroupBy(w => w.Key, StringComparer.Ordinal).ToDictionary(g => g.Key, g => g.ToList(), StringComparer.Ordinal);
        var changes = new List<WorkloadCostChange>();
        foreach (var key in before.Keys.Union(after.Keys, StringComparer.Ordinal).Order(StringComparer.Ordinal))
        {
            var olds = before.GetValueOrDefault(key) ?? [];
            var news = after.GetValueOrDefault(key) ?? [];
            var pairs = new List<(WorkloadCost? Base, WorkloadCost? Current)>();
            var unmatched = new List<WorkloadCost>(olds);
            var unpaired = new List<WorkloadCost>();
            foreach (var now in news)
            {
                var same = unmatched.FirstOrDefault(b => b.File == now.File);
                if (same is null)
                {
                    unpaired.Add(now);
                    continue;
                }
                unmatched.Remove(same);
                pairs.Add((same, now));
            }
            for (var i = 0; i < unpaired.Count; i++)
                pairs.Add((i < unmatched.Count ? unmatched[i] : null, unpaired[i]));
            pairs.AddRange(unmatched.Skip(unpaired.Count).Select(b => ((WorkloadCost?)b, (WorkloadCost?)null)));

            foreach (var (b, a) in pairs.OrderBy(p => (p.Current ?? p.Base)!.File, StringComparer.Ordinal))
            {
                var w = (a ?? b)!.Workload;
                changes.Add(new WorkloadCostChange(key, w.Kind, w.Namespace, w.Name, b?.MonthlyUsd, a?.MonthlyUsd) { Base = b, Current = a });
            }
        }
        return new CostChange(changes, baseline.TotalMonthlyUsd, current.TotalMonthlyUsd);
    }
}

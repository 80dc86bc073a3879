using Steward.Core.Governance.Kinds;
using Steward.Core.Kubernetes;

namespace Steward.Core.FinOps.Estimation;

/// <summary>
/// Prices the desired state as Infracost prices Terraform, for Kubernetes AI workloads: each
/// Deployment and StatefulSet costs replicas × Σ containers (CPU request cores × cpuCoreHour +
/// memory request GiB × memoryGiBHour + nvidia.com/gpu limit × gpuHour) × 730 hours. A missing
/// request falls back to the limit (as Kubernetes defaults it); a missing GPU limit to the request.
/// Init containers do not run for the pod's lifetime and are not priced.
/// </summary>
public static class DesiredStateCost
{
    public const decimal HoursPerMonth = 730m;

    /// <summary>The scope of workloads that carry no value for the first cost-allocation label.</summary>
    public const string Unallocated = "__unallocated__";

    public static CostEstimate Estimate(IEnumerable<Workload> workloads, Settings settings)
    {
        var costs = new List<WorkloadCost>();
        var scopes = new SortedDictionary<string, decimal>(StringComparer.Ordinal);
        foreach (var workload in workloads.Where(w => w.IsCosted))
        {
            var cost = Price(workload, settings);
            costs.Add(cost);
            scopes[cost.Scope] = scopes.GetValueOrDefault(cost.Scope) + cost.MonthlyUsd;
        }
        costs.Sort(WorkloadCost.Compare);
        return new CostEstimate(costs, scopes, costs.Sum(c => c.MonthlyUsd));
    }

    public static WorkloadCost Price(Workload workload, Settings settings)
    {
        decimal cpu = 0, memoryGiB = 0, gpus = 0;
        foreach (var container in workload.Containers.Where(c => !c.IsInit))
        {
            cpu += container.EffectiveRequest("cpu");
            memoryGiB += container.EffectiveRequest("memory") / Quantity.GiB;
            gpus += container.Limits.TryGetValue(Workload.GpuResource, out var gpu) ? gpu.Value
                : container.Requests.TryGetValue(Workload.GpuResource, out var gpuRequest) ? gpuRequest.Value : 0m;
        }
        var hourly = cpu * settings.CpuCoreHour + memoryGiB * settings.MemoryGiBHour + gpus * settings.GpuHour;
        var monthly = workload.Replicas * hourly * HoursPerMonth;
        return new WorkloadCost(workload, ScopeOf(workload, settings), workload.Replicas, cpu, memoryGiB, gpus, monthly);
    }

    /// <summary>The value of the first cost-allocation label (e.g. the team), or <see cref="Unallocated"/>.</summary>
    public static string ScopeOf(Workload workload, Settings settings) =>
        settings.CostAllocationLabels.Count > 0 && workload.Label(settings.CostAllocationLabels[0]) is { Length: > 0 } scope
            ? scope
            : Unallocated;
}

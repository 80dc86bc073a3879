using Steward.Core.Kubernetes;

namespace Steward.Core.FinOps.Estimation;

/// <summary>The monthly cost of one workload's desired state, with the resources it is priced on.</summary>
public sealed record WorkloadCost(Workload Workload, string Scope, int Replicas, decimal CpuCores, decimal MemoryGiB, decimal Gpus, decimal MonthlyUsd)
{
    /// <summary>Identity across revisions: kind, namespace and name.</summary>
    public string Key => $"{Workload.Kind}/{Workload.Namespace ?? ""}/{Workload.Name}";
}

namespace Steward.Core.FinOps.Usage.Prometheus;

/// <summary>
/// The PromQL that the import runs, each evaluated at the end of every window with the window's length
/// as the range (<c>[5m]</c> for <c>--step 5m</c>), so that a point at time t stands for the window
/// (t − step, t]. They are OpenCost's allocation queries (pkg/costmodel/allocation.go, 2024:
/// queryFmtCPUUsageAvg, queryFmtRAMUsageAvg, queryFmtCPURequests, queryFmtRAMRequests,
/// queryFmtGPUsRequested, queryFmtPodLabels, queryFmtPodsWithReplicaSetOwner,
/// queryFmtDaemonSetLabels, queryFmtJobLabels, queryFmtReplicaSetsWithoutOwners) with OpenCost's
/// window replaced by the step and its cluster label left out; docs/sources.md lists where they differ.
/// </summary>
public static class OpenCostQueries
{
    public static string CpuUsage(string range) =>
        $"avg(rate(container_cpu_usage_seconds_total{{container!=\"\", container!=\"POD\"}}[{range}])) by (container, pod, namespace)";

    public static string MemoryUsage(string range) =>
        $"avg(avg_over_time(container_memory_working_set_bytes{{container!=\"\", container!=\"POD\"}}[{range}])) by (container, pod, namespace)";

    public static string CpuRequests(string range) =>
        $"avg(avg_over_time(kube_pod_container_resource_requests{{resource=\"cpu\", unit=\"core\", container!=\"\", container!=\"POD\", node!=\"\"}}[{range}])) by (container, pod, namespace, node)";

    public static string MemoryRequests(string range) =>
        $"avg(avg_over_time(kube_pod_container_resource_requests{{resource=\"memory\", unit=\"byte\", container!=\"\", container!=\"POD\", node!=\"\"}}[{range}])) by (container, pod, namespace, node)";

    /// <summary>kube-state-metrics writes the extended resource <c>nvidia.com/gpu</c> as <c>nvidia_com_gpu</c>.</summary>
    public static string GpuRequests(string range) =>
        $"avg(avg_over_time(kube_pod_container_resource_requests{{resource=\"nvidia_com_gpu\", container!=\"\", container!=\"POD\", node!=\"\"}}[{range}])) by (container, pod, namespace, node)";

    /// <summary>DCGM's GPU utilisation in percent (0–100), per container when the exporter maps GPUs to pods.</summary>
    public static string GpuUtilization(string range) =>
        $"avg(avg_over_time(DCGM_FI_DEV_GPU_UTIL{{container!=\"\"}}[{range}])) by (container, pod, namespace)";

    /// <summary>Node capacity (kube-state-metrics v2: one series per resource and unit).</summary>
    public static string NodeCapacity(string range) =>
        $"avg(avg_over_time(kube_node_status_capacity{{resource=~\"cpu|memory|nvidia_com_gpu\"}}[{range}])) by (node, resource)";

    /// <summary>Every label of a pod, as <c>label_KEY</c> (kube-state-metrics sanitises keys: <c>app.kubernetes.io/name</c> → <c>app_kubernetes_io_name</c>).</summary>
    public static string PodLabels(string range) => $"avg_over_time(kube_pod_labels[{range}])";

    /// <summary>A pod's controller (ReplicaSet, StatefulSet, DaemonSet, Job, ...).</summary>
    public static string PodOwners(string range) =>
        $"sum(avg_over_time(kube_pod_owner{{owner_kind!=\"<none>\", owner_kind!=\"\"}}[{range}])) by (pod, owner_name, owner_kind, namespace)";

    /// <summary>A ReplicaSet's controller (a Deployment, a Rollout, or <c>&lt;none&gt;</c>).</summary>
    public static string ReplicaSetOwners(string range) =>
        $"avg(avg_over_time(kube_replicaset_owner[{range}])) by (replicaset, namespace, owner_kind, owner_name)";
}

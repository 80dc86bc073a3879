namespace Steward.Core.FinOps.Usage.Prometheus;

/// <summary>
/// One container over one window as read from Prometheus: averages over the window (cores, bytes,
/// GPUs), the workload that owns the pod, the pod's labels and its node's capacity. Stored as one
/// <c>cost_usage</c> row (amounts × window hours), the same row the CSV import writes.
/// </summary>
public sealed record PrometheusUsageRow(
    DateTime Start, DateTime End, string Namespace, string Pod, string Container, string? Node,
    string? WorkloadKind, string? WorkloadName, IReadOnlyDictionary<string, string> Labels,
    double CpuUsageCores, double CpuRequestCores, double MemoryUsageBytes, double MemoryRequestBytes, double Gpus,
    double? GpuUtilization, double? NodeCpuCores, double? NodeMemoryBytes, double? NodeGpus)
{
    public double Hours => (End - Start).TotalHours;
}

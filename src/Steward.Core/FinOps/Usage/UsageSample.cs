using System.Globalization;
using Steward.Core.Storage;

namespace Steward.Core.FinOps.Usage;

/// <summary>One row of <c>cost_usage</c>: a container over one sample window. Amounts are resource-hours.</summary>
public sealed record UsageSample(
    DateTime Start, DateTime End, string Namespace, string Pod, string Container, string? Node,
    double CpuCoreHours, double CpuRequestCoreHours, double MemoryGiBHours, double MemoryRequestGiBHours, double GpuHours,
    double? GpuUtilization, double? NodeCpuCores, double? NodeMemoryGiB, double? NodeGpus)
{
    public double Hours => (End - Start).TotalHours;

    /// <summary>The workload that owns the pod as the source resolved it (the Prometheus import); null from CSV.</summary>
    public string? WorkloadKind { get; init; }

    /// <inheritdoc cref="WorkloadKind"/>
    public string? WorkloadName { get; init; }

    /// <summary>The pod's labels as the source gave them (kube-state-metrics' sanitised keys, e.g. <c>app_kubernetes_io_name</c>); empty from CSV.</summary>
    public IReadOnlyDictionary<string, string> Labels { get; init; } = Empty;

    private static readonly IReadOnlyDictionary<string, string> Empty = new Dictionary<string, string>();

    /// <summary>Loads the samples whose window starts on a day from <paramref name="from"/> through <paramref name="to"/> (UTC, inclusive).</summary>
    public static IReadOnlyList<UsageSample> Load(IStewardStore store, DateOnly? from = null, DateOnly? to = null)
    {
        var fromTime = from?.ToDateTime(TimeOnly.MinValue, DateTimeKind.Utc);
        var toTime = to?.AddDays(1).ToDateTime(TimeOnly.MinValue, DateTimeKind.Utc);
        using var command = StoreSql.Command(store.Connection, """
            SELECT period_start, period_end, coalesce(namespace, ''), coalesce(pod, ''), coalesce(container, ''), node,
                   coalesce(cpu_core_hours, 0), coalesce(cpu_request_core_hours, 0), coalesce(memory_gib_hours, 0),
                   coalesce(memory_request_gib_hours, 0), coalesce(gpu_hours, 0), gpu_utilization, node_cpu_cores, node_memory_gib, node_gpus,
                   workload_kind, workload_name, CAST(labels AS VARCHAR)
            FROM cost_usage
            WHERE ($from IS NULL OR period_start >= $from) AND ($to IS NULL OR period_start < $to)
            ORDER BY period_start, namespace, pod, container
            """, ("from", fromTime), ("to", toTime));
        using var reader = command.ExecuteReader();
        var samples = new List<UsageSample>();
        double? D(int i) => reader.IsDBNull(i) ? null : Convert.ToDouble(reader.GetValue(i), CultureInfo.InvariantCulture);
        while (reader.Read())
        {
            samples.Add(new UsageSample(
                DateTime.SpecifyKind(reader.GetDateTime(0), DateTimeKind.Utc), DateTime.SpecifyKind(reader.GetDateTime(1), DateTimeKind.Utc),
                reader.GetString(2), reader.GetString(3), reader.GetString(4), reader.IsDBNull(5) ? null : reader.GetString(5),
                D(6)!.Value, D(7)!.Value, D(8)!.Value, D(9)!.Value, D(10)!.Value, D(11), D(12), D(13), D(14))
            {
                WorkloadKind = reader.IsDBNull(15) ? null : reader.GetString(15),
                WorkloadName = reader.IsDBNull(16) ? null : reader.GetString(16),
                Labels = reader.IsDBNull(17) ? Empty : ParseLabels(reader.GetString(17)),
            });
        }
        return samples;
    }

    private static Dictionary<string, string> ParseLabels(string json)
    {
        var labels = new Dictionary<string, string>(StringComparer.Ordinal);
        using var document = System.Text.Json.JsonDocument.Parse(json);
        if (document.RootElement.ValueKind != System.Text.Json.JsonValueKind.Object) return labels;
        foreach (var p in document.RootElement.EnumerateObject())
            if (p.Value.ValueKind == System.Text.Json.JsonValueKind.String) labels[p.Name] = p.Value.GetString()!;
        return labels;
    }
}

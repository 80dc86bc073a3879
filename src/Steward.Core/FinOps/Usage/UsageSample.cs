using Steward.Core.FinOps.Ledger;
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

    /// <summary>The labels of a sample without any.</summary>
    internal static IReadOnlyDictionary<string, string> NoLabels => Empty;

    /// <summary>Loads the samples whose window starts on a day from <paramref name="from"/> through <paramref name="to"/> (UTC, inclusive).</summary>
    public static IReadOnlyList<UsageSample> Load(IStewardStore store, DateOnly? from = null, DateOnly? to = null)
    {
        using var ledger = UsageLedger.For(store);
        return ledger.Samples(from?.ToDateTime(TimeOnly.MinValue, DateTimeKind.Utc), to?.AddDays(1).ToDateTime(TimeOnly.MinValue, DateTimeKind.Utc));
    }

    internal static Dictionary<string, string> ParseLabels(string json)
    {
        var labels = new Dictionary<string, string>(StringComparer.Ordinal);
        using var document = System.Text.Json.JsonDocument.Parse(json);
        if (document.RootElement.ValueKind != System.Text.Json.JsonValueKind.Object) return labels;
        foreach (var p in document.RootElement.EnumerateObject())
            if (p.Value.ValueKind == System.Text.Json.JsonValueKind.String) labels[p.Name] = p.Value.GetString()!;
        return labels;
    }
}

using Steward.Core.FinOps.Usage;
using Steward.Core.Governance;
using Steward.Core.Governance.Kinds;
using Steward.Core.Kubernetes;

namespace Steward.Core.FinOps.Allocation;

public enum IdleSplit { Proportional, Even }

/// <summary>The cost of one workload (or of the unmatched pods of a namespace) and its shares of shared and idle cost.</summary>
public sealed record WorkloadAllocation(
    string Namespace, string Kind, string Name, Workload? Workload, IReadOnlyList<string> Keys,
    decimal Direct, decimal Shared, decimal Idle)
{
    public decimal Total => Direct + Shared + Idle;

    public IReadOnlyDictionary<string, string> Labels => Workload?.Labels ?? new Dictionary<string, string>();
}

/// <summary>Costs summed by the allocation keys (team, cost-center, ..., model, model version).</summary>
public sealed record AllocationRow(IReadOnlyList<string> Keys, decimal Direct, decimal Shared, decimal Idle)
{
    public decimal Total => Direct + Shared + Idle;
}

public sealed record AllocationResult(
    IReadOnlyList<string> Dimensions, IReadOnlyList<AllocationRow> Rows, IReadOnlyList<WorkloadAllocation> Workloads,
    decimal UsageCost, decimal SharedCost, decimal IdleCost, long Samples, DateTime? From, DateTime? To)
{
    /// <summary>Everything allocated: the usage rows' cost plus idle node capacity.</summary>
    public decimal Total => UsageCost + IdleCost;
}

/// <summary>
/// Allocates container usage to teams, cost centres and models as OpenCost does:
/// <c>cost = max(request, usage) CPU core-hours × cpuCoreHour + max(request, usage) memory GiB-hours × memoryGiBHour
/// + GPU-hours (by request) × gpuHour</c>. Shared namespaces and idle node capacity are split across
/// the allocation keys (proportionally to their own cost, or evenly) and, within a key, across its
/// workloads by their own cost. Pods that match no workload in Git, and workloads without a label,
/// carry <see cref="Unallocated"/>; nothing is dropped.
/// </summary>
public static class CostAllocator
{
    public const string Unallocated = "__unallocated__";

    /// <summary>Shares are kept to this many decimals; the last share of a split takes the remainder.</summary>
    private const int ShareDecimals = 10;

    public static decimal SampleCost(UsageSample s, Settings settings) =>
        (decimal)Math.Max(s.CpuCoreHours, s.CpuRequestCoreHours) * settings.CpuCoreHour
        + (decimal)Math.Max(s.MemoryGiBHours, s.MemoryRequestGiBHours) * settings.MemoryGiBHour
        + (decimal)s.GpuHours * settings.GpuHour;

    /// <summary>Idle capacity of one node in one window: capacity minus what its containers were charged, per resource, never below 0.</summary>
    public static decimal IdleCost(IReadOnlyList<UsageSample> window, Settings settings)
    {
        var h = window[0].Hours;
        decimal Idle(double? capacity, Func<UsageSample, double> used, decimal price) =>
            capacity is { } c ? (decimal)Math.Max(0, c * h - window.Sum(used)) * price : 0m;
        return Idle(window.Max(s => s.NodeCpuCores), s => Math.Max(s.CpuCoreHours, s.CpuRequestCoreHours), settings.CpuCoreHour)
            + Idle(window.Max(s => s.NodeMemoryGiB), s => Math.Max(s.MemoryGiBHours, s.MemoryRequestGiBHours), settings.MemoryGiBHour)
            + Idle(window.Max(s => s.NodeGpus), s => s.GpuHours, settings.GpuHour);
    }

    public static IReadOnlyList<string> DimensionsOf(Settings settings) =>
        [.. settings.CostAllocationLabels, "model", "model_version"];

    /// <summary>The capacity of a node in a window at steward.yaml's prices (0 when unknown).</summary>
    public static decimal CapacityCost(IReadOnlyList<UsageSample> window, Settings settings)
    {
        var h = window[0].Hours;
        return (decimal)((window.Max(s => s.NodeCpuCores) ?? 0) * h) * settings.CpuCoreHour
            + (decimal)((window.Max(s => s.NodeMemoryGiB) ?? 0) * h) * settings.MemoryGiBHour
            + (decimal)((window.Max(s => s.NodeGpus) ?? 0) * h) * settings.GpuHour;
    }

    /// <param name="nodeCharges">
    /// Optional: what the bill charged for a node in a window (<see cref="NodeCharges.Load"/>). Where
    /// given and the node's capacity is known, that window's prices are steward.yaml's scaled by
    /// <c>charge / capacity cost at steward.yaml's prices</c>, so its containers and idle capacity add up to the charge.
    /// </param>
    public static AllocationResult Allocate(
        IReadOnlyList<UsageSample> samples, GovernanceRepository repository,
        IReadOnlyCollection<string>? sharedNamespaces = null, IdleSplit split = IdleSplit.Proportional,
        IReadOnlyDictionary<(string Node, DateTime Start), decimal>? nodeCharges = null)
    {
        var settings = repository.Settings;
        var windows = samples.Where(s => s.Node is not null && (s.NodeCpuCores ?? s.NodeMemoryGiB ?? s.NodeGpus) is not null)
            .GroupBy(s => (Node: s.Node!, s.Start, s.End)).Select(g => g.ToList()).ToList();
        var factors = new Dictionary<(string, DateTime), decimal>();
        if (nodeCharges is not null)
        {
            foreach (var window in windows)
            {
                var key = (window[0].Node!, window[0].Start);
                var capacity = CapacityCost(window, settings);
                if (capacity > 0 && nodeCharges.TryGetValue(key, out var charge)) factors[key] = charge / capacity;
            }
        }
        decimal Factor(UsageSample s) => s.Node is not null && factors.TryGetValue((s.Node, s.Start), out var f) ? f : 1m;
        var matcher = WorkloadMatcher.For(repository);
        var shared = new HashSet<string>(sharedNamespaces ?? [], StringComparer.Ordinal);
        var labelKeys = settings.CostAllocationLabels.Concat([settings.ModelLabel, settings.ModelVersionLabel]).ToList();

        var entities = new Dictionary<(string Ns, string Kind, string Name), Entity>();
        decimal usageCost = 0, sharedCost = 0;
        foreach (var s in samples)
        {
            var cost = SampleCost(s, settings) * Factor(s);
            usageCost += cost;
            if (shared.Contains(s.Namespace)) { sharedCost += cost; continue; }
            var workload = matcher.Match(s.Namespace, s.Pod, s.WorkloadKind, s.WorkloadName);
            // A pod whose owner the source resolved (Prometheus) but that Git does not declare is still
            // that workload, its keys read from the pod's labels; otherwise it is the namespace's unallocated.
            var id = workload is not null ? (s.Namespace, workload.Kind, workload.Name)
                : s.WorkloadKind is { } kind && s.WorkloadName is { } name ? (s.Namespace, kind, name)
                : (s.Namespace, "", Unallocated);
            if (!entities.TryGetValue(id, out var entity))
            {
                var keys = labelKeys.Select(k => (workload is null ? PodLabel(s, k) : workload.Label(k)) is { Length: > 0 } v ? v : Unallocated).ToList();
                entities[id] = entity = new Entity(id.Item1, id.Item2, id.Item3, workload, keys);
            }
            entity.Direct += cost;
        }

        decimal idleCost = 0;
        foreach (var window in windows)
            idleCost += IdleCost(window, settings) * Factor(window[0]);

        var pool = sharedCost + idleCost;
        if (pool != 0 && entities.Count == 0)
        {
            // Nothing to share it with: it stays visible as unallocated.
            var keys = labelKeys.Select(_ => Unallocated).ToList();
            entities[("", "", Unallocated)] = new Entity("", "", Unallocated, null, keys);
        }
        if (entities.Count > 0)
        {
            var byKey = entities.Values.GroupBy(e => string.Join("\u0001", e.Keys), StringComparer.Ordinal)
                .OrderBy(g => g.Key, StringComparer.Ordinal).Select(g => g.OrderBy(e => e.Ns, StringComparer.Ordinal).ThenBy(e => e.Name, StringComparer.Ordinal).ToList()).ToList();
            var keyWeights = byKey.Select(g => split == IdleSplit.Even ? 1m : g.Sum(e => e.Direct)).ToList();
            var sharedByKey = Split(sharedCost, keyWeights);
            var idleByKey = Split(idleCost, keyWeights);
            for (var k = 0; k < byKey.Count; k++)
            {
                var weights = byKey[k].Select(e => e.Direct).ToList();
                var s = Split(sharedByKey[k], weights);
                var i = Split(idleByKey[k], weights);
                for (var e = 0; e < byKey[k].Count; e++) { byKey[k][e].Shared = s[e]; byKey[k][e].Idle = i[e]; }
            }
        }

        var workloads = entities.Values
            .Select(e => new WorkloadAllocation(e.Ns, e.Kind, e.Name, e.Workload, e.Keys, e.Direct, e.Shared, e.Idle))
            .OrderByDescending(w => w.Total).ThenBy(w => w.Namespace, StringComparer.Ordinal).ThenBy(w => w.Name, StringComparer.Ordinal).ToList();
        var rows = workloads.GroupBy(w => string.Join("\u0001", w.Keys), StringComparer.Ordinal)
            .Select(g => new AllocationRow(g.First().Keys, g.Sum(w => w.Direct), g.Sum(w => w.Shared), g.Sum(w => w.Idle)))
            .OrderByDescending(r => r.Total).ThenBy(r => string.Join("\u0001", r.Keys), StringComparer.Ordinal).ToList();
        return new AllocationResult(DimensionsOf(settings), rows, workloads, usageCost, sharedCost, idleCost, samples.Count,
            samples.Count == 0 ? null : samples.Min(s => s.Start), samples.Count == 0 ? null : samples.Max(s => s.End));
    }

    /// <summary>A label of the sample's pod by its steward.yaml key, as kube-state-metrics names it (<c>cost-center</c> → <c>cost_center</c>).</summary>
    private static string? PodLabel(UsageSample s, string key)
    {
        if (s.Labels.Count == 0) return null;
        var sanitized = new string(key.Select(c => char.IsAsciiLetterOrDigit(c) || c == '_' ? c : '_').ToArray());
        return s.Labels.TryGetValue(sanitized, out var v) ? v : s.Labels.TryGetValue(key, out v) ? v : null;
    }

    /// <summary>Splits <paramref name="amount"/> by <paramref name="weights"/> (evenly if they sum to 0); the parts sum to it exactly.</summary>
    public static IReadOnlyList<decimal> Split(decimal amount, IReadOnlyList<decimal> weights)
    {
        var parts = new decimal[weights.Count];
        if (weights.Count == 0) return parts;
        var total = weights.Sum();
        decimal given = 0;
        for (var i = 0; i < weights.Count - 1; i++)
        {
            parts[i] = Math.Round(total == 0 ? amount / weights.Count : amount * (weights[i] / total), ShareDecimals);
            given += parts[i];
        }
        parts[^1] = amount - given;
        return parts;
    }

    private sealed class Entity(string ns, string kind, string name, Workload? workload, IReadOnlyList<string> keys)
    {
        public string Ns { get; } = ns;
        public string Kind { get; } = kind;
        public string Name { get; } = name;
        public Workload? Workload { get; } = workload;
        public IReadOnlyList<string> Keys { get; } = keys;
        public decimal Direct { get; set; }
        public decimal Shared { get; set; }
        public decimal Idle { get; set; }
    }
}

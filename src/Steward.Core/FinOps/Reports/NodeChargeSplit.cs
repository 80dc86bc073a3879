using Steward.Core.FinOps.Allocation;
using Steward.Core.FinOps.Usage;
using Steward.Core.Governance;

namespace Steward.Core.FinOps.Reports;

/// <summary>
/// Shares a FOCUS charge of a node among the containers that ran on it, for the allocation
/// dimensions of a report:
/// <code>
/// weight(window w)        = |w ∩ charge period| / |charge period|          (windows with no container cost skipped)
/// weight(container c in w) = weight(w) × cost(c) / Σ cost(containers of w)  cost at steward.yaml's prices, max(request, usage)
/// weight(uncovered)       = 1 − Σ weight(w)                                   → the charge's own keys (its tags)
/// </code>
/// A container's share takes its workload's labels in Git; a dimension its workload does not label
/// keeps the charge's own value (its tag, or <c>__unallocated__</c>). The shares add up to the charge exactly.
/// </summary>
internal sealed class NodeChargeSplit
{
    private sealed record Container(string?[] Labels, decimal Cost);

    private sealed record Window(DateTime Start, DateTime End, IReadOnlyList<Container> Containers, decimal Total);

    private readonly Dictionary<string, List<Window>> byNode = new(StringComparer.Ordinal);

    /// <summary>The positions of the allocation dimensions among the report's dimensions.</summary>
    private readonly int[] allocation;

    public NodeChargeSplit(IReadOnlyList<UsageSample> samples, GovernanceRepository repository, IReadOnlyList<CostDimension> dimensions)
    {
        allocation = [.. Enumerable.Range(0, dimensions.Count).Where(i => dimensions[i].IsAllocation)];
        var matcher = WorkloadMatcher.For(repository);
        foreach (var window in samples.Where(s => s.Node is not null).GroupBy(s => (Node: s.Node!, s.Start, s.End)))
        {
            var containers = window.Select(s =>
            {
                var workload = matcher.Match(s.Namespace, s.Pod);
                var labels = allocation.Select(i => workload?.Label(dimensions[i].LabelKey!) is { Length: > 0 } v ? v : null).ToArray();
                return new Container(labels, CostAllocator.SampleCost(s, repository.Settings));
            }).ToList();
            if (!byNode.TryGetValue(window.Key.Node, out var list)) byNode[window.Key.Node] = list = [];
            list.Add(new Window(window.Key.Start, window.Key.End, containers, containers.Sum(c => c.Cost)));
        }
    }

    /// <summary>The charge's shares: keys (the charge's own, with the workloads' labels put in) and amounts.</summary>
    public IEnumerable<(IReadOnlyList<string?> Keys, decimal Cost)> Shares(
        IReadOnlyList<string?> chargeKeys, string node, DateTime start, DateTime end, decimal cost)
    {
        var length = (decimal)(end - start).Ticks;
        var weights = new Dictionary<string, (IReadOnlyList<string?> Keys, decimal Weight)>(StringComparer.Ordinal);
        void Add(IReadOnlyList<string?> keys, decimal weight)
        {
            var id = string.Join("\u0001", keys.Select(k => k ?? "\u0002"));
            weights[id] = weights.TryGetValue(id, out var w) ? (w.Keys, w.Weight + weight) : (keys, weight);
        }

        decimal covered = 0;
        if (length > 0 && byNode.TryGetValue(node, out var windows))
        {
            foreach (var w in windows)
            {
                var overlap = (end < w.End ? end : w.End) - (start > w.Start ? start : w.Start);
                if (overlap <= TimeSpan.Zero || w.Total <= 0) continue;
                var fraction = overlap.Ticks / length;
                covered += fraction;
                foreach (var c in w.Containers)
                {
                    var keys = chargeKeys.ToArray();
                    for (var j = 0; j < allocation.Length; j++)
                        if (c.Labels[j] is { } label) keys[allocation[j]] = label;
                    Add(keys, fraction * c.Cost / w.Total);
                }
            }
        }
        if (covered < 1) Add(chargeKeys, 1 - covered);

        var ordered = weights.OrderBy(w => w.Key, StringComparer.Ordinal).Select(w => w.Value).ToList();
        var parts = CostAllocator.Split(cost, [.. ordered.Select(w => w.Weight)]);
        for (var i = 0; i < ordered.Count; i++)
            yield return (ordered[i].Keys, parts[i]);
    }
}

using System.Globalization;
using Steward.Core.FinOps.Allocation;
using Steward.Core.FinOps.Ledger;
using Steward.Core.FinOps.Usage;
using Steward.Core.Governance;
using Steward.Core.Governance.Kinds;
using Steward.Core.Storage;

namespace Steward.Core.FinOps.Reports;

/// <summary>
/// A cost report over FOCUS charges that may group by allocation dimensions — the cost-allocation
/// labels of steward.yaml (<c>team</c>, <c>cost-center</c>, ...), <c>model</c> and <c>model_version</c>.
/// A charge reaches them, most specific first:
/// <list type="number">
/// <item>a charge whose <c>ResourceId</c> is a node with container usage in the store is shared, over
/// the part of its charge period that usage windows of that node cover, by the containers of each
/// window in proportion to their cost at steward.yaml's prices (max of request and usage, as
/// <see cref="CostAllocator"/>), and each share takes the label of the container's workload in Git;</item>
/// <item>otherwise — or for a share whose workload lacks the label, or the uncovered part of the
/// period — the charge's tag with the label's key (e.g. <c>Tags.team</c>, <c>Tags["steward.dev/model"]</c>);</item>
/// <item>otherwise <see cref="CostDimension.Unallocated"/>.</item>
/// </list>
/// Shares are split with <see cref="CostAllocator.Split"/>, so every charge is counted once, exactly:
/// the rows add up to the same total as any other report of the same selection.
/// </summary>
public static class AllocatedCostReport
{
    /// <summary>The allocation dimensions of <paramref name="settings"/> and the label key each reads.</summary>
    public static IReadOnlyDictionary<string, string> Dimensions(Settings settings)
    {
        var result = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (var label in settings.CostAllocationLabels) result.TryAdd(label, label);
        result.TryAdd("model", settings.ModelLabel);
        result.TryAdd("model_version", settings.ModelVersionLabel);
        return result;
    }

    /// <param name="repository">The workloads and prices that split node charges; null reads tags only.</param>
    public static CostReportResult Run(IStewardStore store, IReadOnlyList<CostDimension> dimensions, GovernanceRepository? repository,
        string metric = CostReport.DefaultMetric, CostFilter? filter = null)
    {
        using var ledger = CostLedger.For(store);
        if (!dimensions.Any(d => d.IsAllocation))
            return CostReport.Run(ledger, dimensions, metric, filter);
        var money = CostReport.Metric(metric);
        filter ??= CostFilter.All;
        var currency = CostReport.Currency(ledger, filter);
        filter = filter with { Currency = currency };

        var sums = new Dictionary<string, (IReadOnlyList<string?> Keys, decimal Cost)>(StringComparer.Ordinal);
        void Add(IReadOnlyList<string?> keys, decimal cost)
        {
            var id = string.Join("\u0001", keys.Select(k => k ?? "\u0002"));
            sums[id] = sums.TryGetValue(id, out var sum) ? (sum.Keys, sum.Cost + cost) : (keys, cost);
        }

        // Charges on no node: grouped inside the store, as CostReport does.
        foreach (var row in ledger.Sum(dimensions, money, filter, repository is null ? NodeSelection.All : NodeSelection.OffNodes))
            Add(row.Keys, row.Cost);

        // Charges on a node: one by one, shared by the containers that ran there.
        if (repository is not null)
        {
            var split = new NodeChargeSplit(UsageSample.Load(store), repository, dimensions);
            ledger.ForEachNodeCharge(dimensions, money, filter, (keys, node, start, end, cost) =>
            {
                foreach (var (shareKeys, share) in split.Shares(keys, node, start, end, cost))
                    Add(shareKeys, share);
            });
        }

        var rows = sums.Values.Select(v => new CostReportRow(v.Keys, v.Cost))
            .OrderByDescending(r => r.Cost).ThenBy(r => new CostScope(r.Keys)).ToList();
        return new CostReportResult
        {
            Dimensions = dimensions.Select(d => d.Name).ToList(),
            Metric = money.Name,
            Rows = rows,
            Total = rows.Sum(r => r.Cost),
            Currency = currency,
            Filter = filter,
        };
    }

    /// <summary>
    /// Daily costs per scope, for forecasts and anomalies: the report's allocation, per UTC day of
    /// ChargePeriodStart (as <see cref="DailyCosts.Load"/>; a node charge's shares all fall on the day
    /// its period starts). Without allocation dimensions this is exactly <see cref="DailyCosts.Load"/>.
    /// Each day's scopes add up to that day's charges, so the series sum to this report's totals.
    /// </summary>
    public static DailyCosts Daily(IStewardStore store, IReadOnlyList<CostDimension> dimensions, GovernanceRepository? repository,
        string metric = CostReport.DefaultMetric, CostFilter? filter = null)
    {
        filter ??= CostFilter.All;
        if (!dimensions.Any(d => d.IsAllocation))
            return DailyCosts.Load(store, dimensions, metric, filter);
        var report = Run(store, [Day, .. dimensions], repository, metric, filter);
        var rows = report.Rows.Select(r => (
            DateOnly.ParseExact(r.Keys[0]!, "yyyy-MM-dd", CultureInfo.InvariantCulture),
            new CostScope(r.Keys.Skip(1).ToList()),
            (double)r.Cost)).ToList();
        return DailyCosts.FromRows(rows, dimensions.Select(d => d.Name).ToList(), report.Metric, report.Currency, filter.From);
    }

    /// <summary>The day of a charge, as <see cref="DailyCosts"/> counts it.</summary>
    private static readonly CostDimension Day = CostDimension.Parse("ChargePeriodStart:day");
}

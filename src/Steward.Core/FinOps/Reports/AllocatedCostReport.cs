using System.Data.Common;
using System.Globalization;
using Steward.Core.FinOps.Allocation;
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
        if (!dimensions.Any(d => d.IsAllocation))
            return CostReport.Run(store, dimensions, metric, filter);
        store.EnsureSchema(FinOpsSchema.Module);
        var money = CostReport.Metric(metric);
        filter ??= CostFilter.All;
        var currency = CostReport.Currency(store, filter);
        filter = filter with { Currency = currency };
        var (where, parameters) = filter.ToSql();
        for (var i = 0; i < dimensions.Count; i++)
        {
            if (dimensions[i].Parameter is { } value)
                parameters.Add(("d" + I(i), value));
        }
        // ResourceId IN (...) is NULL for a charge without ResourceId: coalesce keeps it among the others.
        var onNode = repository is null ? "FALSE" : "coalesce(ResourceId IN (SELECT node FROM cost_usage WHERE node IS NOT NULL), FALSE)";

        var sums = new Dictionary<string, (IReadOnlyList<string?> Keys, decimal Cost)>(StringComparer.Ordinal);
        void Add(IReadOnlyList<string?> keys, decimal cost)
        {
            var id = string.Join("\u0001", keys.Select(k => k ?? "\u0002"));
            sums[id] = sums.TryGetValue(id, out var sum) ? (sum.Keys, sum.Cost + cost) : (keys, cost);
        }

        // Charges on no node: grouped inside the store, as CostReport does.
        var inner = dimensions.Select((d, i) => $"{d.Sql("d" + I(i))} AS k{I(i)}").ToList();
        var outer = dimensions.Select((d, i) => $"{d.Display("k" + I(i))} AS k{I(i)}").ToList();
        var keyNames = Enumerable.Range(0, dimensions.Count).Select(i => "k" + I(i)).ToList();
        ReadRows(store, $"""
            SELECT {string.Join(", ", outer)}, cost FROM (
                SELECT {string.Join(", ", inner)}, coalesce(sum({money.Name}), 0) AS cost
                FROM cost_focus WHERE {where} AND NOT {onNode}
                GROUP BY {string.Join(", ", keyNames)})
            """, parameters, r => Add(Keys(r, dimensions.Count), r.GetDecimal(dimensions.Count)));

        // Charges on a node: one by one, shared by the containers that ran there.
        if (repository is not null)
        {
            var split = new NodeChargeSplit(UsageSample.Load(store), repository, dimensions);
            var perRow = dimensions.Select((d, i) => $"{d.Display(d.Sql("d" + I(i)))} AS k{I(i)}");
            ReadRows(store, $"""
                SELECT {string.Join(", ", perRow)}, ResourceId, ChargePeriodStart, ChargePeriodEnd, {money.Name}
                FROM cost_focus WHERE {where} AND {onNode}
                """, parameters, r =>
            {
                var n = dimensions.Count;
                var start = DateTime.SpecifyKind(r.GetDateTime(n + 1), DateTimeKind.Utc);
                var end = DateTime.SpecifyKind(r.GetDateTime(n + 2), DateTimeKind.Utc);
                foreach (var (keys, cost) in split.Shares(Keys(r, n), r.GetString(n), start, end, r.GetDecimal(n + 3)))
                    Add(keys, cost);
            });
        }

        var comparer = new KeysComparer();
        var rows = sums.Values.Select(v => new CostReportRow(v.Keys, v.Cost))
            .OrderByDescending(r => r.Cost).ThenBy(r => r.Keys, comparer).ToList();
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

    private static void ReadRows(IStewardStore store, string sql, List<(string Name, object? Value)> parameters, Action<DbDataReader> row)
    {
        using var command = StoreSql.Command(store.Connection, sql, [.. parameters]);
        using var reader = command.ExecuteReader();
        while (reader.Read()) row(reader);
    }

    private static List<string?> Keys(DbDataReader reader, int count) =>
        Enumerable.Range(0, count).Select(i => reader.IsDBNull(i) ? null : reader.GetString(i)).ToList();

    private static string I(int i) => i.ToString(CultureInfo.InvariantCulture);

    /// <summary>Keys in ascending ordinal order, nulls last (as the SQL reports sort them).</summary>
    private sealed class KeysComparer : IComparer<IReadOnlyList<string?>>
    {
        public int Compare(IReadOnlyList<string?>? x, IReadOnlyList<string?>? y)
        {
            for (var i = 0; i < x!.Count; i++)
            {
                var c = (x[i], y![i]) switch
                {
                    (null, null) => 0,
                    (null, _) => 1,
                    (_, null) => -1,
                    var (a, b) => string.CompareOrdinal(a, b),
                };
                if (c != 0) return c;
            }
            return 0;
        }
    }
}

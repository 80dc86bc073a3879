using Steward.Core.FinOps.Ledger;
using Steward.Core.Storage;

namespace Steward.Core.FinOps.Reports;

/// <summary>
/// Costs per UTC day (of ChargePeriodStart) and scope, as dense series from the first to the last
/// day with a charge; days without charges are 0. Summed in the store, then converted to double
/// for statistics (forecasts and anomaly scores are estimates; reports keep decimals).
/// </summary>
public sealed class DailyCosts
{
    private DailyCosts(DateOnly first, int days, IReadOnlyDictionary<CostScope, double[]> series, IReadOnlyList<string> dimensions, string metric, string? currency)
    {
        First = first;
        Days = days;
        Series = series;
        Dimensions = dimensions;
        Metric = metric;
        Currency = currency;
    }

    public DateOnly First { get; }
    public int Days { get; }
    public DateOnly Last => First.AddDays(Days - 1);
    public IReadOnlyDictionary<CostScope, double[]> Series { get; }
    public IReadOnlyList<string> Dimensions { get; }
    public string Metric { get; }
    public string? Currency { get; }

    /// <summary>The scopes, largest total cost first, ties by keys.</summary>
    public IReadOnlyList<CostScope> ScopesByCost()
        => Series.OrderByDescending(kv => kv.Value.Sum()).ThenBy(kv => kv.Key).Select(kv => kv.Key).ToList();

    /// <summary>The whole store's series (the sum over scopes).</summary>
    public double[] Total()
    {
        var total = new double[Days];
        foreach (var values in Series.Values)
        {
            for (var i = 0; i < Days; i++)
                total[i] += values[i];
        }
        return total;
    }

    public DateOnly Day(int index) => First.AddDays(index);

    public static DailyCosts Load(IStewardStore store, IReadOnlyList<CostDimension> dimensions, string metric, CostFilter filter)
    {
        using var ledger = CostLedger.For(store);
        return Load(ledger, dimensions, metric, filter);
    }

    internal static DailyCosts Load(ICostLedger ledger, IReadOnlyList<CostDimension> dimensions, string metric, CostFilter filter)
    {
        // Without a currency, the report finds the one currency of the selection (or refuses a mix).
        var money = CostReport.Metric(metric);
        var currency = filter.Currency ?? CostReport.Currency(ledger, filter);
        filter = filter with { Currency = currency };
        var rows = ledger.Daily(dimensions, money, filter);
        return FromRows(rows, dimensions.Select(d => d.Name).ToList(), money.Name, currency, filter.From);
    }

    /// <summary>Dense series from per-day, per-scope costs (a day and scope may come more than once: they add up).</summary>
    internal static DailyCosts FromRows(IReadOnlyList<(DateOnly Day, CostScope Scope, double Cost)> rows, IReadOnlyList<string> names,
        string metric, string? currency, DateOnly? from)
    {
        if (rows.Count == 0)
            return new DailyCosts(from ?? default, 0, new Dictionary<CostScope, double[]>(), names, metric, currency);
        var first = rows.Min(r => r.Day);
        var days = rows.Max(r => r.Day).DayNumber - first.DayNumber + 1;
        var series = new Dictionary<CostScope, double[]>();
        foreach (var (day, scope, cost) in rows)
        {
            if (!series.TryGetValue(scope, out var values))
                series[scope] = values = new double[days];
            values[day.DayNumber - first.DayNumber] += cost;
        }
        return new DailyCosts(first, days, series, names, metric, currency);
    }
}

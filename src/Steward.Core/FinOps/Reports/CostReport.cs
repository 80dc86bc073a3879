using Steward.Core.FinOps.Ledger;
using Steward.Core.Storage;

namespace Steward.Core.FinOps.Reports;

/// <summary>One line of a cost report: the values of the dimensions (null where the column is empty) and the cost.</summary>
public sealed record CostReportRow(IReadOnlyList<string?> Keys, decimal Cost)
{
    // Rows compare by value, keys included, so that reports compare and deduplicate as data.
    public bool Equals(CostReportRow? other)
        => other is not null && Cost == other.Cost && Keys.SequenceEqual(other.Keys, StringComparer.Ordinal);

    public override int GetHashCode()
    {
        var hash = new HashCode();
        hash.Add(Cost);
        foreach (var key in Keys)
            hash.Add(key, StringComparer.Ordinal);
        return hash.ToHashCode();
    }

    public override string ToString() => $"[{string.Join(", ", Keys)}] {Cost}";
}

/// <summary>A cost report: costs summed by dimensions, sorted by cost descending then keys.</summary>
public sealed record CostReportResult
{
    public required IReadOnlyList<string> Dimensions { get; init; }
    public required string Metric { get; init; }
    public required IReadOnlyList<CostReportRow> Rows { get; init; }

    /// <summary>The sum of the metric over every charge the filter selects; equals the sum of the rows.</summary>
    public required decimal Total { get; init; }

    /// <summary>The billing currency; null when no charge is selected.</summary>
    public string? Currency { get; init; }

    public CostFilter Filter { get; init; } = CostFilter.All;
}

/// <summary>Sums a FOCUS cost metric by dimensions, inside the store.</summary>
public static class CostReport
{
    public const string DefaultMetric = "BilledCost";

    /// <summary>The money column for a metric name, or an input error listing the valid ones.</summary>
    public static FocusColumn Metric(string name)
    {
        var column = FocusColumns.Find(name);
        if (column is null || column.Kind != FocusColumnKind.Money)
            throw new StewardInputException(
                $"--metric: unknown metric '{name}'; use one of {string.Join(", ", FocusColumns.Metrics.Select(c => c.Name))}");
        return column;
    }

    public static CostReportResult Run(IStewardStore store, IReadOnlyList<CostDimension> dimensions, string metric = DefaultMetric, CostFilter? filter = null)
    {
        using var ledger = CostLedger.For(store);
        return Run(ledger, dimensions, metric, filter);
    }

    internal static CostReportResult Run(ICostLedger ledger, IReadOnlyList<CostDimension> dimensions, string metric = DefaultMetric, CostFilter? filter = null)
    {
        var money = Metric(metric);
        filter ??= CostFilter.All;
        // One scan of the charges: without --currency the sums are grouped by currency too, and the
        // currencies found decide (a second scan for them alone doubled the time of a large report).
        var (currency, sums) = filter.Currency is { } chosen
            ? (chosen, ledger.Sum(dimensions, money, filter))
            : SumsInOneCurrency(ledger, dimensions, money, filter);
        filter = filter with { Currency = currency };

        // Largest cost first, ties by keys (ordinal, nulls last): sorted here, so every store sorts alike.
        var rows = sums.OrderByDescending(r => r.Cost).ThenBy(r => new CostScope(r.Keys)).ToList();

        // Every selected charge falls in exactly one row (a missing tag is a key too), and decimal
        // addition is exact, so the rows add up to the selection's total to the last digit.
        var total = rows.Sum(r => r.Cost);
        if (dimensions.Count == 0 && currency is null)
            rows.Clear();
        return new CostReportResult
        {
            Dimensions = dimensions.Select(d => d.Name).ToList(),
            Metric = money.Name,
            Rows = rows,
            Total = total,
            Currency = currency,
            Filter = filter,
        };
    }

    private static (string? Currency, IReadOnlyList<CostReportRow> Sums) SumsInOneCurrency(
        ICostLedger ledger, IReadOnlyList<CostDimension> dimensions, FocusColumn money, CostFilter filter)
    {
        var byCurrency = ledger.Sum([.. dimensions, BillingCurrency], money, filter);
        var currencies = byCurrency.Select(r => r.Keys[^1]).OfType<string>().Distinct(StringComparer.Ordinal).Order(StringComparer.Ordinal).ToList();
        if (currencies.Count > 1)
            throw new StewardInputException(
                $"the selected costs are in several currencies ({string.Join(", ", currencies)}); choose one with --currency");
        var sums = byCurrency.Select(r => new CostReportRow(r.Keys.Take(dimensions.Count).ToList(), r.Cost)).ToList();
        // Without dimensions and without charges the sum is one row of 0, as the store's own sum gives.
        if (dimensions.Count == 0 && sums.Count == 0)
            sums.Add(new CostReportRow([], 0m));
        return (currencies.Count == 1 ? currencies[0] : null, sums);
    }

    private static readonly CostDimension BillingCurrency = CostDimension.Parse("BillingCurrency");

    /// <summary>
    /// The one currency of the selected charges. Sums across currencies mean nothing, so a store
    /// holding several needs <c>--currency</c>.
    /// </summary>
    internal static string? Currency(ICostLedger ledger, CostFilter filter)
    {
        var currencies = ledger.Currencies(filter);
        if (currencies.Count > 1)
            throw new StewardInputException(
                $"the selected costs are in several currencies ({string.Join(", ", currencies)}); choose one with --currency");
        return currencies.Count == 1 ? currencies[0] : filter.Currency;
    }
}

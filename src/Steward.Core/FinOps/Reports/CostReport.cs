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
        var currency = Currency(ledger, filter);
        filter = filter with { Currency = currency };

        // Largest cost first, ties by keys (ordinal, nulls last): sorted here, so every store sorts alike.
        var rows = ledger.Sum(dimensions, money, filter).OrderByDescending(r => r.Cost).ThenBy(r => new CostScope(r.Keys)).ToList();

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

using DuckDB.NET.Data;
using Steward.Core.FinOps.Import;
using Steward.Core.FinOps.Reports;
using Steward.Core.FinOps.Restatement;
using Steward.Core.Storage;

namespace Steward.Core.FinOps.Ledger;

/// <summary>
/// The store port of FOCUS charges (issue 17): what imports, restatements and cost reports need from
/// the store, with one implementation per engine (<see cref="CostLedger.For"/>). Export files are
/// always read by DuckDB (<see cref="Files"/>), so checks and diagnostics are the same on every store;
/// aggregates run in the store's own SQL, over exact decimals.
/// </summary>
internal interface ICostLedger : IDisposable
{
    StoreEngine Engine { get; }

    /// <summary>The DuckDB connection that reads export files: the store's own, or an in-memory one beside a PostgreSQL store.</summary>
    DuckDBConnection Files { get; }

    /// <summary>Stores the rows of <paramref name="source"/> under the import of <paramref name="context"/>, inside its transaction; the row count.</summary>
    /// <exception cref="FocusLoadException">A value the store refuses; explain it with <see cref="FocusDiagnostics"/>.</exception>
    long Load(ImportContext context, FocusSource source);

    /// <summary>Total BilledCost per currency (sorted by currency) and the charge period of one import.</summary>
    FocusImportSummary Summary(long importId);

    /// <summary>
    /// Deletes the charges of imports before <paramref name="firstImportId"/> (except <paramref name="keep"/>) that share a
    /// (ProviderName, BillingAccountId, BillingPeriodStart) with import <paramref name="importId"/>, and says what they were.
    /// </summary>
    IReadOnlyList<ReplacedCharges> ReplaceBillingPeriods(long importId, long firstImportId, IReadOnlyCollection<long> keep);

    /// <summary>The billing currencies of the charges <paramref name="filter"/> selects, sorted.</summary>
    IReadOnlyList<string> Currencies(CostFilter filter);

    /// <summary>The metric summed by the dimensions' keys, over the selected charges (on nodes with usage, or not, or all); unsorted.</summary>
    IReadOnlyList<CostReportRow> Sum(IReadOnlyList<CostDimension> dimensions, FocusColumn metric, CostFilter filter, NodeSelection nodes = NodeSelection.All);

    /// <summary>Every selected charge on a node with container usage, one by one (streamed): keys, node, charge period, metric.</summary>
    void ForEachNodeCharge(IReadOnlyList<CostDimension> dimensions, FocusColumn metric, CostFilter filter,
        Action<IReadOnlyList<string?>, string, DateTime, DateTime, decimal> charge);

    /// <summary>The metric per UTC day of ChargePeriodStart and keys, over the selected charges.</summary>
    IReadOnlyList<(DateOnly Day, CostScope Scope, double Cost)> Daily(IReadOnlyList<CostDimension> dimensions, FocusColumn metric, CostFilter filter);

    /// <summary>BilledCost per node and usage window, prorated by overlap (<see cref="Allocation.NodeCharges"/>).</summary>
    IReadOnlyDictionary<(string Node, DateTime Start), decimal> NodeCharges();

    /// <summary>The selected charges priced or consumed in tokens, summed by the dimensions' keys and what names their unit and direction (<see cref="FinOps.Tokens.TokenCharge"/>).</summary>
    IReadOnlyList<FinOps.Tokens.TokenCharge> TokenCharges(IReadOnlyList<CostDimension> dimensions, FocusColumn metric, CostFilter filter);
}

/// <summary>Which charges an aggregate covers: all, only those on a node with container usage, or only the others.</summary>
internal enum NodeSelection
{
    All,
    OnNodes,
    OffNodes,
}

/// <summary>What one import holds: BilledCost per currency and the span of its charge periods (null when empty).</summary>
internal sealed record FocusImportSummary(IReadOnlyList<CurrencyAmount> BilledCost, DateTime? PeriodStart, DateTime? PeriodEnd);

/// <summary>A value of an export that the store refused while loading; the import is rolled back, then the value is found and named.</summary>
internal sealed class FocusLoadException(FocusSource source, Exception error) : Exception(error.Message, error)
{
    public FocusSource Export { get; } = source;
    public Exception Error { get; } = error;
}

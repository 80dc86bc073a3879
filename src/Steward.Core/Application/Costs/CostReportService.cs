using Steward.Core.FinOps.Reports;
using Steward.Core.Governance;
using Steward.Core.Governance.Kinds;

namespace Steward.Core.Application.Costs;

/// <summary>
/// A cost report as <c>steward cost report</c> and <c>GET /api/v1/costs/report</c> ask for it, the values
/// as the user typed them. Errors name the CLI flag (<c>--group-by: ...</c>); the server reads them as
/// its query parameters of the same names.
/// </summary>
/// <param name="GroupBy">Dimensions, comma-separated (FOCUS columns, tag:KEY, allocation dimensions).</param>
/// <param name="From">First day, YYYY-MM-DD (inclusive); null for no bound.</param>
/// <param name="To">Last day, YYYY-MM-DD (inclusive); null for no bound.</param>
/// <param name="Repository">The governance repository: its steward.yaml names the allocation dimensions and its
/// workloads' labels allocate node charges; null reads tags only.</param>
public sealed record CostReportRequest(string Store, string? GroupBy)
{
    public string Metric { get; init; } = CostReport.DefaultMetric;
    public string? From { get; init; }
    public string? To { get; init; }
    public string? Currency { get; init; }
    public GovernanceRepository? Repository { get; init; }
}

/// <summary>Sums costs by dimensions, rows sorted by cost, unowned costs kept as __unallocated__.</summary>
public sealed class CostReportService
{
    public CostReportResult Run(CostReportRequest request)
    {
        var dimensions = CostDimension.ParseList(request.GroupBy, AllocationDimensions(request.Repository));
        var filter = new CostFilter
        {
            From = CostFilter.ParseDate(request.From, "--from"),
            To = CostFilter.ParseDate(request.To, "--to"),
            Currency = request.Currency,
        };
        using var store = CostStores.OpenForRead(request.Store);
        return AllocatedCostReport.Run(store, dimensions, request.Repository, request.Metric, filter);
    }

    /// <summary>The allocation dimensions --group-by accepts: those of the repository's steward.yaml, else the defaults.</summary>
    public static IReadOnlyDictionary<string, string> AllocationDimensions(GovernanceRepository? repository)
        => AllocatedCostReport.Dimensions(repository?.Settings ?? Settings.Default);
}

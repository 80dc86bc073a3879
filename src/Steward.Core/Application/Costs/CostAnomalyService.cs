using Steward.Core.FinOps.Anomalies;
using Steward.Core.FinOps.Reports;
using Steward.Core.Governance;

namespace Steward.Core.Application.Costs;

/// <summary>What <c>steward cost anomalies</c> searches; values as typed (see <see cref="CostReportRequest"/>).</summary>
/// <param name="Options">Sensitivity and minimum impact, already checked by the caller.</param>
public sealed record CostAnomalyRequest(string Store, AnomalyOptions Options)
{
    public string? GroupBy { get; init; }
    public string? Since { get; init; }

    /// <summary>Dimensions searched for the root cause, in order of preference; null or empty: the default.</summary>
    public string? RootCause { get; init; }

    public string Metric { get; init; } = CostReport.DefaultMetric;
    public string? Currency { get; init; }
    public GovernanceRepository? Repository { get; init; }
}

/// <summary>Days whose cost rose far above the same weekday's usual cost, with the root cause.</summary>
public sealed class CostAnomalyService
{
    public CostAnomalyResult Run(CostAnomalyRequest request)
    {
        var allocation = CostReportService.AllocationDimensions(request.Repository);
        var dimensions = CostDimension.ParseList(request.GroupBy, allocation);
        var causes = request.RootCause is { Length: > 0 } text ? CostDimension.ParseList(text, allocation) : null;
        using var store = CostStores.OpenForRead(request.Store);
        return AnomalyDetector.Run(store, dimensions, CostFilter.ParseDate(request.Since, "--since"), causes,
            request.Metric, request.Currency, request.Options, request.Repository);
    }
}

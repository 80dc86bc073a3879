using Steward.Core.FinOps.Forecasting;
using Steward.Core.FinOps.Reports;
using Steward.Core.Governance;

namespace Steward.Core.Application.Costs;

/// <summary>What <c>steward cost forecast</c> forecasts; values as typed (see <see cref="CostReportRequest"/>).</summary>
public sealed record CostForecastRequest(string Store, int Horizon)
{
    public string? GroupBy { get; init; }
    public int Top { get; init; } = CostForecaster.DefaultTop;
    public string Metric { get; init; } = CostReport.DefaultMetric;
    public string? From { get; init; }
    public string? To { get; init; }
    public string? Currency { get; init; }
    public GovernanceRepository? Repository { get; init; }
}

/// <summary>Daily cost forecasts (additive Holt-Winters, weekly season) with 80 % and 95 % intervals.</summary>
public sealed class CostForecastService
{
    public CostForecastResult Run(CostForecastRequest request)
    {
        var dimensions = CostDimension.ParseList(request.GroupBy, CostReportService.AllocationDimensions(request.Repository));
        var filter = new CostFilter
        {
            From = CostFilter.ParseDate(request.From, "--from"),
            To = CostFilter.ParseDate(request.To, "--to"),
            Currency = request.Currency,
        };
        using var store = CostStores.OpenForRead(request.Store);
        return CostForecaster.Run(store, request.Horizon, dimensions, request.Metric, filter, request.Top, request.Repository);
    }
}

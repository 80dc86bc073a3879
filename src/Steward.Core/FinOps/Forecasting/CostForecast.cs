using Steward.Core.FinOps.Reports;

namespace Steward.Core.FinOps.Forecasting;

/// <summary>One forecast day: the point forecast and its 95 % (lower/upper) and 80 % (lower80/upper80) prediction intervals.</summary>
public sealed record ForecastPoint(DateOnly Date, double Cost, double Lower, double Upper, double Lower80, double Upper80);

/// <summary>The forecast of one scope.</summary>
/// <param name="Total">The sum of the point forecasts over the horizon.</param>
/// <param name="BacktestMape">
/// Mean absolute percentage error (in %) of a model fitted without the last <c>horizon</c> days,
/// forecasting them; days whose actual cost is 0 are left out. Null when the history is too short.
/// </param>
public sealed record ScopeForecast(CostScope Scope, IReadOnlyList<ForecastPoint> Points, double Total, double? BacktestMape, HoltWintersFit Fit)
{
    /// <summary>The daily costs the model was fitted to, first day of history first.</summary>
    public IReadOnlyList<double> History { get; init; } = [];
}

/// <summary>The answer of <c>steward cost forecast</c>.</summary>
public sealed record CostForecastResult
{
    public required string Metric { get; init; }
    public string? Currency { get; init; }
    public required int Horizon { get; init; }
    public required DateOnly HistoryFrom { get; init; }
    public required DateOnly HistoryTo { get; init; }
    public required IReadOnlyList<string> Dimensions { get; init; }

    /// <summary>The forecast of all selected costs together.</summary>
    public required ScopeForecast Overall { get; init; }

    /// <summary>One forecast per scope when grouped, largest history first.</summary>
    public required IReadOnlyList<ScopeForecast> Groups { get; init; }
}

using Steward.Core.FinOps.Reports;
using Steward.Core.Governance;
using Steward.Core.Storage;

namespace Steward.Core.FinOps.Forecasting;

/// <summary>Forecasts daily costs with additive Holt–Winters (weekly season) and backtests the model.</summary>
public static class CostForecaster
{
    public const int SeasonLength = 7;

    // Standard normal quantiles for two-sided 95 % and 80 % intervals.
    private const double Z95 = 1.959963984540054;
    private const double Z80 = 1.2815515655446004;

    /// <summary>How many scopes get their own forecast by default: the largest ones by cost.</summary>
    public const int DefaultTop = 20;

    /// <param name="repository">
    /// With allocation dimensions (<c>team</c>, <c>model</c>, ...): the workloads and prices that split node
    /// charges, as <see cref="AllocatedCostReport"/> does; null reads the charges' tags only.
    /// </param>
    public static CostForecastResult Run(IStewardStore store, int horizon, IReadOnlyList<CostDimension> dimensions,
        string metric = CostReport.DefaultMetric, CostFilter? filter = null, int top = DefaultTop, GovernanceRepository? repository = null)
    {
        if (horizon < 1)
            throw new StewardInputException($"--horizon: must be at least 1 day, got {horizon}");
        // Each day of horizon is a row per scope with intervals: a billion days is gigabytes of forecast nobody can use.
        var maxHorizon = ParseLimits.Default.MaxForecastHorizonDays;
        if (horizon > maxHorizon)
            throw new StewardInputException($"--horizon: at most {maxHorizon} days (ten years, the limit), got {horizon}");
        var daily = AllocatedCostReport.Daily(store, dimensions, repository, metric, filter ?? CostFilter.All);
        var needed = HoltWinters.MinimumLength(SeasonLength);
        if (daily.Days < needed)
            throw new StewardInputException(
                $"a forecast needs at least {needed} days of cost history; the selected costs cover {daily.Days}");

        var overall = Forecast(CostScope.Whole, daily.Total(), daily.Last, horizon);
        var groups = dimensions.Count == 0
            ? []
            : daily.ScopesByCost().Take(Math.Max(0, top)).Select(scope => Forecast(scope, daily.Series[scope], daily.Last, horizon)).ToList();
        return new CostForecastResult
        {
            Metric = daily.Metric,
            Currency = daily.Currency,
            Horizon = horizon,
            HistoryFrom = daily.First,
            HistoryTo = daily.Last,
            Dimensions = daily.Dimensions,
            Overall = overall,
            Groups = groups,
        };
    }

    /// <summary>Fits the whole history, forecasts <paramref name="horizon"/> days after <paramref name="lastDay"/>, and backtests.</summary>
    public static ScopeForecast Forecast(CostScope scope, IReadOnlyList<double> history, DateOnly lastDay, int horizon)
    {
        var fit = HoltWinters.Fit(history, SeasonLength);
        var points = new List<ForecastPoint>(horizon);
        for (var h = 1; h <= horizon; h++)
        {
            var cost = fit.Forecast(h);
            var sd = Math.Sqrt(fit.ForecastVariance(h));
            points.Add(new ForecastPoint(lastDay.AddDays(h), cost, cost - Z95 * sd, cost + Z95 * sd, cost - Z80 * sd, cost + Z80 * sd));
        }
        return new ScopeForecast(scope, points, points.Sum(p => p.Cost), Backtest(history, horizon), fit) { History = history };
    }

    /// <summary>MAPE (%) of forecasting the last <paramref name="horizon"/> days from the days before them.</summary>
    public static double? Backtest(IReadOnlyList<double> history, int horizon)
    {
        var train = history.Count - horizon;
        if (train < HoltWinters.MinimumLength(SeasonLength))
            return null;
        var fit = HoltWinters.Fit(history.Take(train).ToList(), SeasonLength);
        var errors = new List<double>();
        for (var h = 1; h <= horizon; h++)
        {
            var actual = history[train + h - 1];
            if (actual != 0)
                errors.Add(Math.Abs(actual - fit.Forecast(h)) / Math.Abs(actual));
        }
        return errors.Count == 0 ? null : 100 * errors.Average();
    }
}

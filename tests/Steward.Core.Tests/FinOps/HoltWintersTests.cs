using Steward.Core.FinOps.Forecasting;
using Steward.Core.FinOps.Reports;

namespace Steward.Core.Tests.FinOps;

public class HoltWintersTests
{
    private static readonly double[] Season = [10, 12, 8, 5, 0, -15, -20];

    /// <summary>100 + 0.5 t + weekly season + a deterministic wiggle (so that Python computes the same series).</summary>
    private static double[] Noisy(int n) => Enumerable.Range(0, n)
        .Select(t => 100 + 0.5 * t + Season[t % 7] + 4 * Math.Sin(1.3 * t) + 3 * Math.Cos(0.7 * t * t)).ToArray();

    private static double Truth(int t) => 100 + 0.5 * t + Season[t % 7];

    [Fact]
    public void Recursions_match_an_independent_classic_form_implementation()
    {
        // Reference: /usr/bin/python3, classic Holt-Winters recursions written separately
        // (l = a(y - s) + (1-a)(l+b); b = β(l - l_prev) + (1-β)b; s = γ(y - l) + (1-γ)s) with the same
        // least-squares initial states (numpy.linalg.lstsq), on the same 112-day series.
        var fit = HoltWinters.Run(Noisy(112), 7, new HoltWintersParameters(0.3, 0.1, 0.2));

        fit.Sse.Should().BeApproximately(1828.9896265522, 1e-6);
        fit.Forecast(1).Should().BeApproximately(163.5907118011, 1e-8);
        fit.Forecast(7).Should().BeApproximately(135.6455112783, 1e-8);
        fit.Forecast(14).Should().BeApproximately(137.9908138730, 1e-8);
    }

    [Fact]
    public void The_fitted_parameters_are_at_least_as_good_as_scipy()
    {
        // Reference: scipy.optimize.minimize(L-BFGS-B, bounds [0,1]^3) from 175 starting points on the
        // same SSE: minimum 1358.9176418993 at (0.01675, 0.12601, 0.01841).
        var fit = HoltWinters.Fit(Noisy(112));

        fit.Sse.Should().BeLessThanOrEqualTo(1358.9176418993 * (1 + 1e-6));
        fit.Parameters.Alpha.Should().BeApproximately(0.01675, 0.01);
        fit.Parameters.Gamma.Should().BeApproximately(0.01841, 0.01);
    }

    [Fact]
    public void A_pure_linear_trend_plus_season_is_recovered_exactly()
    {
        var y = Enumerable.Range(0, 42).Select(t => 50 + 2.0 * t + Season[t % 7]).ToArray();

        var fit = HoltWinters.Fit(y);

        fit.Sse.Should().BeLessThan(1e-18);
        for (var h = 1; h <= 21; h++)
            fit.Forecast(h).Should().BeApproximately(50 + 2.0 * (41 + h) + Season[(41 + h) % 7], 1e-9);
        fit.ForecastVariance(21).Should().BeLessThan(1e-18);
    }

    [Fact]
    public void A_noisy_series_is_forecast_close_to_the_truth_with_a_small_backtest_error()
    {
        var y = Noisy(112);

        var forecast = CostForecaster.Forecast(CostScope.Whole, y, new DateOnly(2025, 1, 1), 14);

        for (var h = 1; h <= 14; h++)
        {
            var point = forecast.Points[h - 1];
            point.Cost.Should().BeApproximately(Truth(111 + h), 6.0, $"h = {h}");
            point.Lower.Should().BeLessThan(point.Lower80);
            point.Lower80.Should().BeLessThan(point.Cost);
            point.Upper.Should().BeGreaterThan(point.Upper80);
            // Symmetric intervals: 95 % half-width / 80 % half-width = 1.95996 / 1.28155.
            ((point.Upper - point.Cost) / (point.Upper80 - point.Cost)).Should().BeApproximately(1.959963984540054 / 1.2815515655446004, 1e-9);
        }
        forecast.Points[0].Date.Should().Be(new DateOnly(2025, 1, 2));
        forecast.Total.Should().BeApproximately(forecast.Points.Sum(p => p.Cost), 1e-9);
        forecast.BacktestMape.Should().NotBeNull();
        forecast.BacktestMape!.Value.Should().BeLessThan(5.0);
        // Widths grow with the horizon.
        (forecast.Points[13].Upper - forecast.Points[13].Lower).Should().BeGreaterThan(forecast.Points[0].Upper - forecast.Points[0].Lower);
    }

    [Fact]
    public void Forecast_variance_follows_the_ets_formula()
    {
        // σ²(1 + Σ_{j=1}^{h-1} (α + αβ j + (1-α)γ [j mod 7 = 0])²) with α=0.3, β=0.1, γ=0.2, h = 8:
        // c_j = 0.3 + 0.03 j for j = 1..6, c_7 = 0.3 + 0.21 + 0.14 = 0.65.
        var fit = HoltWinters.Run(Noisy(112), 7, new HoltWintersParameters(0.3, 0.1, 0.2));
        var expected = 1.0;
        for (var j = 1; j <= 6; j++)
            expected += Math.Pow(0.3 + 0.03 * j, 2);
        expected += 0.65 * 0.65;

        fit.ForecastVariance(8).Should().BeApproximately(fit.Sigma2 * expected, 1e-9);
        fit.Sigma2.Should().BeApproximately(1828.9896265522 / (112 - 11), 1e-6);
    }

    [Fact]
    public void The_backtest_is_exact_on_a_noiseless_series_and_absent_on_a_short_one()
    {
        var y = Enumerable.Range(0, 42).Select(t => 50 + 2.0 * t + Season[t % 7]).ToArray();

        CostForecaster.Backtest(y, 14)!.Value.Should().BeLessThan(1e-9);
        CostForecaster.Backtest(y.Take(20).ToArray(), 14).Should().BeNull();
    }
}

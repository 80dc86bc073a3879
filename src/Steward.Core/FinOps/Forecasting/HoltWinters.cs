using MathNet.Numerics.LinearAlgebra;
using MathNet.Numerics.Optimization;

namespace Steward.Core.FinOps.Forecasting;

/// <summary>
/// Additive Holt–Winters: initial states by least squares on the first seasons, then α, β, γ
/// chosen to minimise the sum of squared one-step-ahead errors (a grid over [0, 1]³, refined by
/// Nelder–Mead inside the box). Deterministic: the same series always gives the same fit.
/// </summary>
public static class HoltWinters
{
    private const int GridSteps = 20;

    /// <summary>The fewest observations a fit needs: two full seasons.</summary>
    public static int MinimumLength(int seasonLength) => 2 * seasonLength;

    public static HoltWintersFit Fit(IReadOnlyList<double> y, int seasonLength = 7)
    {
        if (y.Count < MinimumLength(seasonLength))
            throw new ArgumentException($"Holt-Winters needs at least {MinimumLength(seasonLength)} observations, got {y.Count}.", nameof(y));
        var initial = InitialStates(y, seasonLength);

        // Coarse grid first: the SSE surface can have several local minima.
        var best = new HoltWintersParameters(0.5, 0.1, 0.1);
        var bestSse = double.PositiveInfinity;
        for (var a = 0; a <= GridSteps; a++)
        for (var b = 0; b <= GridSteps; b++)
        for (var g = 0; g <= GridSteps; g++)
        {
            var p = new HoltWintersParameters((double)a / GridSteps, (double)b / GridSteps, (double)g / GridSteps);
            var sse = Run(y, seasonLength, initial, p).Sse;
            if (sse < bestSse)
            {
                bestSse = sse;
                best = p;
            }
        }

        best = Refine(y, seasonLength, initial, best, bestSse);
        return Run(y, seasonLength, initial, best);
    }

    /// <summary>Runs the recursions with fixed parameters (exposed for tests and for comparing fits).</summary>
    public static HoltWintersFit Run(IReadOnlyList<double> y, int seasonLength, HoltWintersParameters p)
        => Run(y, seasonLength, InitialStates(y, seasonLength), p);

    private static HoltWintersParameters Refine(IReadOnlyList<double> y, int m, InitialState initial, HoltWintersParameters start, double startSse)
    {
        // Outside the unit box the objective is the SSE at the nearest point plus a steep penalty.
        double Objective(Vector<double> x)
        {
            var c = Vector<double>.Build.DenseOfEnumerable(x.Select(v => Math.Clamp(v, 0, 1)));
            var penalty = (x - c).L2Norm();
            return Run(y, m, initial, new HoltWintersParameters(c[0], c[1], c[2])).Sse * (1 + 1e3 * penalty) + 1e3 * penalty;
        }

        try
        {
            var solver = new NelderMeadSimplex(1e-12, 2000);
            var result = solver.FindMinimum(ObjectiveFunction.Value(Objective),
                Vector<double>.Build.Dense([start.Alpha, start.Beta, start.Gamma]),
                Vector<double>.Build.Dense([0.025, 0.025, 0.025]));
            var x = result.MinimizingPoint;
            var refined = new HoltWintersParameters(Math.Clamp(x[0], 0, 1), Math.Clamp(x[1], 0, 1), Math.Clamp(x[2], 0, 1));
            return Run(y, m, initial, refined).Sse <= startSse ? refined : start;
        }
        catch (MaximumIterationsException)
        {
            return start;
        }
    }

    private sealed record InitialState(double Level, double Trend, double[] Seasonals);

    /// <summary>
    /// Level, trend and seasonal effects before the first observation, from an ordinary least-squares
    /// fit of y_t = a + b t + s_(t mod m) (effects summing to zero) on the first two to four full
    /// seasons. A series that is exactly trend plus season is then recovered exactly.
    /// </summary>
    private static InitialState InitialStates(IReadOnlyList<double> y, int m)
    {
        var seasons = Math.Min(4, y.Count / m);
        var n = seasons * m;
        var x = Matrix<double>.Build.Dense(n, m + 1);
        var v = Vector<double>.Build.Dense(n);
        for (var t = 0; t < n; t++)
        {
            x[t, 0] = 1;
            x[t, 1] = t;
            var position = t % m;
            for (var j = 0; j < m - 1; j++)
                x[t, 2 + j] = position == j ? 1 : position == m - 1 ? -1 : 0;
            v[t] = y[t];
        }
        var beta = x.QR().Solve(v);
        var seasonals = new double[m];
        for (var j = 0; j < m - 1; j++)
            seasonals[j] = beta[2 + j];
        seasonals[m - 1] = -seasonals.Take(m - 1).Sum();
        // States "at t = −1", so that the first one-step forecast is a + b·0 + s_0.
        return new InitialState(beta[0] - beta[1], beta[1], seasonals);
    }

    private static HoltWintersFit Run(IReadOnlyList<double> y, int m, InitialState initial, HoltWintersParameters p)
    {
        var level = initial.Level;
        var trend = initial.Trend;
        var seasonals = (double[])initial.Seasonals.Clone();
        var sse = 0.0;
        var alpha = p.Alpha;
        var beta = p.EtsBeta;
        var gamma = p.EtsGamma;
        for (var t = 0; t < y.Count; t++)
        {
            var s = t % m;
            var error = y[t] - (level + trend + seasonals[s]);
            sse += error * error;
            level = level + trend + alpha * error;
            trend += beta * error;
            seasonals[s] += gamma * error;
        }
        var ahead = Enumerable.Range(0, m).Select(j => seasonals[(y.Count + j) % m]).ToArray();
        var k = 3 + 2 + (m - 1);
        return new HoltWintersFit
        {
            Parameters = p,
            SeasonLength = m,
            Level = level,
            Trend = trend,
            Seasonals = ahead,
            Sse = sse,
            Sigma2 = sse / Math.Max(1, y.Count - k),
            Observations = y.Count,
        };
    }
}

namespace Steward.Core.FinOps.Forecasting;

/// <summary>
/// The smoothing parameters of additive Holt–Winters in its classic form (each in [0, 1]):
/// <code>
/// ℓ_t = α (y_t − s_{t−m}) + (1 − α)(ℓ_{t−1} + b_{t−1})
/// b_t = β (ℓ_t − ℓ_{t−1}) + (1 − β) b_{t−1}
/// s_t = γ (y_t − ℓ_t) + (1 − γ) s_{t−m}
/// </code>
/// Internally the equivalent error-correction form (ETS(A,A,A), Hyndman et al. 2008) is run:
/// with e_t = y_t − (ℓ_{t−1} + b_{t−1} + s_{t−m}), ℓ_t = ℓ_{t−1} + b_{t−1} + α e_t,
/// b_t = b_{t−1} + αβ e_t, s_t = s_{t−m} + (1 − α)γ e_t.
/// </summary>
public readonly record struct HoltWintersParameters(double Alpha, double Beta, double Gamma)
{
    /// <summary>The ETS trend coefficient αβ.</summary>
    public double EtsBeta => Alpha * Beta;

    /// <summary>The ETS seasonal coefficient (1 − α)γ.</summary>
    public double EtsGamma => (1 - Alpha) * Gamma;
}

/// <summary>A fitted model: parameters, final states, in-sample fit and the residual variance.</summary>
public sealed record HoltWintersFit
{
    public required HoltWintersParameters Parameters { get; init; }
    public required int SeasonLength { get; init; }

    /// <summary>The level and trend after the last observation.</summary>
    public required double Level { get; init; }
    public required double Trend { get; init; }

    /// <summary>The seasonal states after the last observation: <c>Seasonals[j]</c> is for the j-th step ahead modulo m (j = 0 is one step ahead).</summary>
    public required IReadOnlyList<double> Seasonals { get; init; }

    /// <summary>Sum of squared one-step-ahead errors over the history: what the fit minimises.</summary>
    public required double Sse { get; init; }

    /// <summary>Residual variance σ² = SSE / (n − k), k = 3 smoothing parameters + 2 + (m − 1) initial states (at least 1 degree of freedom).</summary>
    public required double Sigma2 { get; init; }

    public required int Observations { get; init; }

    /// <summary>The point forecast h steps after the last observation (h ≥ 1).</summary>
    public double Forecast(int h) => Level + h * Trend + Seasonals[(h - 1) % SeasonLength];

    /// <summary>
    /// The variance of the h-step forecast error for ETS(A,A,A) (Hyndman et al. 2008, class 1):
    /// σ² [1 + Σ_{j=1}^{h−1} c_j²] with c_j = α + αβ j + (1 − α)γ [j mod m = 0].
    /// </summary>
    public double ForecastVariance(int h)
    {
        var p = Parameters;
        var sum = 1.0;
        for (var j = 1; j < h; j++)
        {
            var c = p.Alpha + p.EtsBeta * j + (j % SeasonLength == 0 ? p.EtsGamma : 0);
            sum += c * c;
        }
        return Sigma2 * sum;
    }
}

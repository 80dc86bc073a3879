using MathNet.Numerics;

namespace Steward.Core.Alignment.Statistics;

/// <summary>
/// The exact one-sided Smirnov distribution Pr(D_n^+ &gt;= e) (scipy.special.smirnov), by the
/// Birnbaum–Tingey sum. Every term is positive, so the sum has no cancellation; for large n the
/// terms are formed in log space so that the binomial coefficients cannot overflow.
/// </summary>
public static class Smirnov
{
    /// <summary>Above this n scipy switches to an approximation; so do we.</summary>
    private const int MaxComputeN = 1_000_000;

    public static double Survival(int n, double e)
    {
        if (!(n > 0 && e >= 0.0 && e <= 1.0)) return double.NaN;
        if (e == 0.0) return 1.0;
        if (e == 1.0) return 0.0;
        if (n == 1) return 1.0 - e;
        if (n > MaxComputeN)
        {
            // scipy: p ~ exp(-(6nx+1)^2 / (18n)) when n is too big to sum.
            var logp = -Math.Pow(6.0 * n * e + 1, 2) / 18.0 / n;
            return logp < -Math.Log(2) ? Math.Exp(logp) : 1 - (-SpecialFunctions.Expm1(logp));
        }

        var nn = (int)Math.Floor(n * (1.0 - e));
        var sum = 0.0;
        if (n < 1013)
        {
            var c = 1.0;
            for (var v = 0; v <= nn; v++)
            {
                var evn = e + (double)v / n;
                sum += c * Math.Pow(evn, v - 1) * Math.Pow(1.0 - evn, n - v);
                c *= (double)(n - v) / (v + 1);
            }
        }
        else
        {
            var lgamNp1 = SpecialFunctions.GammaLn(n + 1.0);
            for (var v = 0; v <= nn; v++)
            {
                var evn = e + (double)v / n;
                var omevn = 1.0 - evn;
                if (omevn <= 0.0) continue;
                var t = lgamNp1 - SpecialFunctions.GammaLn(v + 1.0) - SpecialFunctions.GammaLn(n - v + 1.0)
                    + (v - 1) * Math.Log(evn) + (n - v) * Math.Log(omevn);
                if (t > -745) sum += Math.Exp(t);
            }
        }
        return Math.Clamp(sum * e, 0.0, 1.0);
    }
}

namespace Steward.Core.Alignment.Canary;

/// <summary>
/// Brent's root finder exactly as Kayenta's <c>kayenta-mannwhitney</c> BrentSolver (itself R's
/// <c>zeroin</c>, the solver behind <c>uniroot</c> in <c>wilcox.test</c>): same absolute tolerance
/// (1e-4), same iteration cap and the same steps, so that the Mann-Whitney interval lands on the
/// same numbers as Kayenta's and R's. A faithful port rather than MathNet's Brent: a different
/// stopping rule moves the interval's ends by up to the tolerance, and Kayenta's tests pin them to 1e-6.
/// </summary>
internal static class BrentRootFinder
{
    private const int MaxIterations = 1000;
    private const double Tolerance = 1e-4;
    private const double Epsilon = 2.220446049250313E-16;

    /// <summary>A zero of <paramref name="f"/> in [<paramref name="ax"/>, <paramref name="bx"/>], given f at both ends.</summary>
    public static double Solve(double ax, double bx, double fa, double fb, Func<double, double> f)
    {
        var a = ax;
        var b = bx;
        var c = a;
        var fc = fa;

        if (IsZero(fa)) return a;
        if (IsZero(fb)) return b;

        var iteration = MaxIterations + 1;
        while (iteration-- > 0)
        {
            var previousStep = b - a;
            if (Math.Abs(fc) < Math.Abs(fb))
            {
                a = b; b = c; c = a;
                fa = fb; fb = fc; fc = fa;
            }
            var tolerance = 2 * Epsilon * Math.Abs(b) + Tolerance / 2;
            var newStep = (c - b) / 2;

            if (Math.Abs(newStep) <= tolerance || IsZero(fb))
                return b;

            if (Math.Abs(previousStep) >= tolerance && Math.Abs(fa) > Math.Abs(fb))
            {
                double p, q;
                var cb = c - b;
                if (a == c)
                {
                    // Linear interpolation (secant).
                    var t1 = fb / fa;
                    p = cb * t1;
                    q = 1.0 - t1;
                }
                else
                {
                    // Inverse quadratic interpolation.
                    q = fa / fc;
                    var t1 = fb / fc;
                    var t2 = fb / fa;
                    p = t2 * (cb * q * (q - t1) - (b - a) * (t1 - 1.0));
                    q = (q - 1.0) * (t1 - 1.0) * (t2 - 1.0);
                }
                if (p > 0.0) q = -q;
                else p = -p;

                if (p < (0.75 * cb * q - Math.Abs(tolerance * q) / 2) && p < Math.Abs(previousStep * q / 2))
                    newStep = p / q;
            }

            if (Math.Abs(newStep) < tolerance)
                newStep = newStep > 0 ? tolerance : -tolerance;
            a = b;
            fa = fb;
            b += newStep;
            fb = f(b);
            if ((fb > 0 && fc > 0) || (fb < 0 && fc < 0))
            {
                c = a;
                fc = fa;
            }
        }
        // As Kayenta (and R) do when the cap is reached: the best point so far.
        return b;
    }

    /// <summary>Commons Math's <c>Precision.equals(x, 0)</c>: zero, or within one ulp of it.</summary>
    private static bool IsZero(double x) => Math.Abs(x) <= double.Epsilon;
}

namespace Steward.Core.Alignment.Statistics;

/// <summary>Pr(D_n &lt;= x) by the Pomeranz (1974) recursion (scipy's _kolmogn_Pomeranz).</summary>
internal static class KolmogorovPomeranz
{
    private static (int J1, int J2) PomeranzBounds(int i, int n, int ll, int ceilf, int roundf)
    {
        int j1, j2;
        if (i == 0)
        {
            j1 = -ll - ceilf - 1;
            j2 = ll + ceilf - 1;
        }
        else
        {
            var ip1div2 = (i + 1) / 2;
            var ip1mod2 = (i + 1) % 2;
            if (ip1mod2 == 0)
            {
                if (ip1div2 == n + 1)
                {
                    j1 = n - ll - ceilf - 1;
                    j2 = n + ll + ceilf - 1;
                }
                else
                {
                    j1 = ip1div2 - 1 - ll - roundf - 1;
                    j2 = ip1div2 + ll - 1 + ceilf - 1;
                }
            }
            else
            {
                j1 = ip1div2 - 1 - ll - 1;
                j2 = ip1div2 + ll + roundf - 1;
            }
        }
        return (Math.Max(j1 + 2, 0), Math.Min(j2, n));
    }

    /// <summary>Pr(D_n &lt;= x) by the Pomeranz (1974) recursion: rows are convolutions with Poisson-like weights.</summary>
    internal static double Cdf(int n, double x)
    {
        var t = n * x;
        var ll = (int)Math.Floor(t);
        var f = t - ll;
        var g = Math.Min(f, 1.0 - f);
        var ceilf = f > 0 ? 1 : 0;
        var roundf = f > 0.5 ? 1 : 0;
        var npwrs = 2 * (ll + 1);
        var gpower = new double[npwrs];
        var twogpower = new double[npwrs];
        var onem2gpower = new double[npwrs];
        gpower[0] = twogpower[0] = onem2gpower[0] = 1.0;
        var exponent = 0;
        double gOverN = g / n, twoGOverN = 2 * g / n, oneMinusTwoGOverN = (1 - 2 * g) / n;
        for (var m = 1; m < npwrs; m++)
        {
            gpower[m] = gpower[m - 1] * gOverN / m;
            twogpower[m] = twogpower[m - 1] * twoGOverN / m;
            onem2gpower[m] = onem2gpower[m - 1] * oneMinusTwoGOverN / m;
        }

        var v0 = new double[npwrs];
        var v1 = new double[npwrs];
        v1[0] = 1;
        int v0s = 0, v1s = 0;
        var (j1, j2) = PomeranzBounds(0, n, ll, ceilf, roundf);
        for (var i = 1; i < 2 * n + 2; i++)
        {
            var k1 = j1;
            (v0, v1) = (v1, v0);
            (v0s, v1s) = (v1s, v0s);
            Array.Clear(v1);
            (j1, j2) = PomeranzBounds(i, n, ll, ceilf, roundf);
            var pwrs = i == 1 || i == 2 * n + 1 ? gpower : (i % 2 == 1 ? twogpower : onem2gpower);
            var ln2 = j2 - k1 + 1;
            if (ln2 <= 0) continue;
            // Full convolution of V0[k1-V0s .. +ln2) with pwrs[..ln2), keeping entries [j1-k1, j1-k1+len).
            var start = j1 - k1;
            var length = j2 - j1 + 1;
            var offset = k1 - v0s;
            var max = 0.0;
            for (var c = 0; c < length; c++)
            {
                var idx = start + c;
                var sum = 0.0;
                var lo = Math.Max(0, idx - (ln2 - 1));
                var hi = Math.Min(idx, ln2 - 1);
                for (var a = lo; a <= hi; a++)
                {
                    var ai = offset + a;
                    var va = ai < v0.Length ? v0[ai] : 0.0;
                    sum += va * pwrs[idx - a];
                }
                v1[c] = sum;
                if (sum > max) max = sum;
            }
            if (max > 0 && max < KolmogorovDistribution.Em128)
            {
                for (var c = 0; c < v1.Length; c++) v1[c] *= KolmogorovDistribution.Ep128;
                exponent -= KolmogorovDistribution.E128;
            }
            v1s = v0s + j1 - k1;
        }

        var answer = v1[n - v1s];
        for (var m = 1; m <= n; m++)
        {
            if (Math.Abs(answer) > KolmogorovDistribution.Ep128)
            {
                answer *= KolmogorovDistribution.Em128;
                exponent += KolmogorovDistribution.E128;
            }
            answer *= m;
        }
        if (exponent != 0) answer = Math.ScaleB(answer, exponent);
        return KolmogorovDistribution.Clip(answer);
    }
}

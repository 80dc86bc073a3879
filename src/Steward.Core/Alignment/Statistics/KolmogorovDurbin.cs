namespace Steward.Core.Alignment.Statistics;

/// <summary>Pr(D_n &lt;= d) by Durbin's matrix method as Marsaglia, Tsang and Wang (2003) evaluate it (scipy's _kolmogn_DMTW).</summary>
internal static class KolmogorovDurbin
{
    /// <summary>Pr(D_n &lt;= d) by the Durbin matrix H^n (Marsaglia, Tsang, Wang 2003), scaled to avoid overflow.</summary>
    internal static double Cdf(int n, double d)
    {
        if (d >= 1.0) return 1.0;
        var nd = n * d;
        if (nd <= 0.5) return 0.0;
        var k = (int)Math.Ceiling(nd);
        var h = k - nd;
        var m = 2 * k - 1;

        var v = new double[m];
        var w = new double[m];
        var fac = 1.0;
        for (var j = 1; j <= m; j++)
        {
            w[j - 1] = fac;
            fac /= j;
            v[j - 1] = (1.0 - Math.Pow(h, j)) * fac;
        }
        var tt = Math.Pow(Math.Max(2 * h - 1.0, 0), m) - 2 * Math.Pow(h, m);
        v[m - 1] = (1.0 + tt) * fac;

        var hm = new double[m, m];
        for (var i = 1; i < m; i++)
            for (var r = i - 1; r < m; r++)
                hm[r, i] = w[r - (i - 1)];
        for (var r = 0; r < m; r++) hm[r, 0] = v[r];
        for (var c = 0; c < m; c++) hm[m - 1, c] = v[m - 1 - c];

        var power = Identity(m);
        var nn = n;
        var exponent = 0;
        var hExponent = 0;
        while (nn > 0)
        {
            if (nn % 2 == 1)
            {
                power = Multiply(power, hm);
                exponent += hExponent;
            }
            hm = Multiply(hm, hm);
            hExponent *= 2;
            if (Math.Abs(hm[k - 1, k - 1]) > KolmogorovDistribution.Ep128)
            {
                Scale(hm, 1.0 / KolmogorovDistribution.Ep128);
                hExponent += KolmogorovDistribution.E128;
            }
            nn /= 2;
        }

        var p = power[k - 1, k - 1];
        for (var i = 1; i <= n; i++)
        {
            p = i * p / n;
            if (Math.Abs(p) < KolmogorovDistribution.Em128)
            {
                p *= KolmogorovDistribution.Ep128;
                exponent -= KolmogorovDistribution.E128;
            }
        }
        if (exponent != 0) p = Math.ScaleB(p, exponent);
        return KolmogorovDistribution.Clip(p);
    }

    private static double[,] Identity(int m)
    {
        var result = new double[m, m];
        for (var i = 0; i < m; i++) result[i, i] = 1.0;
        return result;
    }

    private static void Scale(double[,] a, double factor)
    {
        var m = a.GetLength(0);
        for (var i = 0; i < m; i++)
            for (var j = 0; j < m; j++)
                a[i, j] *= factor;
    }

    private static double[,] Multiply(double[,] a, double[,] b)
    {
        var m = a.GetLength(0);
        var result = new double[m, m];
        for (var i = 0; i < m; i++)
            for (var l = 0; l < m; l++)
            {
                var ail = a[i, l];
                if (ail == 0) continue;
                for (var j = 0; j < m; j++)
                    result[i, j] += ail * b[l, j];
            }
        return result;
    }
}

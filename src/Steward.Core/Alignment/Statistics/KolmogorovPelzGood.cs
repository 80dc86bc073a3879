namespace Steward.Core.Alignment.Statistics;

/// <summary>The Pelz–Good (1976) approximation of Pr(D_n &lt;= x) (scipy's _kolmogn_PelzGood).</summary>
internal static class KolmogorovPelzGood
{
    /// <summary>The Pelz–Good (1976) asymptotic approximation of Pr(D_n &lt;= x).</summary>
    internal static double Cdf(int n, double x)
    {
        if (x <= 0.0) return 0.0;
        if (x >= 1.0) return 1.0;
        var z = Math.Sqrt(n) * x;
        double z2 = z * z, z3 = z2 * z, z4 = z2 * z2, z6 = z4 * z2;
        const double pi2 = Math.PI * Math.PI;
        var pi4 = pi2 * pi2;
        var pi6 = pi4 * pi2;

        var qlog = -pi2 / 8 / z2;
        if (qlog < KolmogorovDistribution.MinLog) return 0.0;
        var q = Math.Exp(qlog);

        var k1a = -z2;
        var k1b = pi2 / 4;
        var k2a = 6 * z6 + 2 * z4;
        var k2b = (2 * z4 - 5 * z2) * pi2 / 4;
        var k2c = pi4 * (1 - 2 * z2) / 16;
        var k3d = pi6 * (5 - 30 * z2) / 64;
        var k3c = pi4 * (-60 * z2 + 212 * z4) / 16;
        var k3b = pi2 * (135 * z4 - 96 * z6) / 4;
        var k3a = -30 * z6 - 90 * Math.Pow(z, 8);

        Span<double> k = stackalloc double[4];
        var maxk = (int)Math.Ceiling(16 * z / Math.PI);
        for (var kk = maxk; kk > 0; kk--)
        {
            double m = 2 * kk - 1;
            double m2 = m * m, m4 = m2 * m2, m6 = m4 * m2;
            var qpower = Math.Pow(q, 8 * kk);
            k[0] = k[0] * qpower + 1.0;
            k[1] = k[1] * qpower + (k1a + k1b * m2);
            k[2] = k[2] * qpower + (k2a + k2b * m2 + k2c * m4);
            k[3] = k[3] * qpower + (k3a + k3b * m2 + k3c * m4 + k3d * m6);
        }
        for (var i = 0; i < 4; i++) k[i] = k[i] * q * KolmogorovDistribution.Sqrt2Pi;
        k[0] /= z;
        k[1] /= 6 * z4;
        k[2] /= 72 * Math.Pow(z, 7);
        k[3] /= 6480 * Math.Pow(z, 10);

        var q2 = Math.Exp(-pi2 / 2 / z2);
        var sqrt3z = Math.Sqrt(3) * z;
        double k2extra = 0, k3extra = 0;
        for (var kk = maxk; kk > 0; kk--)
        {
            double ksq = (double)kk * kk;
            var qp = Math.Pow(q2, ksq);
            k2extra += ksq * qp;
            var kspi = Math.PI * kk;
            k3extra += (sqrt3z + kspi) * (sqrt3z - kspi) * ksq * qp;
        }
        k[2] += k2extra * pi2 * KolmogorovDistribution.Sqrt2Pi / (-36 * z3);
        k[3] += k3extra * pi2 * KolmogorovDistribution.Sqrt2Pi / (216 * z6);
        for (var i = 1; i < 4; i++) k[i] /= Math.Pow(n, i / 2.0);
        return k[0] + k[1] + k[2] + k[3];
    }
}

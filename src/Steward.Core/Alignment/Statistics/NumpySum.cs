namespace Steward.Core.Alignment.Statistics;

/// <summary>
/// numpy's pairwise summation (the order <c>np.sum</c> adds float64 values in). It matters where a result
/// amplifies rounding, e.g. Hellinger's sqrt(1 − Σ√(pq)) for identical distributions, where a sum of
/// 0.9999999999999999 instead of 1 turns a distance of 0 into 1e-8.
/// </summary>
public static class NumpySum
{
    private const int BlockSize = 128;

    public static double Sum(ReadOnlySpan<double> a)
    {
        var n = a.Length;
        if (n < 8)
        {
            // numpy starts from -0.0 so that a sum of negative zeros stays -0.0; the value is the same otherwise.
            var res = -0.0;
            for (var i = 0; i < n; i++) res += a[i];
            return res;
        }
        if (n <= BlockSize)
        {
            Span<double> r = stackalloc double[8];
            for (var j = 0; j < 8; j++) r[j] = a[j];
            var i = 8;
            for (; i < n - (n % 8); i += 8)
                for (var j = 0; j < 8; j++) r[j] += a[i + j];
            var res = ((r[0] + r[1]) + (r[2] + r[3])) + ((r[4] + r[5]) + (r[6] + r[7]));
            for (; i < n; i++) res += a[i];
            return res;
        }
        var n2 = n / 2;
        n2 -= n2 % 8;
        return Sum(a[..n2]) + Sum(a[n2..]);
    }
}

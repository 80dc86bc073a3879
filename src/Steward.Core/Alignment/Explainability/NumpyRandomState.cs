namespace Steward.Core.Alignment.Explainability;

/// <summary>
/// numpy's legacy <c>np.random.RandomState</c> as far as permutation importance needs it: the MT19937
/// generator seeded by <c>init_genrand</c>, <c>randint(2**31)</c> and the in-place <c>shuffle</c> of
/// a 1-D array (Fisher–Yates from the end, each index drawn by numpy's masked rejection
/// <c>random_interval</c>). With it the rows Steward permutes for a seed are exactly those scikit-learn's
/// <c>permutation_importance(random_state=seed)</c> permutes, so the two can be compared number for
/// number rather than only in distribution.
/// </summary>
public sealed class NumpyRandomState
{
    private const int N = 624;
    private const int M = 397;
    private readonly uint[] _state = new uint[N];
    private int _index;

    /// <summary><c>np.random.RandomState(seed)</c>.</summary>
    public NumpyRandomState(uint seed)
    {
        _state[0] = seed;
        for (var i = 1; i < N; i++)
            _state[i] = 1812433253u * (_state[i - 1] ^ (_state[i - 1] >> 30)) + (uint)i;
        _index = N;
    }

    /// <summary>The next 32 random bits (<c>genrand_int32</c>).</summary>
    public uint NextUInt32()
    {
        if (_index >= N)
            Twist();
        var y = _state[_index++];
        y ^= y >> 11;
        y ^= (y << 7) & 0x9d2c5680u;
        y ^= (y << 15) & 0xefc60000u;
        y ^= y >> 18;
        return y;
    }

    private void Twist()
    {
        for (var k = 0; k < N; k++)
        {
            var y = (_state[k] & 0x80000000u) | (_state[(k + 1) % N] & 0x7fffffffu);
            _state[k] = _state[(k + M) % N] ^ (y >> 1) ^ ((y & 1u) != 0 ? 0x9908b0dfu : 0u);
        }
        _index = 0;
    }

    /// <summary><c>randint(2**31)</c>: one draw masked to 31 bits (the mask equals the range, so nothing is rejected).</summary>
    public int NextInt31() => (int)(NextUInt32() & 0x7fffffffu);

    /// <summary>A uniform integer in [0, <paramref name="max"/>] by numpy's <c>random_interval</c> (32-bit draws suffice below 2³²).</summary>
    public int Interval(int max)
    {
        if (max == 0)
            return 0;
        var mask = (uint)max;
        mask |= mask >> 1;
        mask |= mask >> 2;
        mask |= mask >> 4;
        mask |= mask >> 8;
        mask |= mask >> 16;
        uint value;
        while ((value = NextUInt32() & mask) > (uint)max)
        {
        }
        return (int)value;
    }

    /// <summary><c>shuffle(x)</c> of a 1-D array, in place.</summary>
    public void Shuffle(int[] values)
    {
        for (var i = values.Length - 1; i >= 1; i--)
        {
            var j = Interval(i);
            (values[i], values[j]) = (values[j], values[i]);
        }
    }
}

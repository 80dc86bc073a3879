using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;

namespace Steward.Core.Alignment.Statistics;

/// <summary>
/// Sorts finite doubles ascending with a least-significant-digit radix sort on their bit patterns
/// (six passes of 11 bits, a pass skipped when every value shares its digit). Linear in the number of
/// values and several times faster than a comparison sort or DuckDB's ORDER BY on one column. One read
/// of the values turns them into ordered keys and counts all six digits at once (the counts fit the
/// first-level cache, where 16-bit digits needed a counting read per pass and scattered into 65,536
/// places); the caller supplies the scratch buffer, so a pool can keep allocation flat.
/// </summary>
public static class DoubleRadixSort
{
    private const int DigitBits = 11;
    private const int Buckets = 1 << DigitBits;
    private const ulong DigitMask = Buckets - 1;
    private const int Digits = (64 + DigitBits - 1) / DigitBits;
    private const ulong SignBit = 0x8000000000000000UL;

    /// <summary>Sorts <paramref name="values"/> in place; <paramref name="scratch"/> must be at least as long.</summary>
    // Optimised at once: its loops run a few times per column, too few for tiered compilation to help.
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    public static void Sort(Span<double> values, Span<ulong> scratch)
    {
        if (scratch.Length < values.Length)
            throw new ArgumentException("The scratch buffer is shorter than the values.", nameof(scratch));
        var keys = MemoryMarshal.Cast<double, ulong>(values);
        var other = scratch[..values.Length];
        var counts = new int[Digits * Buckets];
        // IEEE 754 bit patterns order like the numbers once negative values have all bits flipped and
        // positive ones their sign bit set. -0.0 lands just below +0.0; the two compare equal anyway.
        for (var i = 0; i < keys.Length; i++)
        {
            var bits = keys[i];
            var key = (bits & SignBit) != 0 ? ~bits : bits | SignBit;
            keys[i] = key;
            for (var d = 0; d < Digits; d++)
                counts[d * Buckets + (int)((key >> (d * DigitBits)) & DigitMask)]++;
        }

        var inKeys = true;
        for (var d = 0; d < Digits; d++)
        {
            var digit = counts.AsSpan(d * Buckets, Buckets);
            if (digit.IndexOf(keys.Length) >= 0)
                continue;
            var sum = 0;
            for (var b = 0; b < Buckets; b++)
            {
                var count = digit[b];
                digit[b] = sum;
                sum += count;
            }
            Span<ulong> from = inKeys ? keys : other;
            Span<ulong> to = inKeys ? other : keys;
            var shift = d * DigitBits;
            foreach (var key in from)
                to[digit[(int)((key >> shift) & DigitMask)]++] = key;
            inKeys = !inKeys;
        }

        if (!inKeys) other.CopyTo(keys);
        for (var i = 0; i < keys.Length; i++)
        {
            var key = keys[i];
            keys[i] = (key & SignBit) != 0 ? key & ~SignBit : ~key;
        }
    }
}

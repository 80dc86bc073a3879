using System.Collections;
using System.Runtime.CompilerServices;

namespace Steward.Core.Alignment.Statistics;

/// <summary>
/// <see cref="SortedValueMerge"/> over two sorted arrays: the same ascending stream of distinct values
/// with their counts, walked with two indexes instead of two enumerators and an iterator, since a
/// column of a million values makes a million steps.
/// </summary>
public static class SortedArrayMerge
{
    /// <summary>Merges the first <paramref name="countReference"/> and <paramref name="countCurrent"/> values of two ascending arrays.</summary>
    public static IEnumerable<ValueCount> Merge(double[] reference, int countReference, double[] current, int countCurrent)
    {
        ArgumentOutOfRangeException.ThrowIfGreaterThan(countReference, reference.Length);
        ArgumentOutOfRangeException.ThrowIfGreaterThan(countCurrent, current.Length);
        return new Walk(reference, countReference, current, countCurrent);
    }

    private sealed class Walk(double[] reference, int countReference, double[] current, int countCurrent) : IEnumerable<ValueCount>, IEnumerator<ValueCount>
    {
        private int _r;
        private int _c;
        private double _previous = double.NegativeInfinity;
        private bool _started;

        public ValueCount Current { get; private set; }

        object IEnumerator.Current => Current;

        [MethodImpl(MethodImplOptions.AggressiveOptimization)]
        public bool MoveNext()
        {
            var r = _r;
            var c = _c;
            var hasReference = r < countReference;
            var hasCurrent = c < countCurrent;
            if (!hasReference && !hasCurrent) return false;
            var value = !hasCurrent || (hasReference && reference[r] <= current[c]) ? reference[r] : current[c];
            if (!(value >= _previous))
                throw new ArgumentException("The samples must be sorted ascending and hold no NaN.");
            _previous = value;
            var startR = r;
            while (r < countReference && reference[r] == value) r++;
            var startC = c;
            while (c < countCurrent && current[c] == value) c++;
            Current = new ValueCount(value, r - startR, c - startC);
            _r = r;
            _c = c;
            return true;
        }

        public IEnumerator<ValueCount> GetEnumerator()
        {
            // One walk per merge: a second enumeration starts a fresh one.
            if (!_started)
            {
                _started = true;
                return this;
            }
            return new Walk(reference, countReference, current, countCurrent).GetEnumerator();
        }

        IEnumerator IEnumerable.GetEnumerator() => GetEnumerator();

        public void Reset() => throw new NotSupportedException();

        public void Dispose()
        {
        }
    }
}

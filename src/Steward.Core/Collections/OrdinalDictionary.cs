using System.Collections;
using System.Diagnostics.CodeAnalysis;

namespace Steward.Core.Collections;

/// <summary>
/// A small read-only dictionary from strings to values, its keys in ordinal order (so reports and JSON come
/// out sorted), looked up by binary search. Used instead of <c>SortedDictionary&lt;string, T&gt;</c>
/// for what every <c>steward check</c> reads (evaluation results, thresholds, settings): the
/// framework's sorted collections over value types are not precompiled by ReadyToRun, and their JIT
/// compilation was about a fifth of the methods compiled at start-up (docs/benchmarks.md); this
/// class's instantiations are compiled with Steward.
/// </summary>
public sealed class OrdinalDictionary<TValue> : IReadOnlyDictionary<string, TValue>
{
    private readonly string[] _keys;
    private readonly TValue[] _values;

    private OrdinalDictionary(string[] keys, TValue[] values)
    {
        _keys = keys;
        _values = values;
    }

    public static OrdinalDictionary<TValue> Empty { get; } = new([], []);

    public int Count => _keys.Length;

    public TValue this[string key] => TryGetValue(key, out var value) ? value : throw new KeyNotFoundException($"'{key}' is not in the dictionary");

    public IEnumerable<string> Keys => _keys;

    public IEnumerable<TValue> Values => _values;

    public bool ContainsKey(string key) => IndexOf(_keys, _keys.Length, key) >= 0;

    public bool TryGetValue(string key, [MaybeNullWhen(false)] out TValue value)
    {
        var i = IndexOf(_keys, _keys.Length, key);
        if (i < 0)
        {
            value = default;
            return false;
        }
        value = _values[i];
        return true;
    }

    public IEnumerator<KeyValuePair<string, TValue>> GetEnumerator()
    {
        for (var i = 0; i < _keys.Length; i++) yield return new KeyValuePair<string, TValue>(_keys[i], _values[i]);
    }

    IEnumerator IEnumerable.GetEnumerator() => GetEnumerator();

    /// <summary>The index of <paramref name="key"/> among the first <paramref name="count"/> sorted keys, or the complement of where it would go.</summary>
    private static int IndexOf(string[] keys, int count, string key)
    {
        int low = 0, high = count - 1;
        while (low <= high)
        {
            var mid = low + ((high - low) >> 1);
            var order = string.CompareOrdinal(keys[mid], key);
            if (order == 0) return mid;
            if (order < 0) low = mid + 1;
            else high = mid - 1;
        }
        return ~low;
    }

    /// <summary>Collects entries (a repeated key keeps its last value, as a dictionary's indexer does), then makes the dictionary.</summary>
    /// <summary>
    /// Whether <paramref name="other"/> holds every entry of this one (a label selector's test), by index:
    /// no enumerator and no delegate for each of the hundreds of thousands of budget-workload pairs.
    /// </summary>
    public bool IsContainedIn(IReadOnlyDictionary<string, TValue> other)
    {
        for (var i = 0; i < _keys.Length; i++)
        {
            if (!other.TryGetValue(_keys[i], out var value) || !EqualityComparer<TValue>.Default.Equals(value, _values[i])) return false;
        }
        return true;
    }

    /// <summary>
    /// The entries of <paramref name="under"/> and <paramref name="over"/>, the value of <paramref name="over"/>
    /// where both hold a key (a workload's labels over its pod template's). One pass over the two sorted
    /// key arrays instead of a builder inserting each entry; either one itself when the other adds nothing.
    /// </summary>
    public static OrdinalDictionary<TValue> Overlay(OrdinalDictionary<TValue> under, OrdinalDictionary<TValue> over)
    {
        if (under.Count == 0) return over;
        var a = under._keys;
        var b = over._keys;
        var shared = 0;
        for (int i = 0, j = 0; i < a.Length && j < b.Length;)
        {
            var order = string.CompareOrdinal(a[i], b[j]);
            if (order == 0) { shared++; i++; j++; }
            else if (order < 0) i++;
            else j++;
        }
        if (shared == a.Length) return over; // every key of under is overridden
        var count = a.Length + b.Length - shared;
        var keys = new string[count];
        var values = new TValue[count];
        int x = 0, y = 0, k = 0;
        while (x < a.Length || y < b.Length)
        {
            var order = x == a.Length ? 1 : y == b.Length ? -1 : string.CompareOrdinal(a[x], b[y]);
            if (order < 0) { keys[k] = a[x]; values[k++] = under._values[x++]; }
            else
            {
                keys[k] = b[y]; values[k++] = over._values[y++];
                if (order == 0) x++;
            }
        }
        return new OrdinalDictionary<TValue>(keys, values);
    }

    public sealed class Builder
    {
        private string[] _keys;
        private TValue[] _values;
        private int _count;

        // Whether a dictionary was built on the current arrays (they must not change in place any more).
        private bool _handedOver;

        public Builder() : this(4)
        {
        }

        /// <param name="capacity">The number of entries expected (a mapping's size): arrays of that size, not grown.</param>
        public Builder(int capacity)
        {
            _keys = new string[Math.Max(capacity, 1)];
            _values = new TValue[_keys.Length];
        }

        public int Count => _count;

        public TValue this[string key]
        {
            set
            {
                if (_handedOver)
                {
                    _keys = (string[])_keys.Clone();
                    _values = (TValue[])_values.Clone();
                    _handedOver = false;
                }
                var i = IndexOf(_keys, _count, key);
                if (i >= 0)
                {
                    _values[i] = value;
                    return;
                }
                i = ~i;
                if (_count == _keys.Length)
                {
                    Array.Resize(ref _keys, _count * 2);
                    var values = new TValue[_count * 2];
                    Array.Copy(_values, values, _count);
                    _values = values;
                }
                Array.Copy(_keys, i, _keys, i + 1, _count - i);
                Array.Copy(_values, i, _values, i + 1, _count - i);
                _keys[i] = key;
                _values[i] = value;
                _count++;
            }
        }

        public bool ContainsKey(string key) => IndexOf(_keys, _count, key) >= 0;

        public OrdinalDictionary<TValue> ToDictionary()
        {
            if (_count == 0) return Empty;
            if (_count == _keys.Length)
            {
                // Exactly full (a builder of the right capacity): the arrays are handed over, not copied;
                // the builder copies them before it changes anything again.
                _handedOver = true;
                return new OrdinalDictionary<TValue>(_keys, _values);
            }
            var keys = new string[_count];
            var values = new TValue[_count];
            Array.Copy(_keys, keys, _count);
            Array.Copy(_values, values, _count);
            return new OrdinalDictionary<TValue>(keys, values);
        }
    }
}

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
    public sealed class Builder
    {
        private string[] _keys = new string[4];
        private TValue[] _values = new TValue[4];
        private int _count;

        public int Count => _count;

        public TValue this[string key]
        {
            set
            {
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
            var keys = new string[_count];
            var values = new TValue[_count];
            Array.Copy(_keys, keys, _count);
            Array.Copy(_values, values, _count);
            return new OrdinalDictionary<TValue>(keys, values);
        }
    }
}

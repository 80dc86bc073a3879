using System.Collections.Immutable;

namespace Steward.Rego.Values;

/// <summary>Compares values with OPA's total order; shared by sorted sets and objects.</summary>
public sealed class RegoValueComparer : IComparer<RegoValue>
{
    public static readonly RegoValueComparer Instance = new();

    public int Compare(RegoValue? x, RegoValue? y) => x is null ? (y is null ? 0 : -1) : x.CompareTo(y);
}

public sealed class RegoArray : RegoValue
{
    public static readonly RegoArray Empty = new(ImmutableArray<RegoValue>.Empty);

    public RegoArray(ImmutableArray<RegoValue> items) => Items = items;

    public RegoArray(IEnumerable<RegoValue> items) => Items = [.. items];

    public ImmutableArray<RegoValue> Items { get; }

    public int Count => Items.Length;

    public RegoValue this[int index] => Items[index];

    public override RegoKind Kind => RegoKind.Array;

    protected override int CompareSameKind(RegoValue other)
    {
        var o = ((RegoArray)other).Items;
        var n = Math.Min(Items.Length, o.Length);
        for (var i = 0; i < n; i++)
        {
            var c = Items[i].CompareTo(o[i]);
            if (c != 0) return c;
        }
        return Items.Length.CompareTo(o.Length);
    }

    public override int GetHashCode()
    {
        var h = new HashCode();
        foreach (var item in Items) h.Add(item.GetHashCode());
        return h.ToHashCode();
    }
}

public sealed class RegoSet : RegoValue
{
    public static readonly RegoSet Empty = new(ImmutableSortedSet.Create<RegoValue>(RegoValueComparer.Instance));

    public RegoSet(ImmutableSortedSet<RegoValue> items) => Items = items;

    public RegoSet(IEnumerable<RegoValue> items) => Items = ImmutableSortedSet.CreateRange(RegoValueComparer.Instance, items);

    public ImmutableSortedSet<RegoValue> Items { get; }

    public int Count => Items.Count;

    public bool Contains(RegoValue v) => Items.Contains(v);

    public RegoSet Add(RegoValue v) => new(Items.Add(v));

    public override RegoKind Kind => RegoKind.Set;

    protected override int CompareSameKind(RegoValue other)
    {
        var o = ((RegoSet)other).Items;
        using var a = Items.GetEnumerator();
        using var b = o.GetEnumerator();
        while (true)
        {
            var ha = a.MoveNext();
            var hb = b.MoveNext();
            if (!ha || !hb) return ha == hb ? 0 : (ha ? 1 : -1);
            var c = a.Current.CompareTo(b.Current);
            if (c != 0) return c;
        }
    }

    public override int GetHashCode()
    {
        var h = 7;
        foreach (var item in Items) h += item.GetHashCode();
        return h;
    }
}

public sealed class RegoObject : RegoValue
{
    public static readonly RegoObject Empty = new(ImmutableSortedDictionary.Create<RegoValue, RegoValue>(RegoValueComparer.Instance));

    // One of two forms. Objects the engine builds hold a sorted dictionary. Objects decoded from
    // JSON (RegoJsonDecoder) hold their entries in an array sorted by key, keys unique: a tenth of
    // the allocations of a tree, and most input objects are only read (Get, iteration, Count);
    // the dictionary is made from the array on first use of Items.
    private ImmutableSortedDictionary<RegoValue, RegoValue>? _items;
    private readonly KeyValuePair<RegoValue, RegoValue>[]? _sorted;

    public RegoObject(ImmutableSortedDictionary<RegoValue, RegoValue> items) => _items = items;

    public RegoObject(IEnumerable<KeyValuePair<RegoValue, RegoValue>> items)
        => _items = ImmutableSortedDictionary.CreateRange(RegoValueComparer.Instance, items);

    /// <summary>An object of entries sorted by key with OPA's order, no key twice; the caller gives up the array.</summary>
    internal RegoObject(KeyValuePair<RegoValue, RegoValue>[] sorted) => _sorted = sorted;

    public ImmutableSortedDictionary<RegoValue, RegoValue> Items => _items ?? MakeItems();

    private ImmutableSortedDictionary<RegoValue, RegoValue> MakeItems()
    {
        var builder = ImmutableSortedDictionary.CreateBuilder<RegoValue, RegoValue>(RegoValueComparer.Instance);
        foreach (var kv in _sorted!) builder.Add(kv.Key, kv.Value);
        // Concurrent evaluations may both build it: equal dictionaries, one is kept.
        Interlocked.CompareExchange(ref _items, builder.ToImmutable(), null);
        return _items;
    }

    /// <summary>The entries in key order, without making the dictionary of a decoded object.</summary>
    public IEnumerable<KeyValuePair<RegoValue, RegoValue>> Entries => (IEnumerable<KeyValuePair<RegoValue, RegoValue>>?)_sorted ?? _items!;

    public int Count => _sorted?.Length ?? _items!.Count;

    public RegoValue? Get(RegoValue key)
    {
        if (_sorted is not { } sorted) return _items!.TryGetValue(key, out var v) ? v : null;
        int lo = 0, hi = sorted.Length - 1;
        while (lo <= hi)
        {
            var mid = lo + ((hi - lo) >> 1);
            var c = sorted[mid].Key.CompareTo(key);
            if (c == 0) return sorted[mid].Value;
            if (c < 0) lo = mid + 1;
            else hi = mid - 1;
        }
        return null;
    }

    public RegoValue? Get(string key) => Get(new RegoString(key));

    public RegoObject Set(RegoValue key, RegoValue value) => new(Items.SetItem(key, value));

    public RegoObject Remove(RegoValue key) => new(Items.Remove(key));

    public override RegoKind Kind => RegoKind.Object;

    protected override int CompareSameKind(RegoValue other)
    {
        var o = (RegoObject)other;
        using var a = Entries.GetEnumerator();
        using var b = o.Entries.GetEnumerator();
        while (true)
        {
            var ha = a.MoveNext();
            var hb = b.MoveNext();
            if (!ha || !hb) return ha == hb ? 0 : (ha ? 1 : -1);
            var c = a.Current.Key.CompareTo(b.Current.Key);
            if (c != 0) return c;
            c = a.Current.Value.CompareTo(b.Current.Value);
            if (c != 0) return c;
        }
    }

    public override int GetHashCode()
    {
        var h = 11;
        foreach (var kv in Entries) h += HashCode.Combine(kv.Key.GetHashCode(), kv.Value.GetHashCode());
        return h;
    }

    public static RegoObject FromStrings(IEnumerable<KeyValuePair<string, RegoValue>> items)
        => new(items.Select(kv => new KeyValuePair<RegoValue, RegoValue>(new RegoString(kv.Key), kv.Value)));
}

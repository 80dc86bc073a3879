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

    public RegoObject(ImmutableSortedDictionary<RegoValue, RegoValue> items) => Items = items;

    public RegoObject(IEnumerable<KeyValuePair<RegoValue, RegoValue>> items)
        => Items = ImmutableSortedDictionary.CreateRange(RegoValueComparer.Instance, items);

    public ImmutableSortedDictionary<RegoValue, RegoValue> Items { get; }

    public int Count => Items.Count;

    public RegoValue? Get(RegoValue key) => Items.TryGetValue(key, out var v) ? v : null;

    public RegoValue? Get(string key) => Get(new RegoString(key));

    public RegoObject Set(RegoValue key, RegoValue value) => new(Items.SetItem(key, value));

    public RegoObject Remove(RegoValue key) => new(Items.Remove(key));

    public override RegoKind Kind => RegoKind.Object;

    protected override int CompareSameKind(RegoValue other)
    {
        var o = ((RegoObject)other).Items;
        using var a = Items.GetEnumerator();
        using var b = o.GetEnumerator();
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
        foreach (var kv in Items) h += HashCode.Combine(kv.Key.GetHashCode(), kv.Value.GetHashCode());
        return h;
    }

    public static RegoObject FromStrings(IEnumerable<KeyValuePair<string, RegoValue>> items)
        => new(items.Select(kv => new KeyValuePair<RegoValue, RegoValue>(new RegoString(kv.Key), kv.Value)));
}

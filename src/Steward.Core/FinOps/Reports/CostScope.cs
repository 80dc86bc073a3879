namespace Steward.Core.FinOps.Reports;

/// <summary>The values of the grouping dimensions that identify one series of costs (empty for the whole store).</summary>
public sealed class CostScope : IEquatable<CostScope>, IComparable<CostScope>
{
    public static readonly CostScope Whole = new([]);

    public CostScope(IReadOnlyList<string?> keys) => Keys = keys;

    public IReadOnlyList<string?> Keys { get; }

    public bool Equals(CostScope? other) => other is not null && Keys.SequenceEqual(other.Keys, StringComparer.Ordinal);

    public override bool Equals(object? obj) => Equals(obj as CostScope);

    public override int GetHashCode()
    {
        var hash = new HashCode();
        foreach (var key in Keys)
            hash.Add(key, StringComparer.Ordinal);
        return hash.ToHashCode();
    }

    /// <summary>Ordinal, key by key, nulls last: the order of ties in every report.</summary>
    public int CompareTo(CostScope? other)
    {
        if (other is null)
            return 1;
        for (var i = 0; i < Math.Min(Keys.Count, other.Keys.Count); i++)
        {
            var (a, b) = (Keys[i], other.Keys[i]);
            var c = a is null ? (b is null ? 0 : 1) : b is null ? -1 : string.CompareOrdinal(a, b);
            if (c != 0)
                return c;
        }
        return Keys.Count.CompareTo(other.Keys.Count);
    }

    /// <summary>"ServiceName=Compute, tag:team=ml", for messages and finding subjects.</summary>
    public string Describe(IReadOnlyList<string> dimensions)
        => Keys.Count == 0 ? "all costs" : string.Join(", ", dimensions.Zip(Keys, (d, k) => $"{d}={k ?? "(none)"}"));

    public override string ToString() => "[" + string.Join(", ", Keys) + "]";
}

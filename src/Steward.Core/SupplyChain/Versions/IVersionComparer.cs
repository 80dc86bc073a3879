namespace Steward.Core.SupplyChain.Versions;

/// <summary>
/// Orders the version strings of one ecosystem exactly as that ecosystem's tools do.
/// <see cref="IComparer{T}.Compare"/> throws <see cref="FormatException"/> for a version the
/// ecosystem would reject; call <see cref="IsValid"/> first when the input is untrusted.
/// </summary>
public interface IVersionComparer : IComparer<string>
{
    /// <summary>The OSV ecosystem name ("PyPI", "npm", "Maven", "NuGet", "Go", "crates.io") or "SemVer".</summary>
    string Ecosystem { get; }

    /// <summary>Whether <paramref name="version"/> is a version this ecosystem can order.</summary>
    bool IsValid(string version);

    /// <summary>Parses once for many comparisons (matching compares one version with many bounds); null when invalid.</summary>
    ParsedVersion? ParseVersion(string version);
}

/// <summary>A version parsed by its ecosystem's comparer, ordered by that comparer.</summary>
public sealed class ParsedVersion : IComparable<ParsedVersion>
{
    private readonly object _key;
    private readonly Func<object, object, int> _compare;

    internal ParsedVersion(string text, object key, Func<object, object, int> compare)
    {
        Text = text;
        _key = key;
        _compare = compare;
    }

    public string Text { get; }

    public int CompareTo(ParsedVersion? other) => other is null ? 1 : _compare(_key, other._key);

    public override string ToString() => Text;
}

/// <summary>Base class: parse both sides to a key, then compare the keys.</summary>
public abstract class VersionComparer<TKey> : IVersionComparer
{
    public abstract string Ecosystem { get; }

    /// <summary>Parses a version, or returns false when the ecosystem would reject it.</summary>
    public abstract bool TryParse(string version, out TKey key);

    /// <summary>Compares two parsed versions.</summary>
    public abstract int CompareKeys(TKey x, TKey y);

    // Matching parses the same bounds once per component of a package: parsed keys are cached
    // (they are immutable), and the cache is dropped when it grows past a bound.
    private const int CacheLimit = 1 << 16;
    private readonly System.Collections.Concurrent.ConcurrentDictionary<string, (bool Ok, TKey Key)> _cache = new(StringComparer.Ordinal);

    private bool TryParseCached(string version, out TKey key)
    {
        if (!_cache.TryGetValue(version, out var entry))
        {
            entry.Ok = TryParse(version, out entry.Key);
            if (_cache.Count >= CacheLimit) _cache.Clear();
            _cache[version] = entry;
        }
        key = entry.Key;
        return entry.Ok;
    }

    public bool IsValid(string version) => TryParseCached(version, out _);

    private Func<object, object, int>? _boxedCompare;

    public ParsedVersion? ParseVersion(string version)
    {
        if (!TryParseCached(version, out var key)) return null;
        _boxedCompare ??= (a, b) => CompareKeys((TKey)a, (TKey)b);
        return new ParsedVersion(version, key!, _boxedCompare);
    }

    public TKey Parse(string version) => TryParseCached(version, out var key)
        ? key
        : throw new FormatException($"'{version}' is not a valid {Ecosystem} version.");

    public int Compare(string? x, string? y)
    {
        ArgumentNullException.ThrowIfNull(x);
        ArgumentNullException.ThrowIfNull(y);
        return CompareKeys(Parse(x), Parse(y));
    }
}

/// <summary>Helpers shared by the comparers.</summary>
internal static class Numeric
{
    /// <summary>
    /// Compares two strings of ASCII digits as unbounded integers (leading zeros ignored), so a
    /// 20-digit date-stamped component never overflows.
    /// </summary>
    public static int Compare(ReadOnlySpan<char> x, ReadOnlySpan<char> y)
    {
        x = x.TrimStart('0');
        y = y.TrimStart('0');
        if (x.Length != y.Length) return x.Length < y.Length ? -1 : 1;
        return Math.Sign(x.SequenceCompareTo(y));
    }

    public static bool IsDigits(ReadOnlySpan<char> s)
    {
        if (s.IsEmpty) return false;
        foreach (var c in s)
            if (c is < '0' or > '9') return false;
        return true;
    }
}

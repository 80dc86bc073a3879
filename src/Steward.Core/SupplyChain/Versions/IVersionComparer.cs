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
}

/// <summary>Base class: parse both sides to a key, then compare the keys.</summary>
public abstract class VersionComparer<TKey> : IVersionComparer
{
    public abstract string Ecosystem { get; }

    /// <summary>Parses a version, or returns false when the ecosystem would reject it.</summary>
    public abstract bool TryParse(string version, out TKey key);

    /// <summary>Compares two parsed versions.</summary>
    public abstract int CompareKeys(TKey x, TKey y);

    public bool IsValid(string version) => TryParse(version, out _);

    public TKey Parse(string version) => TryParse(version, out var key)
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

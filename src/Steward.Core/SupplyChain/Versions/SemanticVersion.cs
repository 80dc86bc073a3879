namespace Steward.Core.SupplyChain.Versions;

/// <summary>
/// A Semantic Versioning 2.0.0 version (https://semver.org/): MAJOR.MINOR.PATCH, optional
/// pre-release identifiers after '-', optional build metadata after '+'. Numbers are kept as digit
/// strings so that precedence is exact for any length.
/// </summary>
public sealed record SemanticVersion(string Major, string Minor, string Patch, IReadOnlyList<string> Prerelease, string Build)
{
    /// <summary>
    /// Parses a strict SemVer 2.0.0 string: numeric identifiers without leading zeros, non-empty
    /// identifiers of [0-9A-Za-z-] (semver.org §2, §9, §10).
    /// </summary>
    public static bool TryParse(ReadOnlySpan<char> text, out SemanticVersion version)
    {
        version = null!;
        var plus = text.IndexOf('+');
        var build = ReadOnlySpan<char>.Empty;
        if (plus >= 0)
        {
            build = text[(plus + 1)..];
            text = text[..plus];
            if (!AreIdentifiers(build, numericMayHaveLeadingZero: true)) return false;
        }

        var dash = text.IndexOf('-');
        var pre = ReadOnlySpan<char>.Empty;
        if (dash >= 0)
        {
            pre = text[(dash + 1)..];
            text = text[..dash];
            if (!AreIdentifiers(pre, numericMayHaveLeadingZero: false)) return false;
        }

        Span<Range> parts = stackalloc Range[4];
        if (text.Split(parts, '.') != 3) return false;
        var major = text[parts[0]];
        var minor = text[parts[1]];
        var patch = text[parts[2]];
        if (!IsNumber(major) || !IsNumber(minor) || !IsNumber(patch)) return false;

        version = new SemanticVersion(major.ToString(), minor.ToString(), patch.ToString(),
            pre.IsEmpty ? [] : pre.ToString().Split('.'), build.ToString());
        return true;
    }

    /// <summary>A numeric identifier: digits, no leading zero unless it is "0" (semver.org §2).</summary>
    internal static bool IsNumber(ReadOnlySpan<char> s) => Numeric.IsDigits(s) && (s.Length == 1 || s[0] != '0');

    private static bool AreIdentifiers(ReadOnlySpan<char> s, bool numericMayHaveLeadingZero)
    {
        if (s.IsEmpty) return false;
        foreach (var range in s.Split('.'))
        {
            var id = s[range];
            if (id.IsEmpty) return false;
            foreach (var c in id)
                if (!char.IsAsciiLetterOrDigit(c) && c != '-') return false;
            if (!numericMayHaveLeadingZero && Numeric.IsDigits(id) && id.Length > 1 && id[0] == '0') return false;
        }
        return true;
    }

    /// <summary>
    /// SemVer precedence (semver.org §11): major, minor, patch numerically; a version with a
    /// pre-release is lower than the same version without; pre-release identifiers compared left
    /// to right, numeric ones numerically, alphanumeric ones in ASCII order, numeric lower than
    /// alphanumeric, and a shorter list lower when all shared identifiers are equal. Build
    /// metadata is ignored.
    /// </summary>
    public static int ComparePrecedence(SemanticVersion x, SemanticVersion y)
    {
        var c = Numeric.Compare(x.Major, y.Major);
        if (c != 0) return c;
        c = Numeric.Compare(x.Minor, y.Minor);
        if (c != 0) return c;
        c = Numeric.Compare(x.Patch, y.Patch);
        if (c != 0) return c;
        return ComparePrerelease(x.Prerelease, y.Prerelease, StringComparison.Ordinal);
    }

    /// <summary>Pre-release precedence; NuGet reuses it with a case-insensitive comparison.</summary>
    internal static int ComparePrerelease(IReadOnlyList<string> x, IReadOnlyList<string> y, StringComparison labels)
    {
        // A release (no identifiers) outranks any pre-release of the same version.
        if (x.Count == 0 || y.Count == 0) return (x.Count == 0 ? 1 : 0) - (y.Count == 0 ? 1 : 0);
        for (var i = 0; i < Math.Min(x.Count, y.Count); i++)
        {
            var a = x[i];
            var b = y[i];
            var aNum = Numeric.IsDigits(a);
            var bNum = Numeric.IsDigits(b);
            int c;
            if (aNum && bNum) c = Numeric.Compare(a, b);
            else if (aNum) c = -1;
            else if (bNum) c = 1;
            else c = Math.Sign(string.Compare(a, b, labels));
            if (c != 0) return c;
        }
        return x.Count.CompareTo(y.Count);
    }

    public override string ToString() =>
        $"{Major}.{Minor}.{Patch}" + (Prerelease.Count > 0 ? "-" + string.Join('.', Prerelease) : "") + (Build.Length > 0 ? "+" + Build : "");
}

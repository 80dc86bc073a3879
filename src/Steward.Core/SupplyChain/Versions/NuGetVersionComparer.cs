namespace Steward.Core.SupplyChain.Versions;

/// <summary>A NuGet version: up to four numbers, release labels, metadata.</summary>
public sealed record NuGetVersionKey(long[] Numbers, IReadOnlyList<string> ReleaseLabels);

/// <summary>
/// NuGet (NuGet.Versioning, VersionComparer.Default): Major.Minor.Patch.Revision with missing
/// parts equal to 0 (1.0 == 1.0.0 == 1.0.0.0, leading zeros allowed as in NuGetVersion.Parse);
/// a release outranks its pre-releases; release labels are compared like SemVer 2.0.0 identifiers
/// but case-insensitively (NuGet compares labels with OrdinalIgnoreCase); metadata is ignored.
/// https://learn.microsoft.com/nuget/concepts/package-versioning#normalized-version-numbers
/// </summary>
public sealed class NuGetVersionComparer : VersionComparer<NuGetVersionKey>
{
    public override string Ecosystem => "NuGet";

    public override bool TryParse(string version, out NuGetVersionKey key)
    {
        key = null!;
        var text = version.AsSpan();
        var plus = text.IndexOf('+');
        if (plus >= 0)
        {
            if (!AreLabels(text[(plus + 1)..])) return false;
            text = text[..plus];
        }

        IReadOnlyList<string> labels = [];
        var dash = text.IndexOf('-');
        if (dash >= 0)
        {
            var release = text[(dash + 1)..];
            if (!AreLabels(release)) return false;
            labels = release.ToString().Split('.');
            text = text[..dash];
        }

        Span<Range> parts = stackalloc Range[5];
        var count = text.Split(parts, '.');
        if (count is < 1 or > 4) return false;
        var numbers = new long[4];
        for (var i = 0; i < count; i++)
        {
            var part = text[parts[i]];
            if (!Numeric.IsDigits(part) || !int.TryParse(part, out var n)) return false;
            numbers[i] = n;
        }
        key = new NuGetVersionKey(numbers, labels);
        return true;
    }

    private static bool AreLabels(ReadOnlySpan<char> s)
    {
        if (s.IsEmpty) return false;
        foreach (var range in s.Split('.'))
        {
            var label = s[range];
            if (label.IsEmpty) return false;
            foreach (var c in label)
                if (!char.IsAsciiLetterOrDigit(c) && c != '-') return false;
        }
        return true;
    }

    public override int CompareKeys(NuGetVersionKey x, NuGetVersionKey y)
    {
        for (var i = 0; i < 4; i++)
        {
            var c = x.Numbers[i].CompareTo(y.Numbers[i]);
            if (c != 0) return c;
        }
        return SemanticVersion.ComparePrerelease(x.ReleaseLabels, y.ReleaseLabels, StringComparison.OrdinalIgnoreCase);
    }
}

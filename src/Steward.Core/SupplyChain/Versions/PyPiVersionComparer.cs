using System.Text.RegularExpressions;

namespace Steward.Core.SupplyChain.Versions;

/// <summary>A parsed, normalised PEP 440 version.</summary>
public sealed record Pep440Version(
    string Epoch,
    IReadOnlyList<string> Release,
    (int Letter, string Number)? Pre,
    string? Post,
    string? Dev,
    IReadOnlyList<string>? Local)
{
    /// <summary>The normalised form (PEP 440 "Normalization"), e.g. "1.0a1.post2.dev3+ubuntu.1".</summary>
    public override string ToString()
    {
        var s = (Epoch != "0" ? Epoch + "!" : "") + string.Join('.', Release);
        if (Pre is { } pre) s += PyPiVersionComparer.PreLetters[pre.Letter] + pre.Number;
        if (Post is not null) s += ".post" + Post;
        if (Dev is not null) s += ".dev" + Dev;
        if (Local is not null) s += "+" + string.Join('.', Local);
        return s;
    }
}

/// <summary>
/// PyPI: PEP 440 / the PyPA "Version specifiers" specification, ordered as
/// <c>packaging.version.Version</c> does: epoch; release with trailing zeros ignored; then
/// dev-only releases &lt; pre-releases &lt; the release &lt; post-releases; a dev release sorts
/// before the version it develops; local versions sort after the public version they extend.
/// Spellings are normalised first (alpha→a, beta→b, c/pre/preview→rc, rev/r→post, '-', '_' and
/// '.' separators, implicit numbers, case, a leading "v").
/// </summary>
public sealed partial class PyPiVersionComparer : VersionComparer<Pep440Version>
{
    internal static readonly string[] PreLetters = ["a", "b", "rc"];

    public override string Ecosystem => "PyPI";

    // The regular expression published in the specification (appendix "Parsing version strings
    // with regular expressions"), as used by packaging.
    [GeneratedRegex("""
        ^\s*v?
        (?:
            (?:(?<epoch>[0-9]+)!)?
            (?<release>[0-9]+(?:\.[0-9]+)*)
            (?<pre>[-_\.]?(?<pre_l>alpha|a|beta|b|preview|pre|c|rc)[-_\.]?(?<pre_n>[0-9]+)?)?
            (?<post>(?:-(?<post_n1>[0-9]+))|(?:[-_\.]?(?<post_l>post|rev|r)[-_\.]?(?<post_n2>[0-9]+)?))?
            (?<dev>[-_\.]?(?<dev_l>dev)[-_\.]?(?<dev_n>[0-9]+)?)?
        )
        (?:\+(?<local>[a-z0-9]+(?:[-_\.][a-z0-9]+)*))?
        \s*$
        """, RegexOptions.IgnoreCase | RegexOptions.IgnorePatternWhitespace | RegexOptions.CultureInvariant)]
    private static partial Regex Pattern();

    public override bool TryParse(string version, out Pep440Version key)
    {
        key = null!;
        var m = Pattern().Match(version);
        if (!m.Success) return false;

        (int, string)? pre = null;
        if (m.Groups["pre"].Success)
        {
            var letter = m.Groups["pre_l"].Value.ToLowerInvariant() switch
            {
                "a" or "alpha" => 0,
                "b" or "beta" => 1,
                _ => 2, // c, rc, pre, preview
            };
            pre = (letter, Number(m.Groups["pre_n"]));
        }

        string? post = null;
        if (m.Groups["post"].Success)
            post = m.Groups["post_n1"].Success ? Number(m.Groups["post_n1"]) : Number(m.Groups["post_n2"]);

        var dev = m.Groups["dev"].Success ? Number(m.Groups["dev_n"]) : null;
        var local = m.Groups["local"].Success
            ? m.Groups["local"].Value.ToLowerInvariant().Split('-', '_', '.').Select(s => Numeric.IsDigits(s) ? Trim(s) : s).ToArray()
            : null;

        key = new Pep440Version(
            m.Groups["epoch"].Success ? Trim(m.Groups["epoch"].Value) : "0",
            m.Groups["release"].Value.Split('.').Select(Trim).ToArray(),
            pre, post, dev, local);
        return true;
    }

    private static string Number(Group g) => g.Success ? Trim(g.Value) : "0";

    private static string Trim(string digits) => digits.TrimStart('0') is { Length: > 0 } t ? t : "0";

    public override int CompareKeys(Pep440Version x, Pep440Version y)
    {
        var c = Numeric.Compare(x.Epoch, y.Epoch);
        if (c != 0) return c;
        c = CompareRelease(x.Release, y.Release);
        if (c != 0) return c;
        c = PreRank(x).CompareTo(PreRank(y));
        if (c != 0) return c;
        if (x.Pre is { } xp && y.Pre is { } yp)
        {
            c = xp.Letter.CompareTo(yp.Letter);
            if (c != 0) return c;
            c = Numeric.Compare(xp.Number, yp.Number);
            if (c != 0) return c;
        }
        // No post-release sorts before any post-release.
        c = CompareOptional(x.Post, y.Post, missingIsLow: true);
        if (c != 0) return c;
        // No dev-release sorts after any dev-release.
        c = CompareOptional(x.Dev, y.Dev, missingIsLow: false);
        if (c != 0) return c;
        return CompareLocal(x.Local, y.Local);
    }

    /// <summary>
    /// packaging's _cmpkey: a dev-only release (no pre, no post) ranks below every pre-release,
    /// a version without pre-release ranks above them.
    /// </summary>
    private static int PreRank(Pep440Version v) =>
        v.Pre is not null ? 1 : v.Post is null && v.Dev is not null ? 0 : 2;

    private static int CompareRelease(IReadOnlyList<string> x, IReadOnlyList<string> y)
    {
        // Trailing zeros are insignificant: 1.0 == 1.0.0.
        for (var i = 0; i < Math.Max(x.Count, y.Count); i++)
        {
            var c = Numeric.Compare(i < x.Count ? x[i] : "0", i < y.Count ? y[i] : "0");
            if (c != 0) return c;
        }
        return 0;
    }

    private static int CompareOptional(string? x, string? y, bool missingIsLow)
    {
        if (x is null && y is null) return 0;
        if (x is null) return missingIsLow ? -1 : 1;
        if (y is null) return missingIsLow ? 1 : -1;
        return Numeric.Compare(x, y);
    }

    /// <summary>
    /// Local segments: absent sorts first; numeric segments compare numerically and sort after
    /// alphanumeric ones, which compare lexically; a shorter, otherwise equal local sorts first.
    /// </summary>
    private static int CompareLocal(IReadOnlyList<string>? x, IReadOnlyList<string>? y)
    {
        if (x is null || y is null) return (x is null ? 0 : 1) - (y is null ? 0 : 1);
        for (var i = 0; i < Math.Min(x.Count, y.Count); i++)
        {
            var xn = Numeric.IsDigits(x[i]);
            var yn = Numeric.IsDigits(y[i]);
            var c = xn && yn ? Numeric.Compare(x[i], y[i])
                : xn ? 1
                : yn ? -1
                : Math.Sign(string.CompareOrdinal(x[i], y[i]));
            if (c != 0) return c;
        }
        return x.Count.CompareTo(y.Count);
    }
}

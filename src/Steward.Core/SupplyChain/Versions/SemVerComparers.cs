namespace Steward.Core.SupplyChain.Versions;

/// <summary>
/// Strict SemVer 2.0.0 precedence, used for OSV ranges of type SEMVER ("no leading v" per the OSV
/// schema; a single leading 'v' is tolerated because Go and some advisories write one).
/// </summary>
public class SemVerComparer : VersionComparer<SemanticVersion>
{
    public override string Ecosystem => "SemVer";

    public override bool TryParse(string version, out SemanticVersion key)
    {
        var text = version.AsSpan();
        if (text.Length > 1 && text[0] == 'v' && char.IsAsciiDigit(text[1])) text = text[1..];
        return SemanticVersion.TryParse(text, out key);
    }

    public override int CompareKeys(SemanticVersion x, SemanticVersion y) => SemanticVersion.ComparePrecedence(x, y);
}

/// <summary>
/// npm: node-semver's <c>semver.compare</c> (strict mode): SemVer 2.0.0 precedence; surrounding
/// whitespace and one leading lower-case "v" are accepted, "=" and "V" are not; numbers above
/// Number.MAX_SAFE_INTEGER are rejected.
/// </summary>
public sealed class NpmVersionComparer : SemVerComparer
{
    public override string Ecosystem => "npm";

    public override bool TryParse(string version, out SemanticVersion key)
    {
        var text = version.AsSpan().Trim();
        if (text.Length > 0 && text[0] == 'v') text = text[1..];
        // node-semver rejects major, minor and patch above Number.MAX_SAFE_INTEGER.
        return SemanticVersion.TryParse(text, out key)
            && SafeInteger(key.Major) && SafeInteger(key.Minor) && SafeInteger(key.Patch);
    }

    private static bool SafeInteger(string digits) => Numeric.Compare(digits, "9007199254740991") <= 0;
}

/// <summary>
/// crates.io: Cargo versions are SemVer 2.0.0 (the `semver` crate). Ordered by SemVer precedence,
/// as OSV's SEMVER ranges for crates.io are; build metadata does not change the order.
/// </summary>
public sealed class CratesVersionComparer : SemVerComparer
{
    public override string Ecosystem => "crates.io";

    public override bool TryParse(string version, out SemanticVersion key) => SemanticVersion.TryParse(version, out key);
}

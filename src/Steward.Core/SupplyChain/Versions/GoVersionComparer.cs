namespace Steward.Core.SupplyChain.Versions;

/// <summary>
/// Go modules (golang.org/x/mod/semver): "v" + SemVer 2.0.0, where "v1" and "v1.2" are shorthands
/// for v1.0.0 and v1.2.0. Pseudo-versions (v0.0.0-20191109021931-daa7c04131f5,
/// v1.2.4-0.20191109021931-daa7c04131f5) are pre-releases and order by SemVer rules, i.e. by
/// their timestamp; "+incompatible" is build metadata and does not affect order. OSV writes Go
/// versions without the "v", so both spellings are accepted.
/// </summary>
public sealed class GoVersionComparer : VersionComparer<SemanticVersion>
{
    public override string Ecosystem => "Go";

    public override bool TryParse(string version, out SemanticVersion key)
    {
        key = null!;
        var text = version.AsSpan();
        var hasV = text.Length > 0 && text[0] == 'v';
        if (hasV) text = text[1..];
        if (SemanticVersion.TryParse(text, out key)) return true;

        // Shorthand forms, only with the "v" prefix and without pre-release or build (x/mod/semver).
        if (!hasV) return false;
        Span<Range> parts = stackalloc Range[3];
        var count = text.Split(parts, '.');
        if (count is < 1 or > 2) return false;
        for (var i = 0; i < count; i++)
            if (!SemanticVersion.IsNumber(text[parts[i]])) return false;
        key = new SemanticVersion(text[parts[0]].ToString(), count == 2 ? text[parts[1]].ToString() : "0", "0", [], "");
        return true;
    }

    public override int CompareKeys(SemanticVersion x, SemanticVersion y) => SemanticVersion.ComparePrecedence(x, y);
}

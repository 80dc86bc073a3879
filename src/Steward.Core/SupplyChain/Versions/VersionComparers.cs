namespace Steward.Core.SupplyChain.Versions;

/// <summary>The comparer of each OSV ecosystem Steward orders versions for.</summary>
public static class VersionComparers
{
    public static readonly IVersionComparer SemVer = new SemVerComparer();
    public static readonly IVersionComparer PyPI = new PyPiVersionComparer();
    public static readonly IVersionComparer Npm = new NpmVersionComparer();
    public static readonly IVersionComparer Maven = new MavenVersionComparer();
    public static readonly IVersionComparer NuGet = new NuGetVersionComparer();
    public static readonly IVersionComparer Go = new GoVersionComparer();
    public static readonly IVersionComparer Crates = new CratesVersionComparer();

    private static readonly Dictionary<string, IVersionComparer> ByEcosystem = new(StringComparer.Ordinal)
    {
        [PyPI.Ecosystem] = PyPI,
        [Npm.Ecosystem] = Npm,
        [Maven.Ecosystem] = Maven,
        [NuGet.Ecosystem] = NuGet,
        [Go.Ecosystem] = Go,
        [Crates.Ecosystem] = Crates,
    };

    /// <summary>The comparer for an OSV ecosystem name, or null when Steward cannot order its versions.</summary>
    public static IVersionComparer? ForEcosystem(string ecosystem) => ByEcosystem.GetValueOrDefault(ecosystem);
}

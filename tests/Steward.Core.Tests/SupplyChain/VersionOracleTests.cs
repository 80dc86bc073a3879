using Steward.Core.SupplyChain.Versions;

namespace Steward.Core.Tests.SupplyChain;

/// <summary>
/// Every pair of a corpus of versions, ordered by the ecosystem's own implementation (pip's
/// packaging, node-semver, Maven's ComparableVersion), must be ordered the same by Steward.
/// The oracle files and how they were made: Fixtures/versions/README.md.
/// </summary>
public class VersionOracleTests
{
    private static List<(string A, string B, int Expected)> Oracle(string file) =>
        File.ReadAllLines(SbomTests.Fixture("versions", file))
            .Where(l => l.Length > 0)
            .Select(l => l.Split('\t'))
            .Select(p => (p[0], p[1], int.Parse(p[2], System.Globalization.CultureInfo.InvariantCulture)))
            .ToList();

    private static List<string> Mismatches(IVersionComparer comparer, string file) => Oracle(file)
        .Where(o => Math.Sign(comparer.Compare(o.A, o.B)) != o.Expected)
        .Select(o => $"{o.A} vs {o.B}: oracle {o.Expected}, Steward {Math.Sign(comparer.Compare(o.A, o.B))}")
        .ToList();

    [Fact]
    public void PyPI_agrees_with_packaging()
        => Mismatches(VersionComparers.PyPI, "pypi-packaging-21.3.tsv").Should().BeEmpty();

    [Fact]
    public void Npm_agrees_with_node_semver()
        => Mismatches(VersionComparers.Npm, "npm-node-semver-7.8.5.tsv").Should().BeEmpty();

    [Fact]
    public void Maven_agrees_with_comparable_version()
        => Mismatches(VersionComparers.Maven, "maven-3.8.7.tsv").Should().BeEmpty();

    // str(Version(s)) from pip's packaging 21.3; null where it raises InvalidVersion.
    [Theory]
    [InlineData("1.0-foo", null)]
    [InlineData("1.0+", null)]
    [InlineData("1.0.", null)]
    [InlineData(".1", null)]
    [InlineData("1..0", null)]
    [InlineData("1.0+-a", null)]
    [InlineData("1!", null)]
    [InlineData("1.0a1.1", null)]
    [InlineData("1.0+ab c", null)]
    [InlineData("1.0_post1", "1.0.post1")]
    [InlineData("1.0-post1", "1.0.post1")]
    [InlineData(" 1.0 ", "1.0")]
    [InlineData("1.0+a_b-c", "1.0+a.b.c")]
    [InlineData("V1.0", "1.0")]
    [InlineData("1.0.post-1", "1.0.post1")]
    [InlineData("1.0-dev", "1.0.dev0")]
    [InlineData("1.0.0-rc.1", "1.0.0rc1")]
    [InlineData("1.0a1-1", "1.0a1.post1")]
    [InlineData("1.0-a1", "1.0a1")]
    public void PyPI_parses_like_packaging(string version, string? normal)
    {
        var comparer = (PyPiVersionComparer)VersionComparers.PyPI;
        comparer.IsValid(version).Should().Be(normal is not null);
        if (normal is not null) comparer.Parse(version).ToString().Should().Be(normal);
    }

    [Fact]
    public void NuGet_agrees_with_nuget_versioning()
        => Mismatches(VersionComparers.NuGet, "nuget-versioning-7.9.0.tsv").Should().BeEmpty();

    // NuGetVersion.TryParse (NuGet.Versioning 7.9.0) returns false for each of these.
    [Theory]
    [InlineData("1.0.0.0.0")]
    [InlineData("a.b")]
    [InlineData("1.0.0-")]
    [InlineData("1.0.0-a..b")]
    [InlineData("")]
    [InlineData("1.0.0+")]
    [InlineData("2147483648.0")]
    public void NuGet_rejects_what_nuget_versioning_rejects(string version)
        => VersionComparers.NuGet.IsValid(version).Should().BeFalse();

    // new semver.SemVer(s).version from node-semver 7.8.5; null where it throws.
    [Theory]
    [InlineData("1.0", null)]
    [InlineData("01.0.0", null)]
    [InlineData("1.0.0-01", null)]
    [InlineData("1.0.0-", null)]
    [InlineData("1.0.0-alpha..1", null)]
    [InlineData("1.0.0+", null)]
    [InlineData("=1.0.0", null)]
    [InlineData("V1.0.0", null)]
    [InlineData("1.0.0-a+b+c", null)]
    [InlineData("1.2.3.4", null)]
    [InlineData("=v1.0.0", null)]
    [InlineData("1.0.0-é", null)]
    [InlineData(" 1.0.0 ", "1.0.0")]
    [InlineData("v1.0.0", "1.0.0")]
    [InlineData("1.0.0+01", "1.0.0")]
    public void Npm_parses_like_node_semver(string version, string? normal)
    {
        VersionComparers.Npm.IsValid(version).Should().Be(normal is not null);
        if (normal is not null) VersionComparers.Npm.Compare(version, normal).Should().Be(0);
    }

    [Fact]
    public void Npm_rejects_numbers_node_semver_rejects()
    {
        VersionComparers.Npm.IsValid("9007199254740991.0.0").Should().BeTrue();
        VersionComparers.Npm.IsValid("9007199254740992.0.0").Should().BeFalse();
    }
}

using Steward.Core.SupplyChain.Versions;

namespace Steward.Core.Tests.SupplyChain;

/// <summary>
/// Every expectation below is copied from the ecosystem's own specification (cited per test),
/// not derived from the implementation.
/// </summary>
public class VersionComparerTests
{
    /// <summary>Asserts that the versions are strictly ascending, pairwise (so transitivity is checked too).</summary>
    private static void Ascending(IVersionComparer comparer, params string[] versions)
    {
        for (var i = 0; i < versions.Length; i++)
        for (var j = i + 1; j < versions.Length; j++)
        {
            comparer.Compare(versions[i], versions[j]).Should().BeNegative($"{versions[i]} < {versions[j]} ({comparer.Ecosystem})");
            comparer.Compare(versions[j], versions[i]).Should().BePositive($"{versions[j]} > {versions[i]} ({comparer.Ecosystem})");
        }
    }

    private static void Equal(IVersionComparer comparer, params string[] versions)
    {
        foreach (var a in versions)
        foreach (var b in versions)
            comparer.Compare(a, b).Should().Be(0, $"{a} == {b} ({comparer.Ecosystem})");
    }

    // PEP 440, "Summary of permitted suffixes and relative ordering": the example list, in order.
    [Fact]
    public void PyPI_orders_the_pep440_summary_example()
        => Ascending(VersionComparers.PyPI,
            "1.dev0", "1.0.dev456", "1.0a1", "1.0a2.dev456", "1.0a12.dev456", "1.0a12", "1.0b1.dev456",
            "1.0b2", "1.0b2.post345.dev456", "1.0b2.post345", "1.0rc1.dev456", "1.0rc1", "1.0", "1.0+abc.5",
            "1.0+abc.7", "1.0+5", "1.0.post456.dev34", "1.0.post456", "1.0.15", "1.1.dev1");

    // The brief's cases; PEP 440 "Version epochs" (1!0.1 is newer than 2.0) and "Developmental releases".
    [Fact]
    public void PyPI_orders_pre_post_dev_and_epochs()
    {
        Ascending(VersionComparers.PyPI, "2.6.0rc1", "2.6.0", "2.6.0.post1");
        Ascending(VersionComparers.PyPI, "2.0", "1!0.1");
        Ascending(VersionComparers.PyPI, "1.0.dev0", "1.0a1");
        Ascending(VersionComparers.PyPI, "1.0a1", "1.0b1", "1.0rc1");
        // "Release segment": trailing zeros are insignificant in comparisons (1.0 == 1.0.0),
        // though the normal form keeps them.
        Equal(VersionComparers.PyPI, "1.0", "1.0.0", "1");
    }

    // PEP 440 "Normalization": alternative spellings that are the same version.
    [Theory]
    [InlineData("1.0-alpha.1", "1.0a1")]
    [InlineData("1.0ALPHA1", "1.0a1")]
    [InlineData("1.0-c1", "1.0rc1")]
    [InlineData("1.0preview2", "1.0rc2")]
    [InlineData("1.0-1", "1.0.post1")]
    [InlineData("1.0-r4", "1.0.post4")]
    [InlineData("1.0.post", "1.0.post0")]
    [InlineData("1.0.dev", "1.0.dev0")]
    [InlineData("v1.0", "1.0")]
    [InlineData("01.02", "1.2")]
    [InlineData("1.0+ubuntu-1", "1.0+ubuntu.1")]
    [InlineData("1.0a", "1.0a0")]
    public void PyPI_normalises_spellings(string spelling, string normal)
    {
        Equal(VersionComparers.PyPI, spelling, normal);
        ((PyPiVersionComparer)VersionComparers.PyPI).Parse(spelling).ToString()
            .Should().Be(((PyPiVersionComparer)VersionComparers.PyPI).Parse(normal).ToString());
    }

    [Theory]
    [InlineData("1.0-ALPHA.1", "1.0a1")]
    [InlineData("1.0-1", "1.0.post1")]
    [InlineData("0!1.0.DEV", "1.0.dev0")]
    [InlineData("1!2.0.0RC3.POST1.dev2+Local_7", "1!2.0.0rc3.post1.dev2+local.7")]
    public void PyPI_prints_the_normal_form(string version, string normal)
        => ((PyPiVersionComparer)VersionComparers.PyPI).Parse(version).ToString().Should().Be(normal);

    [Theory]
    [InlineData("french toast")]
    [InlineData("1.0-foo")]
    [InlineData("1.0+")]
    [InlineData("")]
    public void PyPI_rejects_invalid_versions(string version)
        => VersionComparers.PyPI.IsValid(version).Should().BeFalse();

    // SemVer 2.0.0 §11: "Example: 1.0.0-alpha < 1.0.0-alpha.1 < 1.0.0-alpha.beta < 1.0.0-beta <
    // 1.0.0-beta.2 < 1.0.0-beta.11 < 1.0.0-rc.1 < 1.0.0" and "1.0.0 < 2.0.0 < 2.1.0 < 2.1.1".
    [Fact]
    public void Npm_follows_semver_precedence()
    {
        Ascending(VersionComparers.Npm, "1.0.0-alpha", "1.0.0-alpha.1", "1.0.0-alpha.beta", "1.0.0-beta",
            "1.0.0-beta.2", "1.0.0-beta.11", "1.0.0-rc.1", "1.0.0", "2.0.0", "2.1.0", "2.1.1");
        // §10: build metadata MUST be ignored when determining precedence.
        Equal(VersionComparers.Npm, "1.0.0+20130313144700", "1.0.0+exp.sha.5114f85", "1.0.0");
        // node-semver (strict): a leading "v" and surrounding spaces are accepted.
        Equal(VersionComparers.Npm, "v1.2.3", " 1.2.3 ", "1.2.3");
        // §11.4.4: ASCII order, so upper case sorts before lower case.
        Ascending(VersionComparers.Npm, "1.0.0-Beta", "1.0.0-alpha");
    }

    // SemVer 2.0.0 §2 (no leading zeros), §9 (non-empty identifiers, no leading zeros in numeric ones).
    [Theory]
    [InlineData("01.0.0")]
    [InlineData("1.0")]
    [InlineData("1.0.0-01")]
    [InlineData("1.0.0-")]
    [InlineData("1.0.0-alpha..1")]
    [InlineData("1.0.0+")]
    public void SemVer_rejects_invalid_versions(string version)
    {
        VersionComparers.Npm.IsValid(version).Should().BeFalse();
        VersionComparers.Crates.IsValid(version).Should().BeFalse();
    }

    // Cargo uses SemVer 2.0.0 (https://doc.rust-lang.org/cargo/reference/semver.html).
    [Fact]
    public void Crates_follows_semver_precedence()
    {
        Ascending(VersionComparers.Crates, "0.9.9", "1.0.0-alpha", "1.0.0-alpha.1", "1.0.0-beta.11", "1.0.0", "1.0.1", "1.10.0");
        VersionComparers.Crates.IsValid("v1.0.0").Should().BeFalse("Cargo versions have no 'v' prefix");
    }

    // golang.org/x/mod/semver: "v1" and "v1.2" are shorthands; build suffixes such as
    // +incompatible are ignored; pseudo-versions (Go Modules Reference, "Pseudo-versions") are
    // pre-releases ordered by timestamp, below the release they precede.
    [Fact]
    public void Go_orders_shorthands_pseudo_versions_and_incompatible()
    {
        Equal(VersionComparers.Go, "v1", "v1.0", "v1.0.0", "1.0.0");
        Equal(VersionComparers.Go, "v2.0.0+incompatible", "v2.0.0", "2.0.0");
        Ascending(VersionComparers.Go,
            "v0.0.0-20191109021931-daa7c04131f5", "v0.0.0-20200101000000-aaaaaaaaaaaa", "v0.1.0",
            "v1.2.3", "v1.2.4-0.20191109021931-daa7c04131f5", "v1.2.4-pre", "v1.2.4", "v1.10.0");
        VersionComparers.Go.IsValid("v1.2-pre").Should().BeFalse("shorthand versions cannot carry a pre-release");
        VersionComparers.Go.IsValid("v01.2.3").Should().BeFalse();
    }

    // The brief's list and the POM reference "Version Order Specification" examples.
    [Fact]
    public void Maven_orders_qualifiers()
    {
        Ascending(VersionComparers.Maven,
            "1.0-alpha", "1.0-beta", "1.0-milestone", "1.0-rc", "1.0-snapshot", "1.0", "1.0-sp", "1.0.1");
        Equal(VersionComparers.Maven, "1.0", "1.0.0", "1-ga", "1.ga", "1-0", "1", "1-final", "1.0-RELEASE");
        Equal(VersionComparers.Maven, "1.0-cr", "1.0-rc");
        Equal(VersionComparers.Maven, "1.0-RC1", "1.0-rc1", "1.0rc1");
    }

    // POM reference, "Version Order Specification", the examples of its last bullet.
    [Fact]
    public void Maven_follows_the_pom_reference_examples()
    {
        Ascending(VersionComparers.Maven, "1", "1.1");
        Ascending(VersionComparers.Maven, "1-snapshot", "1", "1-sp");
        Ascending(VersionComparers.Maven, "1-foo2", "1-foo10");
        Equal(VersionComparers.Maven, "1.foo", "1-foo");
        Ascending(VersionComparers.Maven, "1-foo", "1-1", "1.1");
        Ascending(VersionComparers.Maven, "1-ga", "1-sp");
        Ascending(VersionComparers.Maven, "1-ga.1", "1-sp.1");
        Equal(VersionComparers.Maven, "1-a1", "1-alpha-1");
        // The prose also says "1-ga-1" = "1-1"; ComparableVersion's code (maven-artifact 3.8.7,
        // Fixtures/versions/maven-3.8.7.tsv) orders 1-ga-1 below 1-1, and Steward follows the code.
        Ascending(VersionComparers.Maven, "1-ga-1", "1-1");
        // Unknown qualifiers sort after sp, lexically (ComparableVersion javadoc).
        Ascending(VersionComparers.Maven, "1-sp", "1-abc", "1-xyz");
        // Numbers of any length (ComparableVersion's BigIntegerItem).
        Ascending(VersionComparers.Maven, "1.2147483648", "1.99999999999999999999");
    }

    // NuGet package versioning docs: "Normalized version numbers" (1.0 == 1.0.0.0, leading zeros
    // removed), pre-release labels compared per SemVer 2.0.0 but case-insensitively, metadata ignored.
    [Fact]
    public void NuGet_follows_nuget_versioning()
    {
        Equal(VersionComparers.NuGet, "1.0", "1.0.0", "1.0.0.0", "01.0.0", "1.0.0+build.5");
        Equal(VersionComparers.NuGet, "1.0.0-Beta", "1.0.0-beta", "1.0.0-BETA");
        Ascending(VersionComparers.NuGet, "1.0.0-alpha", "1.0.0-alpha.2", "1.0.0-alpha.10", "1.0.0-beta", "1.0.0", "1.0.0.1", "1.0.1", "1.1");
        VersionComparers.NuGet.IsValid("1.0.0.0.0").Should().BeFalse();
        VersionComparers.NuGet.IsValid("a.b").Should().BeFalse();
    }

    [Fact]
    public void Unknown_ecosystem_has_no_comparer()
    {
        VersionComparers.ForEcosystem("RubyGems").Should().BeNull();
        VersionComparers.ForEcosystem("PyPI").Should().BeSameAs(VersionComparers.PyPI);
    }

    [Fact]
    public void Invalid_version_throws_format_exception_naming_it()
    {
        var act = () => VersionComparers.Npm.Compare("1.0", "1.0.0");
        act.Should().Throw<FormatException>().WithMessage("*'1.0'*npm*");
    }
}

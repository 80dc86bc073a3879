using Steward.Core.SupplyChain.Purls;

namespace Steward.Core.Tests.SupplyChain;

/// <summary>Cases from the purl specification's test suite (package-url/purl-spec test-suite-data.json).</summary>
public class PackageUrlTests
{
    [Theory]
    [InlineData("pkg:maven/org.apache.commons/io@1.3.4", "maven", "org.apache.commons", "io", "1.3.4")]
    [InlineData("pkg:npm/%40angular/animation@12.3.1", "npm", "@angular", "animation", "12.3.1")]
    [InlineData("pkg:pypi/Django_package@1.11.1.dev1", "pypi", null, "django-package", "1.11.1.dev1")]
    [InlineData("pkg:nuget/EnterpriseLibrary.Common@6.0.1304", "nuget", null, "EnterpriseLibrary.Common", "6.0.1304")]
    [InlineData("pkg:golang/github.com/gorilla/context@234fd47e07d1004f0aed9c", "golang", "github.com/gorilla", "context", "234fd47e07d1004f0aed9c")]
    [InlineData("pkg:GITHUB/Package-URL/purl-spec@244fd47e07d1004", "github", "package-url", "purl-spec", "244fd47e07d1004")]
    [InlineData("pkg:docker/customer/dockerimage@sha256%3A244fd47e07d10?repository_url=gcr.io", "docker", "customer", "dockerimage", "sha256:244fd47e07d10")]
    [InlineData("pkg:cargo/rand@0.7.2", "cargo", null, "rand", "0.7.2")]
    [InlineData("pkg:gem/ruby-advisory-db-check", "gem", null, "ruby-advisory-db-check", null)]
    [InlineData("pkg:npm/@angular/core", "npm", "@angular", "core", null)] // lenient: unencoded scope
    [InlineData("pkg:npm/@angular/core@16.0.0", "npm", "@angular", "core", "16.0.0")]
    public void Parses_components(string text, string type, string? ns, string name, string? version)
    {
        var purl = PackageUrl.Parse(text);
        purl.Type.Should().Be(type);
        purl.Namespace.Should().Be(ns);
        purl.Name.Should().Be(name);
        purl.Version.Should().Be(version);
    }

    [Fact]
    public void Parses_qualifiers_and_subpath()
    {
        var purl = PackageUrl.Parse("pkg:golang/google.golang.org/genproto@abcdedf#/googleapis/api/annotations/");
        purl.Subpath.Should().Be("googleapis/api/annotations");
        PackageUrl.Parse("pkg:rpm/fedora/curl@7.50.3-1.fc25?Arch=i386&Distro=fedora-25").Qualifiers
            .Should().BeEquivalentTo(new Dictionary<string, string> { ["arch"] = "i386", ["distro"] = "fedora-25" });
    }

    [Theory]
    [InlineData("EnterpriseLibrary.Common@6.0.1304")]
    [InlineData("pkg:maven/@1.3.4")]
    [InlineData("pkg:pypi")]
    public void Rejects_invalid(string text) => PackageUrl.TryParse(text, out _).Should().BeFalse();

    // OSV schema "Affected package names": Maven groupId:artifactId, npm scope/name, Go module path.
    [Theory]
    [InlineData("pkg:maven/org.apache.commons/io@1.3.4", "Maven", "org.apache.commons:io")]
    [InlineData("pkg:npm/%40angular/core@1.0.0", "npm", "@angular/core")]
    [InlineData("pkg:golang/github.com/gorilla/context@v1.1.1", "Go", "github.com/gorilla/context")]
    [InlineData("pkg:cargo/rand@0.7.2", "crates.io", "rand")]
    [InlineData("pkg:pypi/Jinja2@2.10", "PyPI", "jinja2")]
    [InlineData("pkg:nuget/Newtonsoft.Json@12.0.1", "NuGet", "Newtonsoft.Json")]
    public void Maps_to_osv_ecosystems(string text, string ecosystem, string name)
        => OsvEcosystems.FromPurl(PackageUrl.Parse(text)).Should().Be((ecosystem, name));

    // PEP 503: names are compared lower-cased with runs of -, _ and . replaced by one '-'.
    [Fact]
    public void Normalises_pypi_names_per_pep503()
        => OsvEcosystems.NameKey("PyPI", "Foo.._Bar-baz").Should().Be("foo-bar-baz");
}

using Steward.Core.Findings;
using Steward.Core.SupplyChain.Osv;

namespace Steward.Core.Tests.SupplyChain;

/// <summary>
/// Hand-written OSV records, one per event kind of the OSV schema ("affected[].ranges[].events"),
/// with the verdicts the schema's evaluation rules give.
/// </summary>
public sealed class OsvMatchingTests : IDisposable
{
    private readonly TempDirectory _db = new();

    public void Dispose() => _db.Dispose();

    private static string Record(string id, string ecosystem, string name, string ranges, string extra = "") => $$"""
        {
          "schema_version": "1.6.0",
          "id": "{{id}}",
          "modified": "2024-01-01T00:00:00Z",
          {{extra}}
          "affected": [ { "package": { "ecosystem": "{{ecosystem}}", "name": "{{name}}" }, {{ranges}} } ]
        }
        """;

    private OsvDatabase Load() => OsvDatabase.Load(_db.Path);

    private IReadOnlyList<VulnerabilityMatch> Scan(params string[] purls) => VulnerabilityScanner.Scan(purls, Load()).Matches;

    // introduced (v >= introduced) and fixed (v >= fixed clears): [1.0, 1.2) in PEP 440 order.
    [Theory]
    [InlineData("0.9", false)]
    [InlineData("1.0", true)]
    [InlineData("1.1.post1", true)]
    [InlineData("1.2rc1", true)] // a pre-release of the fix is still before it (PEP 440)
    [InlineData("1.2", false)]
    [InlineData("1.3", false)]
    public void Introduced_and_fixed(string version, bool affected)
    {
        _db.Write("PYSEC-1.json", Record("PYSEC-1", "PyPI", "demo",
            """ "ranges": [ { "type": "ECOSYSTEM", "events": [ { "introduced": "1.0" }, { "fixed": "1.2" } ] } ] """));
        Scan($"pkg:pypi/demo@{version}").Should().HaveCount(affected ? 1 : 0);
    }

    // introduced "0" and last_affected (v > last_affected clears): everything up to 2.0.0 inclusive.
    [Theory]
    [InlineData("0.0.1", true)]
    [InlineData("2.0.0-rc.1", true)]
    [InlineData("2.0.0", true)]
    [InlineData("2.0.1", false)]
    public void Last_affected_is_inclusive(string version, bool affected)
    {
        _db.Write("GHSA-la.json", Record("GHSA-la", "npm", "left-pad",
            """ "ranges": [ { "type": "SEMVER", "events": [ { "introduced": "0" }, { "last_affected": "2.0.0" } ] } ] """));
        Scan($"pkg:npm/left-pad@{version}").Should().HaveCount(affected ? 1 : 0);
    }

    // Two intervals in one range; events given out of order (the evaluation sorts them).
    [Theory]
    [InlineData("1.0", true)]
    [InlineData("1.5", false)]
    [InlineData("1.9", false)]
    [InlineData("2.0-beta", false)] // Maven: 2.0-beta < 2.0
    [InlineData("2.1", true)]
    [InlineData("2.3", false)]
    public void Several_intervals_sorted_by_version(string version, bool affected)
    {
        _db.Write("m.json", Record("GHSA-mvn", "Maven", "org.example:lib",
            """ "ranges": [ { "type": "ECOSYSTEM", "events": [ { "introduced": "2.0" }, { "fixed": "2.3" }, { "introduced": "1.0" }, { "fixed": "1.5" } ] } ] """));
        Scan($"pkg:maven/org.example/lib@{version}").Should().HaveCount(affected ? 1 : 0);
    }

    // limit: only versions below a limit are considered ("*" would mean no limit).
    [Theory]
    [InlineData("0.5.0", true)]
    [InlineData("2.9.9", true)]
    [InlineData("3.0.0", false)]
    [InlineData("4.0.0", false)]
    public void Limit_bounds_the_range(string version, bool affected)
    {
        _db.Write("l.json", Record("RUSTSEC-limit", "crates.io", "demo",
            """ "ranges": [ { "type": "SEMVER", "events": [ { "introduced": "0" }, { "limit": "3.0.0" } ] } ] """));
        Scan($"pkg:cargo/demo@{version}").Should().HaveCount(affected ? 1 : 0);
    }

    // Enumerated versions without ranges; a GIT range is not evaluated.
    [Theory]
    [InlineData("0.3.1", true)]
    [InlineData("0.3.2", false)]
    public void Explicit_versions(string version, bool affected)
    {
        _db.Write("v.json", Record("RUSTSEC-v", "crates.io", "listed",
            """ "versions": ["0.3.0", "0.3.1"], "ranges": [ { "type": "GIT", "repo": "https://example.org/r", "events": [ { "introduced": "0" } ] } ] """));
        Scan($"pkg:cargo/listed@{version}").Should().HaveCount(affected ? 1 : 0);
    }

    [Fact]
    public void Withdrawn_records_are_ignored()
    {
        _db.Write("w.json", Record("GHSA-w", "npm", "gone",
            """ "ranges": [ { "type": "SEMVER", "events": [ { "introduced": "0" } ] } ] """, """ "withdrawn": "2024-02-01T00:00:00Z", """));
        Scan("pkg:npm/gone@1.0.0").Should().BeEmpty();
        Load().Count.Should().Be(0);
    }

    // Two databases describe CVE-2024-0001 for one package: reported once, under the CVE, with the
    // other ids as aliases, the highest computed score (9.8 for the vector below, per CVSS v3.1)
    // and the fix that both records agree on (the higher of 1.2.1 and 1.2.2).
    [Fact]
    public void Aliases_are_merged_and_the_score_is_computed()
    {
        _db.Write("GHSA-aaaa.json", Record("GHSA-aaaa", "PyPI", "Foo_Bar",
            """ "ranges": [ { "type": "ECOSYSTEM", "events": [ { "introduced": "0" }, { "fixed": "1.2.1" } ] } ] """,
            """ "aliases": ["CVE-2024-0001"], "severity": [ { "type": "CVSS_V3", "score": "CVSS:3.1/AV:N/AC:L/PR:L/UI:N/S:U/C:L/I:L/A:N" } ], """));
        _db.Write("PYSEC-2024-9.json", Record("PYSEC-2024-9", "PyPI", "foo-bar",
            """ "ranges": [ { "type": "ECOSYSTEM", "events": [ { "introduced": "1.0" }, { "fixed": "1.2.2" } ] } ] """,
            """ "aliases": ["CVE-2024-0001", "GHSA-aaaa"], "severity": [ { "type": "CVSS_V3", "score": "CVSS:3.1/AV:N/AC:L/PR:N/UI:N/S:U/C:H/I:H/A:H" } ], """));
        _db.Write("GHSA-other.json", Record("GHSA-other", "PyPI", "foo.bar",
            """ "ranges": [ { "type": "ECOSYSTEM", "events": [ { "introduced": "0" } ] } ] """,
            """ "database_specific": { "severity": "MODERATE" }, """));

        var matches = Scan("pkg:pypi/foo-bar@1.1");

        matches.Should().HaveCount(2);
        matches[0].Id.Should().Be("CVE-2024-0001");
        matches[0].Aliases.Should().Equal("GHSA-aaaa", "PYSEC-2024-9");
        matches[0].Score.Should().Be(9.8);
        matches[0].Severity.Should().Be("critical");
        matches[0].Fixed.Should().Be("1.2.2");
        matches[1].Id.Should().Be("GHSA-other");
        matches[1].Score.Should().BeNull();
        matches[1].Severity.Should().Be("medium");
        matches[1].Fixed.Should().BeNull();
    }

    // Go: OSV writes module versions without "v"; purls carry it. Pseudo-versions order by time.
    [Theory]
    [InlineData("v1.2.3", true)]
    [InlineData("v1.2.4", false)]
    [InlineData("v1.2.4-0.20191109021931-daa7c04131f5", true)]
    public void Go_versions_with_and_without_v(string version, bool affected)
    {
        _db.Write("GO-1.json", Record("GO-2024-0001", "Go", "github.com/example/mod",
            """ "ranges": [ { "type": "SEMVER", "events": [ { "introduced": "1.2.0" }, { "fixed": "1.2.4" } ] } ] """));
        Scan($"pkg:golang/github.com/example/mod@{version}").Should().HaveCount(affected ? 1 : 0);
    }

    [Fact]
    public void NuGet_ids_are_case_insensitive()
    {
        _db.Write("n.json", Record("GHSA-nuget", "NuGet", "Newtonsoft.Json",
            """ "ranges": [ { "type": "ECOSYSTEM", "events": [ { "introduced": "0" }, { "fixed": "13.0.1" } ] } ] """));
        Scan("pkg:nuget/newtonsoft.json@12.0.3").Should().ContainSingle().Which.Fixed.Should().Be("13.0.1");
    }

    [Fact]
    public void Components_that_cannot_be_checked_are_noted()
    {
        _db.Write("x.json", Record("X-1", "npm", "a", """ "ranges": [] """));
        _db.Write("g.json", Record("GEM-1", "RubyGems", "rack", """ "ranges": [ { "type": "ECOSYSTEM", "events": [ { "introduced": "0" }, { "fixed": "2.2.8" } ] } ] """));
        _db.Write("p.json", Record("PY-1", "PyPI", "odd", """ "ranges": [ { "type": "ECOSYSTEM", "events": [ { "introduced": "0" }, { "fixed": "2.0" } ] } ] """));

        var result = VulnerabilityScanner.Scan(["not a purl", "pkg:npm/a", "pkg:generic/thing@1", "pkg:gem/rack@2.2.7", "pkg:pypi/odd@1.0-custom"], Load());

        result.Notes.Should().Equal(
            ("not a purl", "not checked: not a valid package URL"),
            ("pkg:gem/rack@2.2.7", "partly checked: Steward cannot order RubyGems versions, so only the records' explicit version lists were used"),
            ("pkg:generic/thing@1", "not checked: purl type 'generic' has no OSV ecosystem"),
            ("pkg:npm/a", "not checked: no version"),
            ("pkg:pypi/odd@1.0-custom", "partly checked: '1.0-custom' is not a valid PyPI version, so only the records' explicit version lists were used"));
    }

    // An introduced bound the ecosystem cannot parse is read as "0": the gate errs on the safe side.
    [Fact]
    public void Unparseable_introduced_counts_as_zero()
    {
        _db.Write("u.json", Record("PY-2", "PyPI", "legacy", """ "ranges": [ { "type": "ECOSYSTEM", "events": [ { "introduced": "0.9-custom-build" }, { "fixed": "1.2" } ] } ] """));
        Scan("pkg:pypi/legacy@0.1").Should().ContainSingle();
        Scan("pkg:pypi/legacy@1.2").Should().BeEmpty();
    }

    // osv.dev publishes each ecosystem as one all.zip of records.
    [Fact]
    public void Reads_a_zip_export()
    {
        var zip = Path.Combine(_db.Path, "all.zip");
        using (var archive = System.IO.Compression.ZipFile.Open(zip, System.IO.Compression.ZipArchiveMode.Create))
        {
            using var writer = new StreamWriter(archive.CreateEntry("GHSA-zip.json").Open());
            writer.Write(Record("GHSA-zip", "npm", "zipped", """ "ranges": [ { "type": "SEMVER", "events": [ { "introduced": "0" }, { "fixed": "2.0.0" } ] } ] """));
        }
        VulnerabilityScanner.Scan(["pkg:npm/zipped@1.0.0"], OsvDatabase.Load(zip)).Matches.Should().ContainSingle().Which.Id.Should().Be("GHSA-zip");
    }

    [Fact]
    public void Malformed_record_names_the_file()
    {
        var file = _db.Write("bad.json", "{ \"id\": \"X\", \"affected\": [ }");
        var act = Load;
        act.Should().Throw<StewardInputException>().WithMessage($"{file}*line*");
    }

    [Fact]
    public void Invalid_cvss_vector_names_the_file_and_record()
    {
        var file = _db.Write("cvss.json", Record("GHSA-bad", "npm", "a", """ "ranges": [] """,
            """ "severity": [ { "type": "CVSS_V3", "score": "CVSS:3.1/AV:Q" } ], """));
        var act = Load;
        act.Should().Throw<StewardInputException>().WithMessage($"{file}: GHSA-bad*CVSS*");
    }

    // The OSV schema's own example record (docs/schema.md, "NPM vulnerability in GitHub database"):
    // elliptic before 6.5.4; NVD scores its vector 6.8.
    [Theory]
    [InlineData("6.5.3", true)]
    [InlineData("6.5.4", false)]
    public void Osv_schema_example_record(string version, bool affected)
    {
        _db.Write("GHSA-r9p9-mrjm-926w.json", """
            { "schema_version": "1.2.0", "id": "GHSA-r9p9-mrjm-926w", "modified": "2021-03-08T16:02:43Z",
              "aliases": ["CVE-2020-28498"], "summary": "Use of a Broken or Risky Cryptographic Algorithm",
              "severity": [ { "type": "CVSS_V3", "score": "CVSS:3.1/AV:N/AC:H/PR:N/UI:N/S:C/C:H/I:N/A:N" } ],
              "affected": [ { "package": { "ecosystem": "npm", "name": "elliptic" },
                "ranges": [ { "type": "ECOSYSTEM", "events": [ { "introduced": "0" }, { "fixed": "6.5.4" } ] } ] } ] }
            """);
        var matches = Scan($"pkg:npm/elliptic@{version}");
        matches.Should().HaveCount(affected ? 1 : 0);
        if (affected)
            matches[0].Should().Match<VulnerabilityMatch>(m => m.Id == "CVE-2020-28498" && m.Score == 6.8 && m.Severity == "medium" && m.Fixed == "6.5.4");
    }

    [Theory]
    [InlineData("9.9.9", true)]
    public void Limit_star_is_unbounded(string version, bool affected)
    {
        _db.Write("s.json", Record("X-star", "crates.io", "star",
            """ "ranges": [ { "type": "SEMVER", "events": [ { "introduced": "1.0.0" }, { "limit": "*" } ] } ] """));
        Scan($"pkg:cargo/star@{version}").Should().HaveCount(affected ? 1 : 0);
    }

    [Theory]
    [InlineData("none", "any", true)]
    [InlineData("none", "low", false)]
    [InlineData("low", "low", true)]
    [InlineData("medium", "high", false)]
    [InlineData("high", "high", true)]
    [InlineData("critical", "high", true)]
    [InlineData("high", "critical", false)]
    [InlineData("unknown", "critical", true)] // unrated is not proven harmless
    public void Fail_on_thresholds(string severity, string threshold, bool fails)
        => VulnerabilitySeverity.Meets(severity, threshold).Should().Be(fails);

    [Fact]
    public void Finding_rule_vulnerability()
    {
        _db.Write("GHSA-aaaa.json", Record("GHSA-aaaa", "npm", "lodash",
            """ "ranges": [ { "type": "SEMVER", "events": [ { "introduced": "0" }, { "fixed": "4.17.21" } ] } ] """,
            """ "aliases": ["CVE-2021-23337"], "summary": "Command injection", "severity": [ { "type": "CVSS_V3", "score": "CVSS:3.1/AV:N/AC:L/PR:H/UI:N/S:U/C:H/I:H/A:H" } ], """));
        var match = Scan("pkg:npm/lodash@4.17.20").Single();

        var finding = VulnerabilityFindings.Build(match, new Subject { Model = "credit-scoring", ModelVersion = "1.3.0" });

        finding.RuleId.Should().Be("vulnerability");
        finding.Category.Should().Be(Category.SupplyChain);
        // NVD scores CVE-2021-23337 (this vector) 7.2: High → Error.
        match.Score.Should().Be(7.2);
        finding.Severity.Should().Be(Severity.Error);
        finding.Message.Should().Be("lodash 4.17.20 is affected by CVE-2021-23337 (high 7.2): Command injection");
        finding.SuggestedAction.Should().Be("Upgrade lodash to 4.17.21 or later.");
        finding.Evidence["fixed"].Should().Be("4.17.21");
    }
}

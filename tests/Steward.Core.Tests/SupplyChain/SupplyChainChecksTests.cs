using System.Security.Cryptography;
using System.Text;
using Steward.Core.Findings;
using Steward.Core.Governance;
using Steward.Core.Policy;
using Steward.Core.Policy.Checks;
using Steward.Core.SupplyChain.Checks;
using Steward.Core.SupplyChain.Signing;
using Steward.TestSupport;
using static Steward.Core.Tests.Governance.RepositoryFixtures;

namespace Steward.Core.Tests.SupplyChain;

/// <summary>The supply-chain rules of steward check, over repositories built on disk.</summary>
public sealed class SupplyChainChecksTests : IDisposable
{
    private readonly TempDirectory _artifacts = new();
    private readonly List<IDisposable> _repos = [];

    public void Dispose()
    {
        _artifacts.Dispose();
        foreach (var r in _repos) r.Dispose();
    }

    private const string Weights = "weights v1\n";
    private static readonly string WeightsSha = Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(Weights)));

    private static string ModelWith(string spec, string model = "credit-scoring", string version = "1.3.0") =>
        $"""
        apiVersion: steward.dev/v1alpha1
        kind: ModelVersion
        metadata:
          name: {model}-{version}
        spec:
          model: {model}
          version: "{version}"
          license: Apache-2.0
        {spec}
        """;

    private static string Artifact(string sha, string uri = "s3://models/credit-scoring/1.3.0/", string extra = "") =>
        $"""
          artifact:
            uri: {uri}
            sha256: {sha}
        {extra}
        """;

    private TempFolder Repo(params (string, string)[] files)
    {
        var repo = Repository(files);
        _repos.Add(repo);
        return repo;
    }

    private CheckResult Check(TempFolder repo, DateOnly? today = null) =>
        new CheckRunner(BuiltInChecks.Create(new SupplyChainCheckOptions { ArtifactsDirectory = _artifacts.Path, Today = today ?? new DateOnly(2026, 11, 25) }))
            .Run(RepositoryLoader.LoadFolder(repo.Path), cancellationToken: TestContext.Current.CancellationToken);

    private static List<Finding> Of(CheckResult result, string rule) => result.Findings.Where(f => f.RuleId == rule).ToList();

    // ---- artifact location ----

    [Fact]
    public void Artifact_uri_maps_without_scheme_and_bucket_then_without_scheme()
    {
        ArtifactLocator.Candidates("/a", "s3://models/credit-scoring/1.3.0/")
            .Should().Equal(Path.Combine("/a", "credit-scoring", "1.3.0"), Path.Combine("/a", "models", "credit-scoring", "1.3.0"));
        ArtifactLocator.Candidates("/a", "gs://bucket/m.onnx").Should().Equal(Path.Combine("/a", "m.onnx"), Path.Combine("/a", "bucket", "m.onnx"));
        ArtifactLocator.Candidates("/a", "local/m.onnx").Should().Equal(Path.Combine("/a", "local", "m.onnx"));
        ArtifactLocator.Candidates("/a", "s3://models/../../etc").Should().BeEmpty();
    }

    // ---- artifact-digest ----

    [Fact]
    public void Artifact_digest_matches()
    {
        _artifacts.Write("credit-scoring/1.3.0/model.bin", Weights);
        var folderSha = Steward.Core.SupplyChain.Artifacts.ArtifactDigest.Compute(Path.Combine(_artifacts.Path, "credit-scoring", "1.3.0")).Sha256;
        var repo = Repo(("models/m.yaml", ModelWith(Artifact("sha256:" + folderSha.ToUpperInvariant()))));

        Check(repo).Findings.Should().BeEmpty();
    }

    [Fact]
    public void Artifact_found_with_the_bucket_in_the_path()
    {
        _artifacts.Write("models/credit-scoring/1.3.0.bin", Weights);
        var repo = Repo(("models/m.yaml", ModelWith(Artifact(WeightsSha, "s3://models/credit-scoring/1.3.0.bin"))));

        Check(repo).Findings.Should().BeEmpty();
    }

    [Fact]
    public void Artifact_digest_mismatch_is_an_error_at_the_sha256_line()
    {
        _artifacts.Write("credit-scoring/1.3.0.bin", "tampered\n");
        var repo = Repo(("models/m.yaml", ModelWith(Artifact(WeightsSha, "s3://models/credit-scoring/1.3.0.bin"))));

        var finding = Of(Check(repo), "artifact-digest").Should().ContainSingle().Subject;
        finding.Severity.Should().Be(Severity.Error);
        finding.Subject.File.Should().Be("models/m.yaml");
        finding.Subject.Line.Should().Be(11);
        finding.Subject.Model.Should().Be("credit-scoring");
        finding.Message.Should().Contain("credit-scoring/1.3.0.bin").And.Contain(WeightsSha);
    }

    [Fact]
    public void Unreachable_artifact_is_info_and_no_artifacts_folder_skips_the_rule()
    {
        var repo = Repo(("models/m.yaml", ModelWith(Artifact(WeightsSha))));

        var finding = Of(Check(repo), "artifact-digest").Should().ContainSingle().Subject;
        finding.Severity.Should().Be(Severity.Info);
        finding.Message.Should().Contain("credit-scoring/1.3.0, models/credit-scoring/1.3.0");
        new CheckRunner().Run(RepositoryLoader.LoadFolder(repo.Path), cancellationToken: TestContext.Current.CancellationToken).Findings.Should().BeEmpty();
    }

    // ---- artifact-signature ----

    private const string SignedSettings = """
        apiVersion: steward.dev/v1alpha1
        kind: Settings
        supplyChain:
          requireSignatures: true
          trustedKeys: [keys/ci.pub.pem]
        """;

    private static string Key(string name) => File.ReadAllText(SbomTests.Fixture("signing", name));

    private string SignArtifact(string relative, string envelopePath, string privateKey = "ec-private-pkcs8.pem")
    {
        using var signer = SigningKeys.LoadSigner(SbomTests.Fixture("signing", privateKey));
        var json = ModelSigning.Sign(Path.Combine(_artifacts.Path, relative), signer).ToJson();
        return json;
    }

    [Fact]
    public void Signature_beside_the_artifact_verifies()
    {
        _artifacts.Write("credit-scoring/1.3.0/model.bin", Weights);
        _artifacts.Write("credit-scoring/1.3.0.dsse.json", SignArtifact("credit-scoring/1.3.0", ""));
        var repo = Repo(("steward.yaml", SignedSettings), ("keys/ci.pub.pem", Key("ec-public.pem")),
            ("models/m.yaml", ModelWith("  artifact: {uri: s3://models/credit-scoring/1.3.0/}")));

        Of(Check(repo), "artifact-signature").Should().BeEmpty();
    }

    [Fact]
    public void Signature_in_the_repository_names_the_changed_and_added_files()
    {
        _artifacts.Write("credit-scoring/1.3.0/model.bin", Weights);
        var envelope = SignArtifact("credit-scoring/1.3.0", "");
        _artifacts.Write("credit-scoring/1.3.0/model.bin", "changed\n");
        _artifacts.Write("credit-scoring/1.3.0/extra.py", "print()\n");
        var repo = Repo(("steward.yaml", SignedSettings), ("keys/ci.pub.pem", Key("ec-public.pem")),
            ("signatures/cs.dsse.json", envelope),
            ("models/m.yaml", ModelWith("  artifact: {uri: s3://models/credit-scoring/1.3.0/, signature: signatures/cs.dsse.json}")));

        var finding = Of(Check(repo), "artifact-signature").Should().ContainSingle().Subject;
        finding.Severity.Should().Be(Severity.Error);
        finding.Message.Should().Contain("extra.py: added").And.Contain("(and 1 more)");
        finding.Evidence["problems"].Should().BeOfType<string>().Which.Should().Contain("model.bin: changed");
    }

    [Fact]
    public void Unsigned_and_untrusted_artifacts_are_errors()
    {
        _artifacts.Write("a/1/model.bin", Weights);
        _artifacts.Write("b/1/model.bin", Weights);
        _artifacts.Write("b/1.dsse.json", SignArtifact("b/1", "", "ed25519-private.pem"));
        var repo = Repo(("steward.yaml", SignedSettings), ("keys/ci.pub.pem", Key("ec-public.pem")),
            ("models/a.yaml", ModelWith("  artifact: {uri: s3://m/a/1/}", "a", "1")),
            ("models/b.yaml", ModelWith("  artifact: {uri: s3://m/b/1/}", "b", "1")));

        var findings = Of(Check(repo), "artifact-signature");
        findings.Should().HaveCount(2);
        findings[0].Message.Should().Contain("a@1").And.Contain("not signed").And.Contain("a/1.dsse.json not found");
        findings[1].Message.Should().Contain("b@1").And.Contain("no signature matches the key");
    }

    [Fact]
    public void Require_signatures_needs_keys_and_keys_must_exist()
    {
        var noKeys = Repo(("steward.yaml", "apiVersion: steward.dev/v1alpha1\nkind: Settings\nsupplyChain: {requireSignatures: true}\n"));
        FluentActions.Invoking(() => RepositoryLoader.LoadFolder(noKeys.Path)).Should().Throw<StewardInputException>()
            .WithMessage("steward.yaml:3:34: supplyChain.requireSignatures: *trustedKeys*");

        _artifacts.Write("a/1/model.bin", Weights);
        var missing = Repo(("steward.yaml", SignedSettings), ("models/a.yaml", ModelWith("  artifact: {uri: s3://m/a/1/}", "a", "1")));
        FluentActions.Invoking(() => Check(missing)).Should().Throw<StewardInputException>()
            .WithMessage("steward.yaml:*supplyChain.trustedKeys?0?: keys/ci.pub.pem: file not found*");
    }

    // ---- component-license ----

    private static string CycloneDx(params (string Name, string Version, string? License)[] components) =>
        "{\"bomFormat\":\"CycloneDX\",\"specVersion\":\"1.6\",\"version\":1,\"components\":["
        + string.Join(",", components.Select(c =>
            $"{{\"type\":\"library\",\"name\":\"{c.Name}\",\"version\":\"{c.Version}\",\"purl\":\"pkg:pypi/{c.Name}@{c.Version}\""
            + (c.License is null ? "" : $",\"licenses\":[{{\"expression\":\"{c.License}\"}}]") + "}"))
        + "]}";

    private const string LicenseSettings = """
        apiVersion: steward.dev/v1alpha1
        kind: Settings
        licenses: {allowed: [Apache-2.0, MIT, BSD-3-Clause], denied: [AGPL-3.0-only]}
        """;

    [Fact]
    public void Component_licenses_follow_the_license_policy()
    {
        var repo = Repo(("steward.yaml", LicenseSettings),
            ("sbom/cs.json", CycloneDx(("numpy", "1.26.0", "BSD-3-Clause"), ("agpl-lib", "1.0", "AGPL-3.0-only"), ("mystery", "0.1", null))),
            ("models/m.yaml", ModelWith("  sbom: sbom/cs.json")));

        var findings = Of(Check(repo), "component-license");
        findings.Should().HaveCount(2);
        var error = findings.Should().ContainSingle(f => f.Severity == Severity.Error).Subject;
        error.Message.Should().Contain("agpl-lib@1.0").And.Contain("AGPL-3.0-only");
        error.Subject.Line.Should().Be(9);
        findings.Should().ContainSingle(f => f.Severity == Severity.Warning).Which.Message.Should().Contain("mystery@0.1 declares no license");
    }

    [Fact]
    public void Component_licenses_all_allowed()
    {
        var repo = Repo(("steward.yaml", LicenseSettings),
            ("sbom/cs.json", CycloneDx(("numpy", "1.26.0", "BSD-3-Clause"), ("torch", "2.1.0", "BSD-3-Clause OR MIT"))),
            ("models/m.yaml", ModelWith("  sbom: sbom/cs.json")));

        Of(Check(repo), "component-license").Should().BeEmpty();
    }

    [Fact]
    public void Missing_or_malformed_sbom_names_the_field_and_file()
    {
        var missing = Repo(("steward.yaml", LicenseSettings), ("models/m.yaml", ModelWith("  sbom: sbom/none.json")));
        FluentActions.Invoking(() => Check(missing)).Should().Throw<StewardInputException>()
            .WithMessage("models/m.yaml:9:9: spec.sbom: sbom/none.json: file not found*");

        var bad = Repo(("steward.yaml", LicenseSettings), ("sbom/cs.json", "{not json"), ("models/m.yaml", ModelWith("  sbom: sbom/cs.json")));
        FluentActions.Invoking(() => Check(bad)).Should().Throw<StewardInputException>()
            .WithMessage("models/m.yaml:9:9: spec.sbom: *cs.json*");
    }

    // ---- vulnerability ----

    private const string Osv = """
        {"schema_version":"1.6.0","id":"GHSA-aaaa","aliases":["CVE-2026-0001"],"modified":"2026-01-01T00:00:00Z",
         "summary":"bad thing",
         "severity":[{"type":"CVSS_V3","score":"CVSS:3.1/AV:N/AC:L/PR:N/UI:N/S:U/C:H/I:N/A:N"}],
         "affected":[{"package":{"ecosystem":"PyPI","name":"numpy"},"ranges":[{"type":"ECOSYSTEM","events":[{"introduced":"0"},{"fixed":"1.26.1"}]}]}]}
        """;

    private const string OsvMedium = """
        {"schema_version":"1.6.0","id":"GHSA-bbbb","modified":"2026-01-01T00:00:00Z",
         "severity":[{"type":"CVSS_V3","score":"CVSS:3.1/AV:N/AC:H/PR:L/UI:N/S:U/C:L/I:L/A:N"}],
         "affected":[{"package":{"ecosystem":"PyPI","name":"torch"},"ranges":[{"type":"ECOSYSTEM","events":[{"introduced":"0"},{"fixed":"9"}]}]}]}
        """;

    private static string VulnSettings(string extra = "") => $"""
        apiVersion: steward.dev/v1alpha1
        kind: Settings
        supplyChain:
          osvDatabase: osv
          failOn: high
        {extra}
        """;

    private TempFolder VulnRepo(string extra = "") => Repo(("steward.yaml", VulnSettings(extra)),
        ("osv/GHSA-aaaa.json", Osv), ("osv/GHSA-bbbb.json", OsvMedium),
        ("sbom/cs.json", CycloneDx(("numpy", "1.26.0", "BSD-3-Clause"), ("torch", "2.1.0", "BSD-3-Clause"))),
        ("models/m.yaml", ModelWith("  sbom: sbom/cs.json")));

    [Fact]
    public void Vulnerabilities_at_or_above_fail_on_are_errors_below_warnings()
    {
        var findings = Of(Check(VulnRepo()), "vulnerability");
        findings.Should().HaveCount(2);
        findings.Should().ContainSingle(f => f.Severity == Severity.Error).Which.Message.Should().Contain("numpy 1.26.0 is affected by CVE-2026-0001");
        findings.Should().ContainSingle(f => f.Severity == Severity.Warning).Which.Message.Should().Contain("GHSA-bbbb (medium");
    }

    [Fact]
    public void Clean_sbom_has_no_vulnerability_findings()
    {
        var repo = Repo(("steward.yaml", VulnSettings()), ("osv/GHSA-aaaa.json", Osv),
            ("sbom/cs.json", CycloneDx(("numpy", "1.26.1", "BSD-3-Clause"))), ("models/m.yaml", ModelWith("  sbom: sbom/cs.json")));
        Of(Check(repo), "vulnerability").Should().BeEmpty();
    }

    [Fact]
    public void An_ignore_applies_until_it_expires()
    {
        const string ignore = "  ignore:\n    - {id: CVE-2026-0001, reason: \"not reachable: we never call it\", expires: 2027-01-31}";
        var repo = VulnRepo(ignore);

        Of(Check(repo, new DateOnly(2027, 1, 31)), "vulnerability").Should().ContainSingle().Which.Message.Should().Contain("GHSA-bbbb");

        var expired = Of(Check(repo, new DateOnly(2027, 2, 1)), "vulnerability");
        expired.Should().HaveCount(3);
        var warning = expired.Should().ContainSingle(f => f.Subject.File == "steward.yaml").Subject;
        warning.Severity.Should().Be(Severity.Warning);
        warning.Subject.Line.Should().Be(7);
        warning.Message.Should().Contain("CVE-2026-0001 expired on 2027-01-31");
    }

    [Theory]
    [InlineData("{id: CVE-1, expires: 2027-01-31}", "steward.yaml:7:7: supplyChain.ignore[0].reason: required field is missing")]
    [InlineData("{id: CVE-1, reason: r}", "steward.yaml:7:7: supplyChain.ignore[0].expires: required field is missing")]
    [InlineData("{id: CVE-1, reason: r, expires: soon}", "steward.yaml:7:39: supplyChain.ignore[0].expires: expected a date YYYY-MM-DD, got \"soon\"")]
    [InlineData("{id: CVE-1, reason: \"\", expires: 2027-01-31}", "steward.yaml:7:27: supplyChain.ignore[0].reason: an ignore needs a reason")]
    public void An_ignore_needs_a_reason_and_an_expiry(string item, string message)
    {
        var repo = Repo(("steward.yaml", VulnSettings("  ignore:\n    - " + item)));
        FluentActions.Invoking(() => RepositoryLoader.LoadFolder(repo.Path)).Should().Throw<StewardInputException>().WithMessage(message);
    }

    [Fact]
    public void Unknown_fail_on_and_missing_database_are_input_errors()
    {
        var level = Repo(("steward.yaml", "apiVersion: steward.dev/v1alpha1\nkind: Settings\nsupplyChain: {failOn: severe}\n"));
        FluentActions.Invoking(() => RepositoryLoader.LoadFolder(level.Path)).Should().Throw<StewardInputException>()
            .WithMessage("steward.yaml:3:23: supplyChain.failOn: unknown level \"severe\"*");

        var db = Repo(("steward.yaml", VulnSettings()), ("sbom/cs.json", CycloneDx(("numpy", "1.26.0", null))), ("models/m.yaml", ModelWith("  sbom: sbom/cs.json")));
        FluentActions.Invoking(() => Check(db)).Should().Throw<StewardInputException>()
            .WithMessage("steward.yaml:*supplyChain.osvDatabase: osv: file not found*");
    }

    [Fact]
    public void Repositories_without_supply_chain_settings_are_unaffected()
    {
        var repo = Repo(("models/m.yaml", Model("m", "1.0.0")));
        var settings = RepositoryLoader.LoadFolder(repo.Path).Settings.SupplyChain;
        settings.RequireSignatures.Should().BeFalse();
        settings.OsvDatabase.Should().BeNull();
        settings.FailOn.Should().Be("high");
        Check(repo).Findings.Should().BeEmpty();
    }

    [Fact]
    public void A_repository_held_in_memory_skips_the_rules_that_read_files()
    {
        var files = new Dictionary<string, string>
        {
            ["steward.yaml"] = LicenseSettings,
            ["models/m.yaml"] = ModelWith("  sbom: sbom/none.json\n  provenance: provenance/none.json"),
        };
        var repository = RepositoryLoader.Load(new Steward.Core.Governance.Sources.InMemorySource("mem", files));
        repository.Root.Should().BeNull();
        Check(repository).Findings.Should().BeEmpty();
        ((Steward.Rego.Values.RegoObject)((Steward.Rego.Values.RegoObject)Steward.Core.Policy.Rego.PolicyData.Build(repository)).Get("provenance")!).Count.Should().Be(0);
    }

    private CheckResult Check(GovernanceRepository repository) =>
        new CheckRunner(BuiltInChecks.Create(new SupplyChainCheckOptions { ArtifactsDirectory = _artifacts.Path }))
            .Run(repository, cancellationToken: TestContext.Current.CancellationToken);
}

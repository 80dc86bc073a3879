using System.Text.Json.Nodes;
using Steward.TestSupport;

namespace Steward.Cli.Tests.SupplyChain;

/// <summary>End-to-end: steward sbom MODEL@VERSION and the supply-chain rules of steward check.</summary>
public sealed class SupplyChainGateCliTests : IDisposable
{
    private readonly string _temp = Path.Combine(Path.GetTempPath(), "steward-cli-gate-" + Guid.NewGuid().ToString("N"));

    public SupplyChainGateCliTests() => Directory.CreateDirectory(_temp);

    public void Dispose()
    {
        try
        {
            Directory.Delete(_temp, true);
        }
        catch (IOException)
        {
        }
    }

    private static readonly string Examples = RepositoryPaths.InRepository("examples", "governance");

    private static async Task<(int Exit, string Out, string Err)> Run(params string[] args)
    {
        using var stdout = new StringWriter();
        using var stderr = new StringWriter();
        var exit = await StewardApp.RunAsync(args, stdout, stderr, TestContext.Current.CancellationToken);
        return (exit, stdout.ToString(), stderr.ToString());
    }

    private string Write(string relative, string content)
    {
        var full = Path.Combine(_temp, relative);
        Directory.CreateDirectory(Path.GetDirectoryName(full)!);
        File.WriteAllText(full, content);
        return full;
    }

    [Fact]
    public async Task Sbom_of_a_catalog_model_is_cyclonedx_by_default()
    {
        var (exit, output, error) = await Run("sbom", "credit-scoring@1.3.0", "--repo", Examples);
        exit.Should().Be(0, error);
        var bom = JsonNode.Parse(output)!;
        bom["bomFormat"]!.GetValue<string>().Should().Be("CycloneDX");
        bom["components"]![0]!["name"]!.GetValue<string>().Should().Be("credit-scoring");
    }

    [Fact]
    public async Task Sbom_spdx_to_a_file()
    {
        var file = Path.Combine(_temp, "bom.spdx.json");
        var (exit, output, error) = await Run("sbom", "credit-scoring@1.2.0", "--repo", Examples, "--format", "spdx", "--out", file);
        exit.Should().Be(0, error);
        output.Should().BeEmpty();
        JsonNode.Parse(File.ReadAllText(file))!["@graph"]!.AsArray().Should().Contain(e => e!["type"]!.GetValue<string>() == "ai_AIPackage");
        (await Run("sbom", "read", file)).Exit.Should().Be(0);
    }

    [Fact]
    public async Task Unknown_version_exits_2_naming_the_known_versions()
    {
        var (exit, _, error) = await Run("sbom", "credit-scoring@9.9.9", "--repo", Examples);
        exit.Should().Be(2);
        error.Should().Contain("credit-scoring@9.9.9").And.Contain("1.2.0, 1.3.0");
        (await Run("sbom", "nope", "--repo", Examples)).Exit.Should().Be(2);
    }

    [Fact]
    public async Task Check_with_artifacts_reports_a_digest_mismatch()
    {
        var repo = Path.Combine(_temp, "repo");
        Write("repo/models/m.yaml", """
            apiVersion: steward.dev/v1alpha1
            kind: ModelVersion
            metadata: {name: m-1}
            spec:
              model: m
              version: "1"
              license: Apache-2.0
              artifact:
                uri: s3://models/m/1.bin
                sha256: 0000000000000000000000000000000000000000000000000000000000000000
            """);
        Write("artifacts/m/1.bin", "weights\n");

        var (exit, output, _) = await Run("check", repo, "--artifacts", Path.Combine(_temp, "artifacts"), "--format", "json");
        exit.Should().Be(1);
        output.Should().Contain("artifact-digest").And.Contain("m/1.bin");
        (await Run("check", repo)).Exit.Should().Be(0, "without --artifacts the artifact is not checked");
        (await Run("check", repo, "--artifacts", Path.Combine(_temp, "none"))).Exit.Should().Be(2);
    }

    [Fact]
    public async Task Example_repository_still_passes()
        => (await Run("check", Examples)).Exit.Should().Be(0);

    [Fact]
    public async Task Sbom_without_a_model_exits_2()
    {
        var (exit, _, error) = await Run("sbom", "--repo", Examples);
        exit.Should().Be(2);
        error.Should().Contain("MODEL@VERSION");
    }

    private const string ModelWithSbom = """
        apiVersion: steward.dev/v1alpha1
        kind: ModelVersion
        metadata: {name: m-1}
        spec:
          model: m
          version: "1"
          license: Apache-2.0
          sbom: sbom/m.json
        """;

    [Fact]
    public async Task Check_scans_the_sbom_and_honours_an_ignore()
    {
        var repo = Path.Combine(_temp, "repo");
        Write("repo/models/m.yaml", ModelWithSbom);
        Write("repo/sbom/m.json", """
            {"bomFormat":"CycloneDX","specVersion":"1.6","version":1,
             "components":[{"type":"library","name":"numpy","version":"1.26.0","purl":"pkg:pypi/numpy@1.26.0","licenses":[{"license":{"id":"BSD-3-Clause"}}]}]}
            """);
        Write("repo/osv/GHSA-aaaa.json", """
            {"id":"GHSA-aaaa","aliases":["CVE-2026-0001"],"modified":"2026-01-01T00:00:00Z",
             "severity":[{"type":"CVSS_V3","score":"CVSS:3.1/AV:N/AC:L/PR:N/UI:N/S:U/C:H/I:H/A:H"}],
             "affected":[{"package":{"ecosystem":"PyPI","name":"numpy"},"ranges":[{"type":"ECOSYSTEM","events":[{"introduced":"0"},{"fixed":"1.26.1"}]}]}]}
            """);
        Write("repo/steward.yaml", "apiVersion: steward.dev/v1alpha1\nkind: Settings\nsupplyChain: {osvDatabase: osv}\n");

        var (exit, output, _) = await Run("check", repo, "--format", "json");
        exit.Should().Be(1);
        output.Should().Contain("\"vulnerability\"").And.Contain("CVE-2026-0001");

        Write("repo/steward.yaml", "apiVersion: steward.dev/v1alpha1\nkind: Settings\nsupplyChain:\n  osvDatabase: osv\n  ignore: [{id: CVE-2026-0001, reason: not reachable, expires: 2999-12-31}]\n");
        (await Run("check", repo)).Exit.Should().Be(0);
    }

    [Fact]
    public async Task Check_with_a_malformed_sbom_exits_2_naming_field_and_file()
    {
        var repo = Path.Combine(_temp, "repo");
        Write("repo/models/m.yaml", ModelWithSbom);
        Write("repo/sbom/m.json", "{\"bomFormat\": ");
        Write("repo/steward.yaml", "apiVersion: steward.dev/v1alpha1\nkind: Settings\nlicenses: {allowed: [MIT]}\n");

        var (exit, _, error) = await Run("check", repo);
        exit.Should().Be(2);
        error.Should().Contain("models/m.yaml:8:9: spec.sbom:").And.Contain("m.json").And.NotContain("   at ");
    }
}

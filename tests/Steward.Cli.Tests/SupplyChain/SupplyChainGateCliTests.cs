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
}

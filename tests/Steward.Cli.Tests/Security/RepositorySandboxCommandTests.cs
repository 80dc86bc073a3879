using System.Text.Json;
using Steward.TestSupport;

namespace Steward.Cli.Tests.Security;

/// <summary>Issue 12, items 1 and 2, end to end: a pull request cannot make Steward read outside its repository.</summary>
public sealed class RepositorySandboxCommandTests
{
    private const string Secret = "s3cr3t-token-from-outside";

    private const string Web = """
        apiVersion: v1
        kind: ConfigMap
        metadata: {name: web, namespace: default}
        data: {mode: public}
        """;

    private static string Model(string extraSpec) => $"""
        apiVersion: steward.dev/v1alpha1
        kind: ModelVersion
        metadata: {"{"}name: credit-scoring-1.3.0{"}"}
        spec:
          model: credit-scoring
          version: "1.3.0"
          license: Apache-2.0
          artifact: {"{"}uri: "s3://models/credit-scoring/1.3.0/", sha256: "0000000000000000000000000000000000000000000000000000000000000000"{"}"}
        {extraSpec}
        """;

    private static void AssertNoLeak(CliRunner.Result result)
    {
        result.Out.Should().NotContain(Secret);
        result.Error.Should().NotContain(Secret);
        result.Out.Should().NotContain("root:x:0:0");
        result.Error.Should().NotContain("root:x:0:0");
    }

    [Fact]
    public async Task A_link_to_a_secret_outside_with_a_policy_printing_input_is_an_error_finding_that_does_not_leak_it()
    {
        using var outside = new TempFolder();
        using var repo = new TempFolder();
        var secret = outside.Write("secret.yaml", $"apiVersion: v1\nkind: Secret\nmetadata: {{name: db, namespace: default}}\nstringData: {{password: {Secret}}}\n");
        repo.Write("manifests/web.yaml", Web);
        repo.Write("policies/leak.rego", """
            package leak

            import rego.v1

            deny contains msg if {
              msg := sprintf("saw %v", [input])
            }
            """);
        SpecialFiles.Link(repo["manifests/secret.yaml"], secret);

        var result = await CliRunner.RunAsync("check", repo.Path, "--format", "json");

        result.ExitCode.Should().Be(1, result.Error);
        using var json = JsonDocument.Parse(result.Out);
        var findings = json.RootElement.GetProperty("findings").EnumerateArray().ToList();
        var link = findings.Should().ContainSingle(f => f.GetProperty("ruleId").GetString() == "repository-link-outside").Subject;
        link.GetProperty("severity").GetString().Should().Be("error");
        link.GetProperty("subject").GetProperty("file").GetString().Should().Be("manifests/secret.yaml");
        findings.Should().ContainSingle(f => f.GetProperty("ruleId").GetString()!.StartsWith("policy/", StringComparison.Ordinal), "the policy saw the ConfigMap only");
        json.RootElement.GetProperty("summary").GetProperty("objects").GetInt32().Should().Be(1);
        AssertNoLeak(result);
    }

    [Fact]
    public async Task A_manifest_linked_to_etc_passwd_is_not_echoed()
    {
        using var repo = new TempFolder();
        SpecialFiles.Link(repo["manifests/p.yaml"], "/etc/passwd");

        var result = await CliRunner.RunAsync("check", repo.Path);

        result.ExitCode.Should().Be(1, result.Error);
        result.Out.Should().Contain("repository-link-outside").And.Contain("manifests/p.yaml");
        AssertNoLeak(result);
    }

    [Fact]
    public async Task A_folder_link_to_the_parent_loads_the_repository_once()
    {
        using var repo = new TempFolder();
        repo.Write("manifests/web.yaml", Web);
        SpecialFiles.Link(repo["manifests/loop"], "..");

        var result = await CliRunner.RunAsync("check", repo.Path, "--format", "json");

        result.ExitCode.Should().Be(0, result.Error);
        using var json = JsonDocument.Parse(result.Out);
        json.RootElement.GetProperty("summary").GetProperty("objects").GetInt32().Should().Be(1);
    }

    [Fact]
    public async Task Non_utf8_yaml_is_exit_2_naming_the_file_line_and_offset()
    {
        using var repo = new TempFolder();
        Directory.CreateDirectory(repo["manifests"]);
        // "apiVersion: v1\n" (15 bytes) + "kind: ConfigMap\n" (16) + "metadata: {name: " (17): the Latin-1 é is byte 48, line 3.
        File.WriteAllBytes(repo["manifests/cm.yaml"], [.. "apiVersion: v1\nkind: ConfigMap\nmetadata: {name: "u8, 0xE9, .. "}\n"u8]);

        var result = await CliRunner.RunAsync("check", repo.Path);

        result.ExitCode.Should().Be(2);
        result.Error.Should().Contain("manifests/cm.yaml:3: not valid UTF-8 text (invalid byte at offset 48)");
    }

    [Theory]
    [InlineData("absolute")]
    [InlineData("dotdot")]
    [InlineData("link")]
    public async Task A_provenance_path_outside_the_repository_is_exit_2_naming_the_field(string how)
    {
        using var outside = new TempFolder();
        using var repo = new TempFolder();
        var secret = outside.Write("provenance.json", $"{Secret} is not JSON");
        var value = how switch
        {
            "absolute" => secret,
            "dotdot" => Path.GetRelativePath(repo.Path, secret).Replace('\\', '/'),
            _ => "provenance.json",
        };
        if (how == "link") SpecialFiles.Link(repo["provenance.json"], secret);
        repo.Write("models/credit.yaml", Model($"  provenance: \"{value}\""));

        var result = await CliRunner.RunAsync("check", repo.Path);

        result.ExitCode.Should().Be(2, result.Out);
        result.Error.Should().Contain("models/credit.yaml:9:").And.Contain("spec.provenance").And.Contain(value);
        result.Error.Should().Contain(how switch
        {
            "absolute" => "an absolute path",
            "dotdot" => "leaves the repository folder",
            _ => "a symbolic link on this path leads outside the repository folder",
        });
        AssertNoLeak(result);
    }

    [Fact(Timeout = 120_000)]
    public async Task An_sbom_linked_to_dev_zero_is_exit_2_at_once()
    {
        using var repo = new TempFolder();
        repo.Write("steward.yaml", "apiVersion: steward.dev/v1alpha1\nkind: Settings\nlicenses: {allowed: [Apache-2.0]}\n");
        repo.Write("models/credit.yaml", Model("  sbom: sboms/credit.json"));
        SpecialFiles.Link(repo["sboms/credit.json"], "/dev/zero");

        var result = await CliRunner.RunAsync("check", repo.Path);

        result.ExitCode.Should().Be(2, result.Out);
        result.Error.Should().Contain("models/credit.yaml:9:").And.Contain("spec.sbom: sboms/credit.json: a symbolic link on this path leads outside the repository folder");
    }

    [Fact(Timeout = 120_000)]
    public async Task An_sbom_that_is_a_fifo_is_exit_2_not_a_hang()
    {
        using var repo = new TempFolder();
        // paths.manifests keeps discovery out of sboms/ (where reading the FIFO as a manifest would be
        // its own exit 2), so that this is the spec.sbom reader's refusal.
        repo.Write("steward.yaml", "apiVersion: steward.dev/v1alpha1\nkind: Settings\nlicenses: {allowed: [Apache-2.0]}\npaths: {manifests: [manifests]}\n");
        repo.Write("models/credit.yaml", Model("  sbom: sboms/credit.json"));
        SpecialFiles.Fifo(repo["sboms/credit.json"]);

        var result = await CliRunner.RunAsync("check", repo.Path);

        result.ExitCode.Should().Be(2, result.Out);
        result.Error.Should().Contain("spec.sbom: sboms/credit.json: not a regular file (a FIFO, socket or device)");
    }

    [Fact]
    public async Task A_monitor_reference_outside_the_repository_is_exit_2_naming_the_field()
    {
        using var outside = new TempFolder();
        using var repo = new TempFolder();
        using var store = new TempFolder();
        var secret = outside.Write("reference.csv", $"x\n{Secret}\n");
        repo.Write("monitors/credit.yaml", $"""
            apiVersion: steward.dev/v1alpha1
            kind: Monitor
            metadata: {"{"}name: credit{"}"}
            spec:
              model: credit-scoring
              reference: {secret}
              metrics:
                drift_share: {"{"}max: 0.3{"}"}
            """);

        var result = await CliRunner.RunAsync("monitor", "run", repo.Path, "--store", store["s.duckdb"]);

        result.ExitCode.Should().Be(2, result.Out);
        result.Error.Should().Contain("monitors/credit.yaml:1: Monitor credit: spec.reference: " + secret + ": an absolute path");
        AssertNoLeak(result);
    }

    [Fact(Timeout = 120_000)]
    public async Task Model_digest_of_a_fifo_is_exit_2_not_a_hang()
    {
        using var folder = new TempFolder();
        var fifo = SpecialFiles.Fifo(folder["model.bin"]);

        var result = await CliRunner.RunAsync("model", "digest", fifo);

        result.ExitCode.Should().Be(2);
        result.Error.Should().Contain($"{fifo}: not a regular file or folder");
    }

    [Fact(Timeout = 120_000)]
    public async Task Model_digest_of_a_folder_with_a_dev_zero_link_is_exit_2_naming_the_link()
    {
        using var folder = new TempFolder();
        folder.Write("model/weights.bin", "w");
        SpecialFiles.Link(folder["model/zero.bin"], "/dev/zero");

        var result = await CliRunner.RunAsync("model", "digest", folder["model"]);

        result.ExitCode.Should().Be(2);
        result.Error.Should().Contain($"{folder["model"]}/zero.bin: a symbolic link that leads outside");
    }

    [Fact(Timeout = 120_000)]
    public async Task Check_artifacts_with_an_artifact_linked_to_dev_zero_is_exit_2_naming_it()
    {
        using var repo = new TempFolder();
        using var artifacts = new TempFolder();
        repo.Write("models/credit.yaml", Model(""));
        SpecialFiles.Link(artifacts["credit-scoring/1.3.0"], "/dev/zero");

        var result = await CliRunner.RunAsync("check", repo.Path, "--artifacts", artifacts.Path);

        result.ExitCode.Should().Be(2, result.Out);
        result.Error.Should().Contain("credit-scoring/1.3.0: a symbolic link that leads outside the folder");
    }

    [Fact(Timeout = 120_000)]
    public async Task Check_artifacts_with_a_fifo_in_the_artifact_folder_finishes()
    {
        using var repo = new TempFolder();
        using var artifacts = new TempFolder();
        repo.Write("models/credit.yaml", Model(""));
        artifacts.Write("credit-scoring/1.3.0/weights.bin", "w");
        SpecialFiles.Fifo(artifacts["credit-scoring/1.3.0/pipe"]);

        var result = await CliRunner.RunAsync("check", repo.Path, "--artifacts", artifacts.Path, "--format", "json");

        result.ExitCode.Should().Be(1, result.Error); // the recorded digest is zeros: a mismatch, computed over weights.bin alone
        result.Out.Should().Contain("e47745dc6e8f04cdcf32bd1f3315a0d1c118bb04b7382dd022832ea56d1ffc8d"); // sha256sum of "50e7…326  weights.bin\n", see ArtifactFolderSandboxTests
    }
}

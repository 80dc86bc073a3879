using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using LibGit2Sharp;
using Steward.Core.Application;
using Steward.Core.Application.Check;
using Steward.Core.Application.Remediation;
using Steward.Core.Reporting;
using Steward.TestSupport;

namespace Steward.Cli.Tests.GitOps;

/// <summary>
/// `steward check` and `steward remediate` go through one check service: for a committed repository and
/// the same inputs (an artifacts folder where credit-scoring 1.3.0's artifact was swapped, and a store
/// whose latest credit-scoring window breaches its Monitor), what remediate acts on is exactly what
/// `check --format json` reports. Before the application layer, remediate ignored --artifacts.
/// </summary>
public sealed class CheckRemediateParityTests
{
    private static readonly Signature Author = new("Dev", "dev@example.com", new DateTimeOffset(2026, 3, 1, 9, 0, 0, TimeSpan.Zero));

    // The digest models/credit-scoring/1.3.0.yaml records for its artifact.
    private const string Recorded130 = "3f5a9c0e1b2d4f6a8c0e2b4d6f8a0c2e4b6d8f0a2c4e6b8d0f2a4c6e8b0d2f4a";

    [Fact]
    public async Task Remediate_acts_on_the_findings_check_reports_for_the_same_artifacts_and_store()
    {
        using var folder = new TempFolder();
        var gov = CommittedExample(folder);
        // s3://models/credit-scoring/1.3.0/ is looked for at DIR/credit-scoring/1.3.0: a file nobody reviewed.
        folder.Write("artifacts/credit-scoring/1.3.0/model.bin", "tampered\n");
        var artifacts = folder["artifacts"];
        var store = folder["store/steward.duckdb"];
        (await CliRunner.RunAsync("ingest", "inferences", "--model", "credit-scoring", "--version", "1.3.0",
            RepositoryPaths.InRepository("examples", "inference-logs", "credit-scoring.csv"), "--store", store)).ExitCode.Should().Be(0);
        (await CliRunner.RunAsync("monitor", "run", gov, "--store", store, "--format", "json")).ExitCode.Should().Be(1);

        var check = await CliRunner.RunAsync("check", gov, "--artifacts", artifacts, "--store", store, "--format", "json");
        check.ExitCode.Should().Be(1, check.Error);
        var checkFindings = JsonNode.Parse(check.Out)!["findings"]!.AsArray();
        var errors = checkFindings.Where(f => (string?)f!["severity"] == "error").Select(f => (string)f!["ruleId"]!).Order(StringComparer.Ordinal).ToList();
        // The three breaches of the latest window (MonitorRemediationTests) and the swapped artifact; the example has no other error.
        errors.Should().Equal("artifact-digest", "monitor/accuracy", "monitor/demographic_parity_ratio", "monitor/drift_share");
        var digest = checkFindings.Single(f => (string?)f!["ruleId"] == "artifact-digest" && (string?)f!["severity"] == "error")!;
        ((string?)digest["subject"]!["model"]).Should().Be("credit-scoring");
        ((string?)digest["subject"]!["modelVersion"]).Should().Be("1.3.0");
        digest["evidence"]!.ToJsonString().Should().Contain(Recorded130);

        using var run = new StewardApplication().Remediation.Start(new RemediationRequest
        {
            Folder = gov,
            Inputs = new CheckInputs { ArtifactsDirectory = artifacts, MonitorStore = store },
        });
        JsonNode.DeepEquals(FindingsJson(run.Findings), checkFindings).Should().BeTrue(
            $"remediate acts on\n{FindingsJson(run.Findings).ToJsonString()}\ncheck reports\n{checkFindings.ToJsonString()}");

        // The CLI passes --artifacts through: the swapped artifact is named among what remediate leaves to people.
        var remediate = await CliRunner.RunAsync("remediate", gov, "--artifacts", artifacts, "--store", store);
        remediate.ExitCode.Should().Be(0, remediate.Error);
        Words(remediate.Out).Should().Contain("not remediated: artifact-digest ModelVersion/").And.Contain("not remediated: monitor/accuracy Monitor/credit-scoring");
        var without = await CliRunner.RunAsync("remediate", gov, "--store", store);
        without.ExitCode.Should().Be(0, without.Error);
        Words(without.Out).Should().NotContain("artifact-digest").And.Contain("not remediated: monitor/accuracy Monitor/credit-scoring");
    }

    /// <summary>The findings as `check --format json` writes them (paths relative to the work tree root, which is the repository).</summary>
    private static JsonArray FindingsJson(IReadOnlyList<Core.Findings.Finding> findings)
    {
        using var stream = new MemoryStream();
        using (var writer = new Utf8JsonWriter(stream))
        {
            writer.WriteStartArray();
            foreach (var finding in findings) JsonCheckReporter.WriteFinding(writer, finding, new ReportOptions());
            writer.WriteEndArray();
        }
        return JsonNode.Parse(Encoding.UTF8.GetString(stream.ToArray()))!.AsArray();
    }

    // The terminal wraps long lines; the words are what matter.
    private static string Words(string text) => System.Text.RegularExpressions.Regex.Replace(text, @"\s+", " ");

    /// <summary>examples/governance committed as is (one commit), so HEAD and the folder hold the same files.</summary>
    private static string CommittedExample(TempFolder folder)
    {
        var gov = folder["governance"];
        var example = RepositoryPaths.InRepository("examples", "governance");
        foreach (var file in Directory.EnumerateFiles(example, "*", SearchOption.AllDirectories))
        {
            var target = Path.Combine(gov, Path.GetRelativePath(example, file));
            Directory.CreateDirectory(Path.GetDirectoryName(target)!);
            File.Copy(file, target);
        }
        Repository.Init(gov);
        using var git = new Repository(gov);
        LibGit2Sharp.Commands.Stage(git, "*");
        git.Commit("The example", Author, Author);
        return gov;
    }
}

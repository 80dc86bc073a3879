using System.Text.Json;
using System.Text.Json.Nodes;
using Steward.TestSupport;

namespace Steward.Cli.Tests.Policy;

/// <summary>
/// End-to-end: the shipped example's credit-scoring logs in a real DuckDB store, `steward monitor run`,
/// then `steward check --store` with a PolicyException for the accuracy breach of credit-scoring.
/// The example's latest window (2026-03-06) breaches accuracy, demographic_parity_ratio and drift_share
/// (values computed with pandas/scipy, see MonitorRemediationTests); the exception covers only accuracy.
/// </summary>
public sealed class MonitorBreachExceptionTests : IDisposable
{
    private readonly TempFolder _folder = new();
    private readonly string _gov;
    private readonly string _store;

    public MonitorBreachExceptionTests()
    {
        _gov = _folder["governance"];
        var example = RepositoryPaths.InRepository("examples", "governance");
        foreach (var file in Directory.EnumerateFiles(example, "*", SearchOption.AllDirectories))
        {
            var target = Path.Combine(_gov, Path.GetRelativePath(example, file));
            Directory.CreateDirectory(Path.GetDirectoryName(target)!);
            File.Copy(file, target);
        }
        _store = _folder["store/steward.duckdb"];
    }

    public void Dispose() => _folder.Dispose();

    private async Task RunMonitors()
    {
        (await CliRunner.RunAsync("ingest", "inferences", "--model", "credit-scoring", "--version", "1.3.0",
            RepositoryPaths.InRepository("examples", "inference-logs", "credit-scoring.csv"), "--store", _store)).ExitCode.Should().Be(0);
        (await CliRunner.RunAsync("monitor", "run", _gov, "--store", _store, "--format", "json")).ExitCode.Should().Be(1);
    }

    private void WriteException(string name, string rules, string models, string expiresAt)
    {
        Directory.CreateDirectory(Path.Combine(_gov, "exceptions"));
        File.WriteAllText(Path.Combine(_gov, "exceptions", name + ".yaml"),
            $"apiVersion: steward.dev/v1alpha1\nkind: PolicyException\nmetadata:\n  name: {name}\nspec:\n  rules: [{rules}]\n  match: {{models: [{models}]}}\n" +
            $"  reason: retraining on the March data\n  approver: risk-lead\n  expiresAt: {expiresAt}\n");
    }

    [Fact]
    public async Task An_exception_for_a_breach_rule_and_model_suppresses_it_in_json_and_sarif()
    {
        await RunMonitors();
        WriteException("accuracy-retrain", "monitor/accuracy", "credit-scoring", "2099-12-31");

        var json = await CliRunner.RunAsync("check", _gov, "--store", _store, "--format", "json");
        var sarif = await CliRunner.RunAsync("check", _gov, "--store", _store, "--format", "sarif");

        // Two breaches still fail the gate; accuracy is kept, marked suppressed, and the exception is used.
        json.ExitCode.Should().Be(1, json.Error);
        var report = JsonNode.Parse(json.Out)!;
        var findings = report["findings"]!.AsArray();
        findings.Select(f => (string)f!["ruleId"]!).Should().NotContain("exception-unused");
        var accuracy = findings.Single(f => (string?)f!["ruleId"] == "monitor/accuracy")!;
        accuracy["suppressed"]!.ToJsonString().Should().Be(
            """{"exception":"accuracy-retrain","reason":"retraining on the March data","approver":"risk-lead","expiresAt":"2099-12-31T00:00:00Z","file":"exceptions/accuracy-retrain.yaml"}""");
        findings.Where(f => ((string)f!["ruleId"]!).StartsWith("monitor/", StringComparison.Ordinal) && f!["suppressed"] is null)
            .Select(f => (string)f!["ruleId"]!).Should().Equal("monitor/demographic_parity_ratio", "monitor/drift_share");
        var summary = report["summary"]!;
        (summary["errors"]!.GetValue<int>(), summary["suppressed"]!.GetValue<int>()).Should().Be((2, 1));

        using var doc = JsonDocument.Parse(sarif.Out);
        var result = doc.RootElement.GetProperty("runs")[0].GetProperty("results").EnumerateArray().Single(r => r.GetProperty("ruleId").GetString() == "monitor/accuracy");
        var suppression = result.GetProperty("suppressions")[0];
        (suppression.GetProperty("kind").GetString(), suppression.GetProperty("status").GetString(), suppression.GetProperty("justification").GetString())
            .Should().Be(("external", "accepted", "retraining on the March data"));
    }

    [Fact]
    public async Task An_exception_for_another_model_suppresses_nothing_and_stays_unused_and_an_expired_one_is_an_error()
    {
        await RunMonitors();
        WriteException("chat", "monitor/*", "support-chat", "2099-12-31");
        WriteException("old", "monitor/accuracy", "credit-scoring@1.3.0", "2020-01-01");

        var json = await CliRunner.RunAsync("check", _gov, "--store", _store, "--format", "json");

        json.ExitCode.Should().Be(1, json.Error);
        var findings = JsonNode.Parse(json.Out)!["findings"]!.AsArray();
        findings.Where(f => ((string)f!["ruleId"]!).StartsWith("monitor/", StringComparison.Ordinal)).Should().OnlyContain(f => f!["suppressed"] == null);
        findings.Where(f => ((string)f!["ruleId"]!).StartsWith("exception-", StringComparison.Ordinal)).Select(f => $"{f!["ruleId"]} {f["subject"]!["name"]}")
            .Should().BeEquivalentTo("exception-unused chat", "exception-expired old");
    }
}

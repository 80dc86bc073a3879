using System.Text.Json;
using System.Text.Json.Nodes;
using Steward.Cli.Tests.Golden;
using Steward.Rego;
using Steward.Rego.Evaluation;
using Steward.Rego.Values;
using Steward.TestSupport;

namespace Steward.Cli.Tests.Policy;

/// <summary>
/// End-to-end: <c>steward check</c> over a repository with PolicyExceptions, on the real clock, so
/// the dates are far from today: web-limits (resources of Deployment web) expires 2099-12-31, which
/// with exceptions.warnBefore 36500d (100 years) is always an exception-expiring warning; stale
/// (model-license, which holds) expires 2999-12-31 and matches nothing; old (image-digest) expired in 2000.
/// </summary>
public sealed class ExceptionCheckTests : IDisposable
{
    private readonly TempFolder _repo = new();

    public ExceptionCheckTests()
    {
        _repo.Write("steward.yaml", "apiVersion: steward.dev/v1alpha1\nkind: Settings\nregistries:\n  approved: [registry.example.com]\nexceptions:\n  warnBefore: 36500d\n");
        _repo.Write("budgets/ml.yaml", "apiVersion: steward.dev/v1alpha1\nkind: Budget\nmetadata:\n  name: ml\nspec:\n  selector:\n    matchLabels: {team: ml}\n  amount: 1000\n");
        _repo.Write("manifests/web.yaml", """
            apiVersion: apps/v1
            kind: Deployment
            metadata:
              name: web
              namespace: ml
              labels: {team: ml, cost-center: cc-1}
            spec:
              replicas: 1
              template:
                spec:
                  containers:
                    - name: main
                      image: registry.example.com/web:1@sha256:0000000000000000000000000000000000000000000000000000000000000000
                      resources:
                        requests: {cpu: 500m, memory: 1Gi}
            """);
        _repo.Write("exceptions/web-limits.yaml", Exception("web-limits", "resources", "names: [web]", "2099-12-31", "ticket: PLAT-142\n"));
        _repo.Write("exceptions/stale.yaml", Exception("stale", "model-license", "kinds: [ModelVersion]", "2999-12-31"));
    }

    public void Dispose() => _repo.Dispose();

    private static string Exception(string name, string rule, string match, string expiresAt, string extra = "") =>
        $"apiVersion: steward.dev/v1alpha1\nkind: PolicyException\nmetadata:\n  name: {name}\nspec:\n  rules: [{rule}]\n  match: {{{match}}}\n" +
        $"  reason: limits land with the autoscaler rollout\n  approver: platform-team\n  expiresAt: {expiresAt}\n" + (extra.Length == 0 ? "" : "  " + extra);

    [Fact]
    public async Task A_suppressed_error_does_not_fail_the_gate_and_the_json_report_shows_it()
    {
        var result = await CliRunner.RunAsync("check", _repo.Path, "--format", "json");

        result.ExitCode.Should().Be(0, result.Error);
        GoldenFile.Match("check-exceptions.json", result.Out);
        var json = JsonNode.Parse(result.Out)!;
        var resources = json["findings"]!.AsArray().Single(f => (string?)f!["ruleId"] == "resources")!;
        resources["severity"]!.GetValue<string>().Should().Be("error");
        resources["suppressed"]!.ToJsonString().Should().Be(
            """{"exception":"web-limits","reason":"limits land with the autoscaler rollout","approver":"platform-team","expiresAt":"2099-12-31T00:00:00Z","ticket":"PLAT-142","file":"exceptions/web-limits.yaml"}""");
        // resources (suppressed), exception-expiring web-limits and exception-unused stale (warnings).
        var summary = json["summary"]!;
        (summary["passed"]!.GetValue<bool>(), summary["errors"]!.GetValue<int>(), summary["warnings"]!.GetValue<int>(), summary["suppressed"]!.GetValue<int>(), summary["total"]!.GetValue<int>())
            .Should().Be((true, 0, 2, 1, 3));
    }

    [Fact]
    public async Task Warnings_about_exceptions_fail_with_fail_on_warn_and_an_expired_exception_fails()
    {
        (await CliRunner.RunAsync("check", _repo.Path, "--fail-on-warn")).ExitCode.Should().Be(1);
        _repo.Write("exceptions/old.yaml", Exception("old", "image-digest", "", "2000-01-01"));

        var table = await CliRunner.RunAsync("check", _repo.Path);
        var markdown = await CliRunner.RunAsync("check", _repo.Path, "--format", "markdown");

        table.ExitCode.Should().Be(1);
        table.Out.Should().Contain("│ error (suppressed) │ resources ").And.Contain("FAILED: 1 error(s), 2 warning(s), 0 info(s), 1 suppressed over 2 objects");
        markdown.Out.Should().Contain("| error | `exception-expired` | exceptions/old.yaml:10 | PolicyException old expired at 2000-01-01T00:00:00Z: it no longer suppresses findings of image-digest |");
        markdown.Out.Should().Contain("| error (suppressed) | `resources` | manifests/web.yaml:12 | container main of Deployment web lacks limits.cpu, limits.memory "
            + "(suppressed by exception web-limits (approved by platform-team, expires 2099-12-31T00:00:00Z, PLAT-142): limits land with the autoscaler rollout) |");
    }

    [Fact]
    public async Task A_malformed_exception_is_an_error_finding_that_names_file_line_and_field()
    {
        _repo.Write("exceptions/bad.yaml", "apiVersion: steward.dev/v1alpha1\nkind: PolicyException\nmetadata:\n  name: bad\nspec:\n  rules: [resources]\n  reason: r\n  approver: a\n");

        var result = await CliRunner.RunAsync("check", _repo.Path, "--format", "json");

        result.ExitCode.Should().Be(1);
        var invalid = JsonNode.Parse(result.Out)!["findings"]!.AsArray().Single(f => (string?)f!["ruleId"] == "exception-invalid")!;
        invalid["message"]!.GetValue<string>().Should().Be("PolicyException bad is malformed and suppresses nothing: exceptions/bad.yaml:6:3: spec.expiresAt: required field is missing");
        (invalid["subject"]!["file"]!.GetValue<string>(), invalid["subject"]!["line"]!.GetValue<int>()).Should().Be(("exceptions/bad.yaml", 1));
    }

    /// <summary>
    /// The suppression object of the SARIF 2.1.0 schema (sarif-schema-2.1.0.json, definitions.suppression;
    /// guid, location and properties reduced to their types), checked with the engine's json.match_schema.
    /// </summary>
    private const string SuppressionSchema = """
        {"type": "object", "additionalProperties": false, "required": ["kind"],
         "properties": {
           "guid": {"type": "string"},
           "kind": {"enum": ["inSource", "external"]},
           "status": {"enum": ["accepted", "underReview", "rejected"]},
           "justification": {"type": "string"},
           "location": {"type": "object"},
           "properties": {"type": "object"}}}
        """;

    [Fact]
    public async Task The_sarif_report_keeps_the_result_with_an_external_accepted_suppression()
    {
        var result = await CliRunner.RunAsync("check", _repo.Path, "--format", "sarif");

        result.ExitCode.Should().Be(0, result.Error);
        GoldenFile.Match("check-exceptions.sarif", result.Out);
        using var sarif = JsonDocument.Parse(result.Out);
        var results = sarif.RootElement.GetProperty("runs")[0].GetProperty("results").EnumerateArray().ToList();
        results.Select(r => r.GetProperty("ruleId").GetString()).Should().Equal("exception-unused", "exception-expiring", "resources");
        var resources = results.Single(r => r.GetProperty("ruleId").GetString() == "resources");
        resources.GetProperty("level").GetString().Should().Be("error");
        var suppression = resources.GetProperty("suppressions")[0];
        suppression.GetProperty("kind").GetString().Should().Be("external");
        suppression.GetProperty("justification").GetString().Should().Be("limits land with the autoscaler rollout");
        results.Count(r => r.TryGetProperty("suppressions", out var _)).Should().Be(1);

        var engine = new RegoEngine();
        engine.AddModule("t.rego", "package t\nschema := " + SuppressionSchema);
        var match = engine.Evaluate("x := json.match_schema(input, data.t.schema)", RegoJson.Parse(suppression.GetRawText()), new EvalOptions { StrictBuiltinErrors = true });
        match[0].Bindings["x"].ToJson().Should().Be("[true,[]]");
    }

    [Theory]
    [InlineData("junit", "skipped=\"1\"", "suppressed by exception web-limits")]
    [InlineData("markdown", "| error (suppressed) | `resources` |", "0 error(s), 2 warning(s), 0 info(s), 1 suppressed over")]
    [InlineData("github", "::notice file=manifests/web.yaml", "title=resources (suppressed)::")]
    [InlineData("codeclimate", "\"severity\": \"info\"", "(suppressed by exception web-limits")]
    [InlineData("policyreport", "result: skip", "skip: 1")]
    public async Task Every_format_shows_the_suppressed_finding_as_suppressed(string format, string shown, string alsoShown)
    {
        var result = await CliRunner.RunAsync("check", _repo.Path, "--format", format);

        result.ExitCode.Should().Be(0, result.Error);
        result.Out.Should().Contain(shown).And.Contain(alsoShown);
    }

    [Fact]
    public async Task Policy_explain_shows_the_levels_and_the_exception_that_decided_the_verdict()
    {
        _repo.Write("teams/ml.yaml", "apiVersion: steward.dev/v1alpha1\nkind: PolicySet\nmetadata:\n  name: ml\nspec:\n  level: team\n  match: {namespaces: [ml]}\n  rules:\n    resources: {severity: critical}\n");

        var json = await CliRunner.RunAsync("policy", "explain", "resources", "--object", "manifests/web.yaml", "--repo", _repo.Path, "--format", "json");
        var table = await CliRunner.RunAsync("policy", "explain", "resources", "--object", _repo["manifests/web.yaml"], "--repo", _repo.Path);

        json.ExitCode.Should().Be(0, json.Error);
        var web = JsonNode.Parse(json.Out)!["objects"]!.AsArray().Single()!;
        web["verdict"]!.GetValue<string>().Should().Be("suppressed");
        web["levels"]!.AsArray().Select(l => $"{l!["level"]} {l["name"]} {l["outcome"]}").Should().Equal("organisation steward.yaml default", "team ml tightened");
        web["exceptions"]!.AsArray().Select(e => $"{e!["exception"]} {e["active"]}").Should().Equal("web-limits true");
        web["findings"]![0]!["severity"]!.GetValue<string>().Should().Be("critical");
        table.ExitCode.Should().Be(0, table.Error);
        table.Out.Should().Contain("resources on Deployment/ml/web (manifests/web.yaml:1)").And.Contain("verdict: suppressed");
    }

    [Fact]
    public async Task Policy_explain_of_a_file_outside_the_repository_is_an_input_error()
    {
        var result = await CliRunner.RunAsync("policy", "explain", "resources", "--object", "/etc/hostname", "--repo", _repo.Path);

        result.ExitCode.Should().Be(2);
        result.Error.Should().Contain("--object /etc/hostname: outside the repository");
    }
}

using YamlDotNet.Core;
using System.Text.Json;
using System.Xml.Linq;
using Steward.Cli.Tests.Golden;
using Steward.TestSupport;

namespace Steward.Cli.Tests.Check;

public class CheckCommandTests
{
    private static string Example => RepositoryPaths.InRepository("examples", "governance");

    [Fact]
    public async Task Example_repository_passes_with_warnings_allowed()
    {
        var result = await CliRunner.RunAsync("check", Example);

        result.ExitCode.Should().Be(0, result.Error);
        result.Out.Should().Contain("PASSED").And.Contain("Deployment/support-chat").And.Contain("1,773.00");
    }

    [Fact]
    public async Task Fail_on_warn_turns_warnings_into_exit_1()
    {
        var result = await CliRunner.RunAsync("check", Example, "--fail-on-warn");

        result.ExitCode.Should().Be(1);
    }

    [Theory]
    [InlineData("json", "check-example.json")]
    [InlineData("sarif", "check-example.sarif")]
    [InlineData("junit", "check-example.junit.xml")]
    [InlineData("markdown", "check-example.md")]
    [InlineData("github", "check-example.github.txt")]
    [InlineData("policyreport", "check-example.policyreport.yaml")]
    [InlineData("codeclimate", "check-example.codeclimate.json")]
    public async Task Example_reports_match_their_golden_files(string format, string golden)
    {
        var result = await CliRunner.RunAsync("check", Example, "--format", format);

        result.ExitCode.Should().Be(0, result.Error);
        // Paths are relative to the root of the Git work tree of this checkout (examples/governance/...),
        // wherever the tests run: the golden files hold them as they are.
        GoldenFile.Match(golden, result.Out);
    }

    [Fact]
    public async Task Json_report_has_the_contract_fields()
    {
        using var repo = new TempFolder();
        repo.Write("manifests/a.yaml", """
            apiVersion: apps/v1
            kind: Deployment
            metadata: {name: web, namespace: shop, labels: {team: shop}}
            spec:
              replicas: 2
              template:
                spec:
                  containers:
                    - name: web
                      image: nginx:1
                      resources: {requests: {cpu: "1", memory: 1Gi}, limits: {cpu: "1", memory: 1Gi}}
            """);

        var result = await CliRunner.RunAsync("check", repo.Path, "--format", "json");

        result.ExitCode.Should().Be(1);
        using var json = JsonDocument.Parse(result.Out);
        var findings = json.RootElement.GetProperty("findings");
        findings.EnumerateArray().Select(f => f.GetProperty("ruleId").GetString()).Should().Equal("budget-coverage", "cost-labels", "image-digest");
        var first = findings[1];
        first.GetProperty("ruleId").GetString().Should().Be("cost-labels");
        first.GetProperty("severity").GetString().Should().Be("error");
        first.GetProperty("category").GetString().Should().Be("finops");
        var subject = first.GetProperty("subject");
        subject.GetProperty("file").GetString().Should().Be("manifests/a.yaml");
        subject.GetProperty("line").GetInt32().Should().Be(1);
        subject.GetProperty("kind").GetString().Should().Be("Deployment");
        subject.GetProperty("name").GetString().Should().Be("web");
        subject.GetProperty("namespace").GetString().Should().Be("shop");
        first.GetProperty("message").GetString().Should().Be("Deployment web lacks cost-allocation label cost-center");
        first.GetProperty("evidence").GetProperty("missing")[0].GetString().Should().Be("cost-center");
        first.GetProperty("suggestedAction").GetString().Should().NotBeNullOrEmpty();
        json.RootElement.GetProperty("summary").GetProperty("errors").GetInt32().Should().Be(1);
        json.RootElement.GetProperty("summary").GetProperty("warnings").GetInt32().Should().Be(2);
        // 2 × (1 × 0.031611 + 1 × 0.004237) × 730 = 52.33808 → 52.34
        json.RootElement.GetProperty("cost").GetProperty("totalMonthlyUsd").GetDecimal().Should().Be(52.34m);
        json.RootElement.GetProperty("cost").TryGetProperty("deltaMonthlyUsd", out _).Should().BeFalse("base and delta come only with --base");
    }

    [Fact]
    public async Task Sarif_has_rules_results_and_regions()
    {
        using var repo = new TempFolder();
        repo.Write("models/m.yaml", "apiVersion: steward.dev/v1alpha1\nkind: ModelVersion\nmetadata: {name: m}\nspec: {model: m, version: '1', license: AGPL-3.0-only}\n");
        repo.Write("steward.yaml", "apiVersion: steward.dev/v1alpha1\nkind: Settings\nlicenses: {denied: [AGPL-3.0-only]}\n");

        var result = await CliRunner.RunAsync("check", repo.Path, "--format", "sarif");

        result.ExitCode.Should().Be(1);
        using var sarif = JsonDocument.Parse(result.Out);
        sarif.RootElement.GetProperty("version").GetString().Should().Be("2.1.0");
        var run = sarif.RootElement.GetProperty("runs")[0];
        run.GetProperty("tool").GetProperty("driver").GetProperty("rules").EnumerateArray().Select(r => r.GetProperty("id").GetString())
            .Should().Contain(["cost-labels", "model-license", "budget"]);
        var sarifResult = run.GetProperty("results")[0];
        sarifResult.GetProperty("ruleId").GetString().Should().Be("model-license");
        sarifResult.GetProperty("level").GetString().Should().Be("error");
        var region = sarifResult.GetProperty("locations")[0].GetProperty("physicalLocation").GetProperty("region");
        region.GetProperty("startLine").GetInt32().Should().Be(4);
        region.GetProperty("startColumn").GetInt32().Should().Be(41, "the license value starts at column 41");
    }

    [Fact]
    public async Task Junit_counts_failures_per_rule()
    {
        using var repo = new TempFolder();
        repo.Write("manifests/a.yaml", "apiVersion: v1\nkind: Pod\nmetadata: {name: p, labels: {team: t, cost-center: c}}\nspec: {containers: [{name: c, image: 'a@sha256:0000000000000000000000000000000000000000000000000000000000000000'}]}\n");

        var result = await CliRunner.RunAsync("check", repo.Path, "--format", "junit");

        var xml = XDocument.Parse(result.Out);
        xml.Root!.Attribute("failures")!.Value.Should().Be("1");
        var suite = xml.Root.Elements("testsuite").Single(s => s.Attribute("name")!.Value == "resources");
        suite.Element("testcase")!.Element("failure")!.Attribute("message")!.Value.Should().Be("container c of Pod p lacks requests.cpu, limits.cpu, requests.memory, limits.memory");
    }

    [Fact]
    public async Task Github_annotations_escape_and_locate()
    {
        using var repo = new TempFolder();
        repo.Write("manifests/a.yaml", "apiVersion: v1\nkind: Pod\nmetadata: {name: p, labels: {team: t}}\nspec: {containers: []}\n");

        var result = await CliRunner.RunAsync("check", repo.Path, "--format", "github");

        result.Out.Split('\n').Should().ContainMatch("::error file=*manifests/a.yaml,line=1,col=1,title=cost-labels::Pod p lacks cost-allocation label cost-center");
        result.Out.Split('\n')[0].Should().MatchRegex("^::warning file=.*manifests/a.yaml,line=1,col=1,title=budget-coverage::team=t has no Budget covering Pod/p$");
    }

    [Theory]
    [InlineData("manifests/a.yaml", "apiVersion: v1\nkind: [broken\n", "manifests/a.yaml:3:1: invalid YAML: While parsing a flow sequence, did not find expected ',' or ']'.")]
    [InlineData("models/m.yaml", "apiVersion: steward.dev/v1alpha1\nkind: Modle\nmetadata: {name: m}\n", "models/m.yaml:2:7: kind: unknown steward.dev/v1alpha1 kind \"Modle\"")]
    [InlineData("budgets/b.yaml", "apiVersion: steward.dev/v1alpha1\nkind: Budget\nmetadata: {name: b}\nspec: {amount: [1]}\n", "budgets/b.yaml:4:16: spec.amount: expected a number, got a list")]
    [InlineData("manifests/a.yaml", "apiVersion: v1\nkind: Pod\nmetadata: {name: p}\nspec: {containers: [{name: c, resources: {requests: {cpu: lots}}}]}\n", "manifests/a.yaml:4:59: spec.containers[0].resources.requests.cpu: invalid quantity \"lots\"")]
    public async Task Broken_repositories_exit_2_with_one_positioned_message(string path, string content, string expected)
    {
        using var repo = new TempFolder();
        repo.Write(path, content);

        var result = await CliRunner.RunAsync("check", repo.Path);

        result.ExitCode.Should().Be(2);
        result.Error.Should().StartWith("steward: " + expected);
        result.Error.Should().NotContain("   at ", "no stack trace is shown");
        result.Error.Trim().Split('\n').Should().HaveCount(1);
    }

    [Fact]
    public async Task Policy_reports_group_findings_by_namespace_and_cluster()
    {
        using var repo = new TempFolder();
        repo.Write("manifests/a.yaml", "apiVersion: v1\nkind: Pod\nmetadata: {name: p, namespace: shop, labels: {team: t, cost-center: c}}\nspec: {containers: [{name: c, image: 'r/x:1'}]}\n");
        repo.Write("models/m.yaml", "apiVersion: steward.dev/v1alpha1\nkind: ModelVersion\nmetadata: {name: m}\nspec: {model: m, version: '1', license: AGPL-3.0-only}\n");
        repo.Write("steward.yaml", "apiVersion: steward.dev/v1alpha1\nkind: Settings\nlicenses: {denied: [AGPL-3.0-only]}\n");

        var result = await CliRunner.RunAsync("check", repo.Path, "--format", "policyreport");

        var documents = new List<Dictionary<object, object>>();
        var parser = new YamlDotNet.Core.Parser(new StringReader(result.Out));
        var deserializer = new YamlDotNet.Serialization.DeserializerBuilder().Build();
        parser.Consume<YamlDotNet.Core.Events.StreamStart>();
        while (parser.Accept<YamlDotNet.Core.Events.DocumentStart>(out _))
            documents.Add(deserializer.Deserialize<Dictionary<object, object>>(parser));
        documents.Select(d => ((string)d["kind"], (string)((Dictionary<object, object>)d["metadata"])["name"])).Should().Equal(
            ("ClusterPolicyReport", "steward-cluster"), ("PolicyReport", "steward-shop"));
        var cluster = (List<object>)documents[0]["results"];
        ((Dictionary<object, object>)cluster[0])["policy"].Should().Be("model-license");
        ((Dictionary<object, object>)cluster[0])["result"].Should().Be("fail");
        ((Dictionary<object, object>)documents[1]["summary"])["fail"].Should().Be("1");
        ((Dictionary<object, object>)documents[1]["summary"])["warn"].Should().Be("2");
    }

    [Fact]
    public async Task Usage_errors_exit_2()
    {
        (await CliRunner.RunAsync("check", "--format", "yaml")).ExitCode.Should().Be(2);
        (await CliRunner.RunAsync("check", "--no-such-option")).ExitCode.Should().Be(2);
        (await CliRunner.RunAsync("check", "/no/such/folder")).ExitCode.Should().Be(2);
    }

    [Fact]
    public async Task Output_file_receives_the_report()
    {
        using var folder = new TempFolder();
        var file = folder["report.json"];

        var result = await CliRunner.RunAsync("check", Example, "--format", "json", "--output", file);

        result.ExitCode.Should().Be(0);
        result.Out.Should().BeEmpty();
        JsonDocument.Parse(File.ReadAllText(file)).RootElement.GetProperty("summary").GetProperty("passed").GetBoolean().Should().BeTrue();
    }
}

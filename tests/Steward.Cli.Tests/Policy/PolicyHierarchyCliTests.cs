using System.Text.Json.Nodes;
using Steward.TestSupport;

namespace Steward.Cli.Tests.Policy;

/// <summary>
/// End-to-end: a repository on disk with the organisation's evaluation thresholds in steward.yaml and
/// team ml's PolicySet (namespace ml) that tightens fairness_score, tries to loosen accuracy and owns
/// the Rego module policies/teams/ml. ModelVersion fraud 2.0 has accuracy 0.9 and fairness_score 0.85;
/// Deployment web (namespace ml) and scorer (namespace risk) deploy it.
/// </summary>
public sealed class PolicyHierarchyCliTests : IDisposable
{
    private readonly TempFolder _repo = new();

    public PolicyHierarchyCliTests()
    {
        _repo.Write("steward.yaml", "apiVersion: steward.dev/v1alpha1\nkind: Settings\nregistries:\n  approved: [registry.example.com]\nevaluation:\n  accuracy: {min: 0.95}\n  fairness_score: {min: 0.8, overridable: true}\n");
        _repo.Write("models/fraud.yaml", "apiVersion: steward.dev/v1alpha1\nkind: ModelVersion\nmetadata:\n  name: fraud-2.0\nspec:\n  model: fraud\n  version: \"2.0\"\n  license: Apache-2.0\n  evaluation: {accuracy: 0.9, fairness_score: 0.85}\n");
        foreach (var team in new[] { "ml", "risk" })
            _repo.Write($"budgets/{team}.yaml", $"apiVersion: steward.dev/v1alpha1\nkind: Budget\nmetadata:\n  name: {team}\nspec:\n  selector:\n    matchLabels: {{team: {team}}}\n  amount: 1000\n");
        _repo.Write("manifests/web.yaml", Deployment("web", "ml"));
        _repo.Write("manifests/scorer.yaml", Deployment("scorer", "risk"));
        _repo.Write("teams/ml.yaml", "apiVersion: steward.dev/v1alpha1\nkind: PolicySet\nmetadata:\n  name: ml\nspec:\n  level: team\n  match: {namespaces: [ml]}\n" +
            "  evaluation:\n    accuracy: {min: 0.85}\n    fairness_score: {min: 0.9}\n  policies: [policies/teams/ml]\n");
        _repo.Write("policies/teams/ml/replicas.rego", "package teams.ml\n\nwarn contains msg if {\n    input.kind == \"Deployment\"\n    input.spec.replicas < 2\n    msg := sprintf(\"%s runs one replica\", [input.metadata.name])\n}\n");
    }

    public void Dispose() => _repo.Dispose();

    private static string Deployment(string name, string ns) => $$"""
        apiVersion: apps/v1
        kind: Deployment
        metadata:
          name: {{name}}
          namespace: {{ns}}
          labels: {team: {{ns}}, cost-center: cc-1}
        spec:
          replicas: 1
          template:
            metadata:
              labels: {steward.dev/model: fraud, steward.dev/model-version: "2.0"}
            spec:
              containers:
                - name: main
                  image: registry.example.com/app:1@sha256:0000000000000000000000000000000000000000000000000000000000000000
                  resources:
                    requests: {cpu: 500m, memory: 1Gi}
                    limits: {cpu: 1, memory: 2Gi}
        """;

    [Fact]
    public async Task Check_applies_each_teams_thresholds_and_modules_and_reports_the_refused_loosening()
    {
        var result = await CliRunner.RunAsync("check", _repo.Path, "--format", "json");

        result.ExitCode.Should().Be(1, result.Error);
        var findings = JsonNode.Parse(result.Out)!["findings"]!.AsArray().Select(f => $"{f!["ruleId"]}: {f["message"]}").ToList();
        // accuracy 0.9 < 0.95 for both (the team's 0.85 is refused); fairness_score 0.85 < 0.9 only under team ml.
        findings.Should().BeEquivalentTo(
            "model-evaluation: ModelVersion fraud@2.0 (deployed by Deployment/web): accuracy 0.9 is not ≥ 0.95",
            "model-evaluation: ModelVersion fraud@2.0 (deployed by Deployment/web): fairness_score 0.85 is not ≥ 0.9 (team PolicySet ml)",
            "model-evaluation: ModelVersion fraud@2.0 (deployed by Deployment/scorer): accuracy 0.9 is not ≥ 0.95",
            "policy-hierarchy-conflict: team PolicySet ml loosens the accuracy threshold to ≥ 0.85, which a level above (steward.yaml:6:13) does not mark overridable; ≥ 0.95 stands",
            "policy/teams/ml/warn: web runs one replica");
    }

    [Fact]
    public async Task Policy_explain_shows_which_level_set_each_threshold()
    {
        var json = await CliRunner.RunAsync("policy", "explain", "model-evaluation", "--object", "manifests/web.yaml", "--repo", _repo.Path, "--format", "json");
        var table = await CliRunner.RunAsync("policy", "explain", "model-evaluation", "--object", "manifests/web.yaml", "--repo", _repo.Path);

        json.ExitCode.Should().Be(0, json.Error);
        var web = JsonNode.Parse(json.Out)!["objects"]!.AsArray().Single()!;
        web["thresholds"]!.AsArray().Select(t => $"{t!["metric"]} {t["level"]} {t["outcome"]} {t["effective"]} {t["source"]}").Should().Equal(
            "accuracy organisation set ≥ 0.95 steward.yaml:6:13",
            "accuracy team refused ≥ 0.95 teams/ml.yaml:9:15",
            "fairness_score organisation set ≥ 0.8 steward.yaml:7:19",
            "fairness_score team tightened ≥ 0.9 teams/ml.yaml:10:21");
        web["verdict"]!.GetValue<string>().Should().Be("fails");
        table.ExitCode.Should().Be(0, table.Error);
        table.Out.Should().Contain("Evaluation thresholds").And.Contain("tightened").And.Contain("verdict: fails");
    }
}

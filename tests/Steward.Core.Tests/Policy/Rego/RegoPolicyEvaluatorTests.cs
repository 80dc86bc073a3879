using Steward.Core.Findings;
using Steward.Core.Governance;
using Steward.Core.Policy;
using Steward.Core.Policy.Rego;
using Steward.TestSupport;
using static Steward.Core.Tests.Governance.RepositoryFixtures;

namespace Steward.Core.Tests.Policy.Rego;

public class RegoPolicyEvaluatorTests
{
    private static string ExamplePolicy(string name) => File.ReadAllText(RepositoryPaths.InRepository("examples", "governance", "policies", name));

    private static CheckResult Check(params (string, string)[] files)
    {
        using var repo = Repository(files);
        return new CheckRunner(policies: new RegoPolicyEvaluator()).Run(RepositoryLoader.LoadFolder(repo.Path));
    }

    private static string CreditScoring(string version) =>
        Deployment("credit-scoring", model: "credit-scoring", version: version).Replace("      labels:\n        app: credit-scoring", "      labels:\n        app: credit-scoring", StringComparison.Ordinal)
            .Replace("  labels:\n    team: risk", "  labels:\n    app: credit-scoring-ai\n    team: risk", StringComparison.Ordinal);

    private static string CreditModel(string version, string fairness, string cost) =>
        Model("credit-scoring", version, evaluation: $"{{accuracy: 0.9, fairness_score: {fairness}}}") + $"\n  costPerInferenceUsd: {cost}\n";

    [Fact]
    public void Seed_rule_denies_an_unfair_credit_scoring_version()
    {
        var result = Check(("policies/credit_scoring.rego", ExamplePolicy("credit_scoring.rego")),
            ("models/m.yaml", CreditModel("1.4.0", "0.71", "0.004")),
            ("manifests/a.yaml", CreditScoring("1.4.0")));

        var finding = result.Findings.Should().ContainSingle(f => f.RuleId.StartsWith("policy/", StringComparison.Ordinal)).Subject;
        finding.RuleId.Should().Be("policy/steward/credit_scoring/deny");
        finding.Severity.Should().Be(Severity.Error);
        finding.Category.Should().Be(Category.Policy);
        finding.Message.Should().Be("AI model fairness score below acceptable threshold (0.8): credit-scoring 1.4.0 scores 0.71.");
        finding.Subject.File.Should().Be("manifests/a.yaml");
        finding.Subject.Line.Should().Be(1);
        finding.Subject.Kind.Should().Be("Deployment");
        finding.Subject.ModelVersion.Should().Be("1.4.0");
    }

    [Fact]
    public void Seed_rule_denies_a_credit_scoring_version_above_the_cost_per_inference()
    {
        var result = Check(("policies/credit_scoring.rego", ExamplePolicy("credit_scoring.rego")),
            ("models/m.yaml", CreditModel("1.5.0", "0.9", "0.0051")),
            ("manifests/a.yaml", CreditScoring("1.5.0")));

        result.Findings.Where(f => f.RuleId == "policy/steward/credit_scoring/deny").Select(f => f.Message).Should().Equal(
            "Estimated inference cost exceeds budget (0.005 USD): credit-scoring 1.5.0 costs 0.0051 USD.");
    }

    [Fact]
    public void Seed_rule_passes_a_fair_and_cheap_version()
    {
        var result = Check(("policies/credit_scoring.rego", ExamplePolicy("credit_scoring.rego")),
            ("models/m.yaml", CreditModel("1.3.0", "0.84", "0.004")),
            ("manifests/a.yaml", CreditScoring("1.3.0")));

        result.Findings.Should().NotContain(f => f.RuleId.StartsWith("policy/", StringComparison.Ordinal));
        result.Rules.Select(r => r.Id).Should().Contain("policy/steward/credit_scoring/deny");
    }

    [Theory]
    [InlineData("2000m", false)]
    [InlineData("2", false)]
    [InlineData("2500m", true)]
    [InlineData("3", true)]
    public void Seed_rule_limits_inference_containers_to_two_cores(string cpuLimit, bool denied)
    {
        var deployment = Deployment("api", cpuLimit: $"\"{cpuLimit}\"").Replace("- name: main", "- name: ai-inference-model", StringComparison.Ordinal);

        var result = Check(("policies/inference_resources.rego", ExamplePolicy("inference_resources.rego")), ("manifests/a.yaml", deployment));

        result.Findings.Any(f => f.RuleId == "policy/kubernetes/admission/model_resources/deny").Should().Be(denied);
    }

    [Fact]
    public void Warn_rules_and_objects_with_msg_follow_conftest()
    {
        var result = Check(("policies/p.rego", """
            package team.conventions
            import rego.v1
            warn contains {"msg": sprintf("%v has no owner", [input.metadata.name]), "field": "owner"} if {
                input.kind == "ModelVersion"
                not input.spec.owner
            }
            violation contains "budgets must have thresholds" if {
                input.kind == "Budget"
                not input.spec.thresholds
            }
            """),
            ("models/m.yaml", Model("m", "1")),
            ("budgets/b.yaml", Budget("b", "risk", 10)));

        result.Findings.Select(f => (f.RuleId, f.Severity, f.Message)).Should().Equal(
            ("policy/team/conventions/violation", Severity.Error, "budgets must have thresholds"),
            ("policy/team/conventions/warn", Severity.Warning, "m-1 has no owner"));
        result.Findings[1].Evidence["field"]!.ToString().Should().Be("owner");
    }

    [Fact]
    public void A_policy_that_does_not_parse_is_a_positioned_input_error()
    {
        var act = () => Check(("policies/bad.rego", "package x\n\ndeny contains msg if {\n  msg := \n}\n"), ("manifests/a.yaml", Deployment("a")));

        act.Should().Throw<StewardInputException>().Which.Message.Should().StartWith("policies/bad.rego:");
    }

    [Fact]
    public void A_policy_that_loops_stops_within_its_time_budget()
    {
        // 1,000 × 1,000 pairs at steps of microseconds: far longer than 300 ms.
        using var repo = Repository(("policies/slow.rego", """
            package slow
            import rego.v1
            r := numbers.range(1, 1000)
            deny contains "never" if {
                some i in r
                some j in r
                some k in r
                i + j + k < 0
            }
            """), ("manifests/a.yaml", Deployment("a")));
        var runner = new CheckRunner(policies: new RegoPolicyEvaluator(TimeSpan.FromMilliseconds(300)));

        var result = runner.Run(RepositoryLoader.LoadFolder(repo.Path), cancellationToken: TestContext.Current.CancellationToken);

        var finding = result.Findings.Should().ContainSingle(f => f.RuleId == "policy/slow/deny").Subject;
        finding.Severity.Should().Be(Severity.Error);
        // Where it stops (between steps, or at the call of +) depends on the moment the budget runs out.
        finding.Message.Should().Match("policy policies/slow.rego was stopped at policies/slow.rego*: eval_cancel_error: evaluation cancelled: time budget of 300ms per query exceeded (timeout)");
        finding.Evidence["error"].Should().Be("eval_cancel_error");
    }
}

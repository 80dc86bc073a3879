using Steward.Core.Findings;
using Steward.Core.Governance;
using Steward.Core.Policy;
using static Steward.Core.Tests.Governance.RepositoryFixtures;

namespace Steward.Core.Tests.Policy;

public class ChecksTests
{
    private const string Settings = """
        apiVersion: steward.dev/v1alpha1
        kind: Settings
        registries: {approved: [registry.example.com, ghcr.io/example]}
        licenses: {allowed: [Apache-2.0, MIT], denied: [AGPL-3.0-only]}
        evaluation: {fairness_score: {min: 0.8}, accuracy: {min: 0.85}}
        """;

    private static CheckResult Check(params (string, string)[] files)
    {
        using var repo = Repository(files);
        return new CheckRunner().Run(RepositoryLoader.LoadFolder(repo.Path));
    }

    private static IEnumerable<Finding> Of(CheckResult result, string rule) => result.Findings.Where(f => f.RuleId == rule);

    [Fact]
    public void A_clean_repository_has_no_findings()
    {
        var result = Check(("steward.yaml", Settings), ("models/m.yaml", Model("m", "1.0.0")),
            ("manifests/a.yaml", Deployment("web", model: "m", version: "1.0.0")), ("budgets/b.yaml", Budget("risk", "risk", 1000)));

        result.Findings.Should().BeEmpty();
        result.HasErrors.Should().BeFalse();
    }

    [Fact]
    public void Cost_labels_missing_on_metadata_and_template()
    {
        var result = Check(("manifests/a.yaml", """
            apiVersion: apps/v1
            kind: Deployment
            metadata: {name: web, labels: {team: risk}}
            spec:
              template:
                metadata: {labels: {cost-center: cc-1}}
                spec: {containers: []}
            ---
            apiVersion: batch/v1
            kind: Job
            metadata: {name: job, labels: {team: risk}}
            spec: {template: {spec: {containers: []}}}
            ---
            apiVersion: v1
            kind: ConfigMap
            metadata: {name: not-a-workload}
            """));

        var findings = Of(result, "cost-labels").ToList();
        findings.Should().ContainSingle();
        findings[0].Subject.Name.Should().Be("job");
        findings[0].Subject.Line.Should().Be(9);
        findings[0].Severity.Should().Be(Severity.Error);
        findings[0].Message.Should().Be("Job job lacks cost-allocation label cost-center");
    }

    [Fact]
    public void Resources_missing_and_limit_below_request()
    {
        var result = Check(("manifests/a.yaml", """
            apiVersion: v1
            kind: Pod
            metadata: {name: p, labels: {team: t, cost-center: c}}
            spec:
              containers:
                - name: no-limits
                  resources: {requests: {cpu: 1, memory: 1Gi}}
                - name: inverted
                  resources:
                    requests: {cpu: "2", memory: 1Gi}
                    limits: {cpu: 1500m, memory: 1Gi}
              initContainers:
                - name: init
            """));

        Of(result, "resources").Select(f => f.Message).Should().Equal(
            "container no-limits of Pod p lacks limits.cpu, limits.memory",
            "container inverted of Pod p: cpu limit 1500m is below its request 2",
            "container init of Pod p lacks requests.cpu, limits.cpu, requests.memory, limits.memory");
    }

    [Fact]
    public void Image_registry_only_when_approved_list_is_set()
    {
        var unset = Check(("manifests/a.yaml", Deployment("web", image: "docker.io/library/nginx:1")));
        Of(unset, "image-registry").Should().BeEmpty();

        var set = Check(("steward.yaml", Settings), ("manifests/a.yaml", Deployment("web", image: "docker.io/library/nginx:1")),
            ("manifests/b.yaml", Deployment("api", image: "ghcr.io/example/api:2")));
        var finding = Of(set, "image-registry").Should().ContainSingle().Subject;
        finding.Subject.File.Should().Be("manifests/a.yaml");
        finding.Subject.Line.Should().Be(18, "the finding points at the image line");
    }

    [Fact]
    public void Image_digest_is_a_warning()
    {
        var result = Check(("manifests/a.yaml", Deployment("web", image: "registry.example.com/web:1.0")));

        var finding = Of(result, "image-digest").Should().ContainSingle().Subject;
        finding.Severity.Should().Be(Severity.Warning);
        result.HasErrors.Should().BeFalse();
    }

    [Fact]
    public void Model_ref_needs_a_catalog_entry()
    {
        var result = Check(("models/m.yaml", Model("m", "1.0.0")),
            ("manifests/a.yaml", Deployment("ok", model: "m", version: "1.0.0")),
            ("manifests/b.yaml", Deployment("wrong-version", model: "m", version: "2.0.0")),
            ("manifests/c.yaml", Deployment("unknown", model: "x", version: "1.0.0")),
            ("manifests/d.yaml", Deployment("no-model-label", version: "1.0.0")));

        Of(result, "model-ref").Select(f => f.Message).Should().Equal(
            "Deployment wrong-version names m@2.0.0, which is not in models/ (known versions: 1.0.0)",
            "Deployment unknown names model x, which has no ModelVersion in models/",
            "Deployment no-model-label has label steward.dev/model-version=1.0.0 but no steward.dev/model label");
    }

    [Fact]
    public void Model_label_keys_are_configurable()
    {
        var result = Check(("steward.yaml", "apiVersion: steward.dev/v1alpha1\nkind: Settings\nlabels: {model: ml/model, modelVersion: ml/version}\n"),
            ("manifests/a.yaml", Deployment("web", model: "absent", version: "1")));

        Of(result, "model-ref").Should().BeEmpty("the default label keys are no longer read");
    }

    [Fact]
    public void Model_license_against_allow_and_deny_lists()
    {
        var result = Check(("steward.yaml", Settings),
            ("models/a.yaml", Model("a", "1", license: "MIT OR AGPL-3.0-only")),
            ("models/b.yaml", Model("b", "1", license: "AGPL-3.0-only")),
            ("models/c.yaml", Model("c", "1", license: "LicenseRef-llama3")),
            ("models/d.yaml", Model("d", "1", license: "\"MIT AND (\"")));

        Of(result, "model-license").Select(f => (f.Subject.File, f.Message)).Should().Equal(
            ("models/b.yaml", "ModelVersion b@1 license AGPL-3.0-only is not allowed (denied: AGPL-3.0-only)"),
            ("models/c.yaml", "ModelVersion c@1 license LicenseRef-llama3 is not allowed (not in licenses.allowed: LicenseRef-llama3)"),
            ("models/d.yaml", "ModelVersion d@1: invalid SPDX expression \"MIT AND (\" at column 10: expression ends where a license id was expected"));
        Of(result, "model-license").First().Subject.Line.Should().Be(8, "the finding points at spec.license");
    }

    [Fact]
    public void Model_evaluation_applies_to_deployed_versions_only()
    {
        var result = Check(("steward.yaml", Settings),
            ("models/good.yaml", Model("m", "1.0.0", evaluation: "{accuracy: 0.9, fairness_score: 0.85}")),
            ("models/unfair.yaml", Model("m", "1.1.0", evaluation: "{accuracy: 0.95, fairness_score: 0.7}")),
            ("models/missing.yaml", Model("m", "1.2.0", evaluation: "{accuracy: 0.95}")),
            ("models/undeployed.yaml", Model("m", "0.9.0", evaluation: "{accuracy: 0.1, fairness_score: 0.1}")),
            ("manifests/a.yaml", Deployment("a", model: "m", version: "1.0.0")),
            ("manifests/b.yaml", Deployment("b", model: "m", version: "1.1.0")),
            ("manifests/c.yaml", Deployment("c", model: "m", version: "1.2.0")));

        Of(result, "model-evaluation").Select(f => f.Message).Should().Equal(
            "ModelVersion m@1.2.0 (deployed by Deployment/c) has no evaluation result for fairness_score",
            "ModelVersion m@1.1.0 (deployed by Deployment/b): fairness_score 0.7 is not ≥ 0.8");
    }

    [Fact]
    public void Budget_coverage_warns_per_uncovered_scope()
    {
        var result = Check(("budgets/b.yaml", Budget("risk", "risk", 1000)),
            ("manifests/a.yaml", Deployment("a", team: "risk")),
            ("manifests/b.yaml", Deployment("b", team: "genai")),
            ("manifests/c.yaml", Deployment("c", team: "genai")));

        var finding = Of(result, "budget-coverage").Should().ContainSingle().Subject;
        finding.Severity.Should().Be(Severity.Warning);
        finding.Message.Should().Be("team=genai has no Budget covering Deployment/b, Deployment/c");
    }

    [Fact]
    public void Budget_exceeded_by_projected_monthly_cost()
    {
        // Deployment cost: 2 replicas × (4 cores × 0.031611 + 16 GiB × 0.004237 + 1 GPU × 0.95) × 730 h
        //   = 2 × 1.144236 × 730 = 1670.58456 USD per month.
        var result = Check(
            ("budgets/b.yaml", Budget("genai", "genai", 1500)),
            ("manifests/a.yaml", Deployment("chat", team: "genai", replicas: 2, cpuRequest: "4", cpuLimit: "8", memoryRequest: "16Gi", memoryLimit: "24Gi", gpu: "1")));

        var finding = Of(result, "budget").Should().ContainSingle().Subject;
        finding.Message.Should().Be("Budget genai: projected monthly cost 1670.58 USD exceeds 1500.00 USD by 170.58 (11.4%)");
        finding.Evidence["projectedMonthlyUsd"].Should().Be(1670.58m);
        result.Cost.TotalMonthlyUsd.Should().Be(1670.58456m);
    }

    [Fact]
    public void Quarterly_budgets_are_compared_per_month()
    {
        // 1 replica × (0.5 × 0.031611 + 1 × 0.004237) × 730 = 14.6310 USD; a quarterly 30 is 10 a month.
        var result = Check(("budgets/b.yaml", Budget("risk", "risk", 30, "  period: quarterly")), ("manifests/a.yaml", Deployment("a")));

        Of(result, "budget").Should().ContainSingle().Which.Evidence["amount"].Should().Be(10m);
    }

    [Fact]
    public void Rules_can_be_disabled_or_reclassified_in_settings()
    {
        var result = Check(("steward.yaml", "apiVersion: steward.dev/v1alpha1\nkind: Settings\nrules:\n  image-digest: {severity: error}\n  cost-labels: {enabled: false}\n"),
            ("manifests/a.yaml", Deployment("a", image: "registry.example.com/a:1", team: "")));

        result.Findings.Select(f => (f.RuleId, f.Severity)).Should().Equal(("image-digest", Severity.Error));
        result.Rules.Select(r => r.Id).Should().NotContain("cost-labels");
    }

    [Fact]
    public void Findings_are_sorted_by_file_line_and_rule()
    {
        var result = Check(("manifests/b.yaml", Deployment("b", image: "x:1", team: "")), ("manifests/a.yaml", Deployment("a", image: "y:1", team: "")));

        result.Findings.Select(f => (f.Subject.File, f.Subject.Line, f.RuleId)).Should().BeInAscendingOrder(
            Comparer<(string?, int?, string)>.Create((x, y) =>
            {
                var c = string.CompareOrdinal(x.Item1, y.Item1);
                if (c != 0) return c;
                c = Nullable.Compare(x.Item2, y.Item2);
                return c != 0 ? c : string.CompareOrdinal(x.Item3, y.Item3);
            }));
    }
}

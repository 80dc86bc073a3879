using System.Text;
using System.Text.Json.Nodes;
using Steward.Core.Application;
using Steward.Core.Application.Admission;
using Steward.Core.Findings;
using Steward.Core.Governance;
using Steward.Core.Governance.Kinds;
using Steward.Core.Kubernetes;
using Steward.Core.Policy;
using Steward.Core.Policy.Rego;
using Steward.TestSupport;
using static Steward.Core.Tests.Governance.RepositoryFixtures;
using static Steward.TestSupport.AdmissionReviews;

namespace Steward.Core.Tests.Application.Admission;

/// <summary>
/// The admission use case with AdmissionReview documents as the API server sends them. The served
/// revision is a small repository written here: registry.example.com approved, cost-allocation labels
/// team and cost-center (the default), evaluation accuracy ≥ 0.85, a Budget "risk" of 1,000 USD a
/// month over team=risk. Every expected message is the rule's own wording (src/Steward.Core/Policy/Checks).
/// </summary>
public sealed class AdmissionReviewTests
{
    private const string SettingsHead = "apiVersion: steward.dev/v1alpha1\nkind: Settings\nregistries:\n  approved: [registry.example.com]\nevaluation:\n  accuracy: {min: 0.85}\n";
    private const string Digest = "@sha256:0000000000000000000000000000000000000000000000000000000000000000";

    private static readonly StewardApplication Application = new();

    /// <summary>A revision prepared from the fixture repository, with extra steward.yaml lines and files.</summary>
    private static AdmissionRevision Revision(string settings = "", params (string, string)[] files)
    {
        using var repo = Repository([
            ("steward.yaml", SettingsHead + settings),
            ("models/fraud.yaml", Model("fraud", "2.0", evaluation: "{accuracy: 0.9}")),
            ("budgets/risk.yaml", Budget("risk", "risk", 1000)),
            .. files]);
        return Application.PrepareAdmission(RepositoryLoader.LoadFolder(repo.Path));
    }

    private static AdmissionAnswer Admit(AdmissionRevision revision, string review) =>
        Application.Admit(revision, Encoding.UTF8.GetBytes(review), TestContext.Current.CancellationToken);

    /// <summary>
    /// web: labels team=risk only (no cost-center), an image by tag, CPU and memory requests but no limits.
    /// cost-labels (error), resources (error) and image-digest (warning) hold for it; nothing else does.
    /// </summary>
    private static JsonObject Violating(string ns = "default") =>
        AdmissionReviews.Deployment("web", ns, Labels(("team", "risk")), Labels(("app", "web")), 1,
            Container("main", "registry.example.com/web:1", cpuLimit: null, memoryLimit: null));

    /// <summary>A Deployment every built-in rule passes: both cost labels, approved registry, pinned image, requests and limits.</summary>
    private static JsonObject Compliant(int replicas = 1) =>
        AdmissionReviews.Deployment("web", "default", Labels(("team", "risk"), ("cost-center", "cc-1")), Labels(("app", "web")), replicas,
            Container("main", "registry.example.com/web:1" + Digest));

    private const string CostLabels = "[cost-labels] Deployment web lacks cost-allocation label cost-center";
    private const string Resources = "[resources] container main of Deployment web lacks limits.cpu, limits.memory";
    private const string ImageDigest = "[image-digest] image registry.example.com/web:1 of container main is not pinned by digest";

    [Fact]
    public void A_Deployment_that_breaks_built_in_rules_is_denied_with_the_findings_and_warned_of_the_rest()
    {
        var answer = Admit(Revision(), Review("CREATE", Violating()));

        answer.Decision.Allowed.Should().BeFalse();
        answer.Decision.Outcome.Should().Be(AdmissionOutcome.Denied);
        answer.Decision.Code.Should().Be(403);
        answer.Decision.Message.Should().Be(CostLabels + "\n" + Resources);
        answer.Decision.Warnings.Should().Equal(ImageDigest);
        answer.Operation.Should().Be("CREATE");
        answer.Kind.Should().Be("Deployment");

        var response = JsonNode.Parse(answer.Response)!;
        response["apiVersion"]!.GetValue<string>().Should().Be("admission.k8s.io/v1");
        response["kind"]!.GetValue<string>().Should().Be("AdmissionReview");
        response["response"]!["uid"]!.GetValue<string>().Should().Be(Uid);
        response["response"]!["allowed"]!.GetValue<bool>().Should().BeFalse();
        response["response"]!["status"]!["code"]!.GetValue<int>().Should().Be(403);
        response["response"]!["status"]!["message"]!.GetValue<string>().Should().Be(CostLabels + "\n" + Resources);
        response["response"]!["warnings"]!.AsArray().Select(w => w!.GetValue<string>()).Should().Equal(ImageDigest);
    }

    [Fact]
    public void A_compliant_Deployment_is_allowed_without_status_or_warnings()
    {
        var answer = Admit(Revision(), Review("CREATE", Compliant(), uid: "b3f0c1de-0000-4000-8000-000000000001"));

        answer.Decision.Outcome.Should().Be(AdmissionOutcome.Allowed);
        Encoding.UTF8.GetString(answer.Response).Should().Be(
            """{"apiVersion":"admission.k8s.io/v1","kind":"AdmissionReview","response":{"uid":"b3f0c1de-0000-4000-8000-000000000001","allowed":true}}""");
    }

    private const string ReplicasPolicy = """
        package replicas

        import rego.v1

        deny contains msg if {
            data.steward.admission.operation == "UPDATE"
            old := data.steward.admission.oldObject.spec.replicas
            input.spec.replicas > old * 2
            msg := sprintf("replicas may at most double in one change: %v to %v", [old, input.spec.replicas])
        }
        """;

    [Fact]
    public void An_UPDATE_gives_policies_the_old_object_at_data_steward_admission()
    {
        var revision = Revision("", ("policies/replicas.rego", ReplicasPolicy));

        var tripled = Admit(revision, Review("UPDATE", Compliant(replicas: 5), oldObject: Compliant(replicas: 2)));
        tripled.Decision.Allowed.Should().BeFalse();
        tripled.Decision.Message.Should().Be("[policy/replicas/deny] replicas may at most double in one change: 2 to 5");

        var doubled = Admit(revision, Review("UPDATE", Compliant(replicas: 4), oldObject: Compliant(replicas: 2)));
        doubled.Decision.Outcome.Should().Be(AdmissionOutcome.Allowed);

        // In CI there is no review: data.steward.admission is undefined and the rule stays silent.
        using var repo = Repository(("steward.yaml", SettingsHead), ("policies/replicas.rego", ReplicasPolicy), ("manifests/web.yaml", Deployment("web", replicas: 5)));
        new CheckRunner(policies: new RegoPolicyEvaluator()).Run(RepositoryLoader.LoadFolder(repo.Path), cancellationToken: TestContext.Current.CancellationToken)
            .Findings.Should().NotContain(f => f.RuleId == "policy/replicas/deny");
    }

    [Fact]
    public void DELETE_and_CONNECT_are_allowed_unreviewed()
    {
        var revision = Revision();
        var delete = Admit(revision, Review("DELETE", obj: null, oldObject: Violating()));
        delete.Decision.Outcome.Should().Be(AdmissionOutcome.Skipped);
        Encoding.UTF8.GetString(delete.Response).Should().Be(
            "{\"apiVersion\":\"admission.k8s.io/v1\",\"kind\":\"AdmissionReview\",\"response\":{\"uid\":\"" + Uid + "\",\"allowed\":true}}");

        var connect = Admit(revision, Review("CONNECT", obj: new JsonObject { ["kind"] = "PodExecOptions", ["apiVersion"] = "v1", ["command"] = new JsonArray("sh") },
            group: "", kind: "PodExecOptions", resource: "pods"));
        connect.Decision.Allowed.Should().BeTrue();
        connect.Decision.Outcome.Should().Be(AdmissionOutcome.Skipped);
    }

    [Fact]
    public void A_dry_run_is_reviewed_like_any_request_and_policies_see_it()
    {
        var revision = Revision("", ("policies/dryrun.rego", "package dryrun\n\nimport rego.v1\n\nwarn contains \"reviewed as a dry run\" if data.steward.admission.dryRun\n"));

        var answer = Admit(revision, Review("CREATE", Violating(), dryRun: true));

        answer.DryRun.Should().BeTrue();
        answer.Decision.Message.Should().Be(CostLabels + "\n" + Resources);
        answer.Decision.Warnings.Should().Equal(ImageDigest, "[policy/dryrun/warn] reviewed as a dry run");
        Admit(revision, Review("CREATE", Violating())).Decision.Warnings.Should().Equal(ImageDigest);
    }

    [Fact]
    public void A_Pod_from_an_unapproved_registry_is_denied()
    {
        var pod = AdmissionReviews.Pod("debug", "default", Labels(("team", "risk"), ("cost-center", "cc-1")), Container("nginx", "docker.io/library/nginx:1.27"));

        var answer = Admit(Revision(), Review("CREATE", pod, group: "", kind: "Pod", resource: "pods", name: "debug"));

        answer.Decision.Message.Should().Be("[image-registry] image docker.io/library/nginx:1.27 of container nginx is not from an approved registry");
        answer.Decision.Warnings.Should().Equal("[image-digest] image docker.io/library/nginx:1.27 of container nginx is not pinned by digest");
        answer.Kind.Should().Be("Pod");
    }

    private const string KServePolicy = """
        package kserve

        import rego.v1

        deny contains msg if {
            input.kind == "InferenceService"
            not input.metadata.labels.team
            msg := sprintf("InferenceService %v has no team label", [input.metadata.name])
        }
        """;

    private static JsonObject InferenceService(JsonObject labels) => new()
    {
        ["apiVersion"] = "serving.kserve.io/v1beta1",
        ["kind"] = "InferenceService",
        ["metadata"] = new JsonObject { ["name"] = "fraud", ["namespace"] = "default", ["generation"] = 1, ["labels"] = labels },
        ["spec"] = new JsonObject
        {
            ["predictor"] = new JsonObject
            {
                ["model"] = new JsonObject { ["modelFormat"] = new JsonObject { ["name"] = "sklearn" }, ["storageUri"] = "s3://models/fraud/2.0/" },
            },
        },
    };

    [Fact]
    public void An_unknown_custom_resource_is_checked_by_the_repository_policies_only()
    {
        var revision = Revision("", ("policies/kserve.rego", KServePolicy));
        string Review(JsonObject obj) => AdmissionReviews.Review("CREATE", obj, group: "serving.kserve.io", version: "v1beta1", kind: "InferenceService", resource: "inferenceservices", name: "fraud");

        var unlabelled = Admit(revision, Review(InferenceService(Labels())));
        unlabelled.Decision.Message.Should().Be("[policy/kserve/deny] InferenceService fraud has no team label");
        unlabelled.Decision.Findings.Should().ContainSingle();

        // No cost-center label and no containers: the built-in rules (about workloads) do not apply.
        Admit(revision, Review(InferenceService(Labels(("team", "risk"))))).Decision.Outcome.Should().Be(AdmissionOutcome.Allowed);
    }

    [Fact]
    public void Requests_in_kube_system_are_not_reviewed_unless_the_excluded_namespaces_say_otherwise()
    {
        Admit(Revision(), Review("CREATE", Violating("kube-system"), ns: "kube-system")).Decision.Outcome.Should().Be(AdmissionOutcome.Skipped);

        var revision = Revision("admission:\n  excludedNamespaces: [monitoring]\n");
        Admit(revision, Review("CREATE", Violating("kube-system"), ns: "kube-system")).Decision.Message.Should().Be(CostLabels + "\n" + Resources);
        var monitoring = Admit(revision, Review("CREATE", Violating("monitoring"), ns: "monitoring"));
        monitoring.Decision.Allowed.Should().BeTrue();
        monitoring.Decision.Outcome.Should().Be(AdmissionOutcome.Skipped);
    }

    [Fact]
    public void Enforcement_warn_turns_a_denial_into_a_warning_and_dryrun_keeps_it_out_of_the_answer()
    {
        var revision = Revision("admission:\n  enforcement:\n    resources: warn\n    cost-labels: dryrun\n");

        var answer = Admit(revision, Review("CREATE", Violating()));

        answer.Decision.Allowed.Should().BeTrue();
        answer.Decision.Outcome.Should().Be(AdmissionOutcome.Warned);
        answer.Decision.Message.Should().BeNull();
        answer.Decision.Warnings.Should().Equal(ImageDigest, Resources);
        answer.Decision.Findings.Select(f => (f.Finding.RuleId, f.Action)).Should().Equal(
            ("cost-labels", AdmissionEnforcement.DryRun),
            ("image-digest", AdmissionEnforcement.Warn),
            ("resources", AdmissionEnforcement.Warn));
        Encoding.UTF8.GetString(answer.Response).Should().NotContain("cost-center");
    }

    [Fact]
    public void Enforcement_deny_on_a_warning_rule_denies()
    {
        var answer = Admit(Revision("admission:\n  enforcement:\n    image-digest: deny\n"), Review("CREATE", Violating()));

        answer.Decision.Message.Should().Be(CostLabels + "\n" + ImageDigest + "\n" + Resources);
        answer.Decision.Warnings.Should().BeEmpty();
    }

    private const string SlowPolicy = "package slow\n\nimport rego.v1\n\nr := numbers.range(1, 1000)\n\ndeny contains \"never\" if {\n  some i in r\n  some j in r\n  some k in r\n  i + j + k < 0\n}\n";

    [Fact]
    public void A_review_past_the_time_budget_is_allowed_with_a_warning_under_failurePolicy_allow()
    {
        var revision = Revision("policies:\n  limits:\n    timeout: 1m\nadmission:\n  timeout: 300ms\n  failurePolicy: allow\n", ("policies/slow.rego", SlowPolicy));

        var answer = Admit(revision, Review("CREATE", Compliant()));

        answer.Decision.Allowed.Should().BeTrue();
        answer.Decision.Outcome.Should().Be(AdmissionOutcome.TimedOut);
        answer.Decision.DecisionLabel.Should().Be("timeout_allowed");
        answer.Decision.Warnings.Should().Equal("[steward] the review did not finish within 300ms (admission.timeout); allowed unreviewed by admission.failurePolicy: allow");
    }

    [Fact]
    public void A_review_past_the_time_budget_is_denied_under_failurePolicy_deny()
    {
        var revision = Revision("policies:\n  limits:\n    timeout: 1m\nadmission:\n  timeout: 300ms\n  failurePolicy: deny\n", ("policies/slow.rego", SlowPolicy));

        var answer = Admit(revision, Review("CREATE", Compliant()));

        answer.Decision.Allowed.Should().BeFalse();
        answer.Decision.DecisionLabel.Should().Be("timeout_denied");
        answer.Decision.Code.Should().Be(503);
        answer.Decision.Message.Should().Be("[steward] the review did not finish within 300ms (admission.timeout); denied by admission.failurePolicy: deny");
    }

    [Fact]
    public void Many_concurrent_reviews_of_one_revision_give_the_same_answer()
    {
        var revision = Revision("", ("policies/replicas.rego", ReplicasPolicy), ("policies/kserve.rego", KServePolicy));
        var review = Encoding.UTF8.GetBytes(Review("UPDATE", Violating(), oldObject: Compliant()));
        var expected = Application.Admit(revision, review, TestContext.Current.CancellationToken).Response;

        var answers = new byte[64][];
        Parallel.For(0, answers.Length, i => answers[i] = Application.Admit(revision, review, TestContext.Current.CancellationToken).Response);

        answers.Should().AllSatisfy(a => a.Should().Equal(expected));
    }

    private const string ReplicaCapPolicy = """
        package team_policy

        import rego.v1

        deny contains msg if {
            input.kind == "Deployment"
            input.spec.replicas > 3
            msg := sprintf("%v asks for %v replicas; at most 3 without review", [input.metadata.name, input.spec.replicas])
        }
        """;

    /// <summary>
    /// The same object gives the same findings in CI and at admission. The repository: model fraud@2.0
    /// with accuracy 0.8 (below 0.85), a Budget risk of 10 USD, Deployment "other" deploying fraud@2.0.
    /// The object: Deployment "w", 4 replicas of fraud@2.0, image by tag. Expected, from the rules:
    /// budget (other 1 × 14.631025 + w 4 × 14.631025 = 73.155125 USD a month, where one replica costs
    /// (0.5 × 0.031611 + 1 × 0.004237) × 730), model-evaluation (deployed by other and w), image-digest,
    /// and the policy's cap of 3 replicas.
    /// </summary>
    [Fact]
    public void The_same_object_gives_the_same_findings_in_check_and_at_admission()
    {
        (string, string)[] files =
        [
            ("steward.yaml", SettingsHead),
            ("models/fraud.yaml", Model("fraud", "2.0", evaluation: "{accuracy: 0.8}")),
            ("budgets/risk.yaml", Budget("risk", "risk", 10)),
            ("policies/team.rego", ReplicaCapPolicy),
            ("manifests/a.yaml", Deployment("other", model: "fraud", version: "2.0")),
        ];
        const string Image = "registry.example.com/w:1";

        using var withObject = Repository([.. files, ("manifests/zz.yaml", Deployment("w", replicas: 4, image: Image, model: "fraud", version: "2.0"))]);
        var repository = RepositoryLoader.LoadFolder(withObject.Path);
        var check = new CheckRunner(policies: new RegoPolicyEvaluator()).Run(repository, cancellationToken: TestContext.Current.CancellationToken);
        var w = repository.Manifests.Single(m => m.Name == "w");
        var inCheck = check.Findings.Where(f => ObjectFindings.Concern(f, w, Workload.From(w), repository))
            .Select(f => (f.RuleId, f.Severity, f.Message)).Order().ToList();

        using var served = Repository(files);
        var revision = Application.PrepareAdmission(RepositoryLoader.LoadFolder(served.Path));
        var obj = AdmissionReviews.Deployment("w", "default", Labels(("team", "risk"), ("cost-center", "cc-1")),
            Labels(("app", "w"), ("steward.dev/model", "fraud"), ("steward.dev/model-version", "2.0")), 4, Container("main", Image));
        var answer = Admit(revision, Review("CREATE", obj, name: "w"));
        var atAdmission = answer.Decision.Findings.Select(f => (f.Finding.RuleId, f.Finding.Severity, f.Finding.Message)).Order().ToList();

        atAdmission.Should().Equal(inCheck);
        atAdmission.Select(f => f.RuleId).Should().Equal("budget", "image-digest", "model-evaluation", "policy/team_policy/deny");
        atAdmission.Should().Contain(("budget", Severity.Error, "Budget risk: projected monthly cost 73.16 USD exceeds 10.00 USD by 63.16 (631.6%)"));
        atAdmission.Single(f => f.RuleId == "model-evaluation").Message.Should().StartWith("ModelVersion fraud@2.0 (deployed by Deployment/other, Deployment/w): accuracy 0.8 is not");
        atAdmission.Should().Contain(("policy/team_policy/deny", Severity.Error, "w asks for 4 replicas; at most 3 without review"));
    }

    [Fact]
    public void A_body_that_is_not_an_AdmissionReview_is_refused_with_what_is_wrong()
    {
        var revision = Revision();
        void Refused(string body, string message) =>
            FluentActions.Invoking(() => Admit(revision, body)).Should().Throw<StewardInputException>().Which.Message.Should().Be(message);

        FluentActions.Invoking(() => Admit(revision, "kind: AdmissionReview")).Should().Throw<StewardInputException>()
            .Which.Message.Should().StartWith("not an AdmissionReview: the body is not JSON: ");
        Refused("""{"apiVersion":"admission.k8s.io/v1beta1","kind":"AdmissionReview","request":{}}""",
            "not an AdmissionReview: expected apiVersion admission.k8s.io/v1 and kind AdmissionReview, got admission.k8s.io/v1beta1 AdmissionReview");
        Refused("""{"apiVersion":"admission.k8s.io/v1","kind":"AdmissionReview","request":{"operation":"CREATE"}}""",
            "not an AdmissionReview: request.uid: required: the API server matches the answer by it");
        Refused("""{"apiVersion":"admission.k8s.io/v1","kind":"AdmissionReview","request":{"uid":"u","operation":"PATCH","kind":{"kind":"Pod"}}}""",
            "not an AdmissionReview: request.operation: expected CREATE, UPDATE, DELETE or CONNECT, got \"PATCH\"");
        Refused("""{"apiVersion":"admission.k8s.io/v1","kind":"AdmissionReview","request":{"uid":"u","operation":"CREATE","kind":{"group":"","version":"v1","kind":"Pod"}}}""",
            "not an AdmissionReview: request.object: required for CREATE");
        var deep = "{\"apiVersion\":\"admission.k8s.io/v1\",\"kind\":\"AdmissionReview\",\"request\":" + new string('[', 600) + new string(']', 600) + "}";
        FluentActions.Invoking(() => Admit(revision, deep)).Should().Throw<StewardInputException>()
            .Which.Message.Should().StartWith("not an AdmissionReview: the body is not JSON: ");
    }

    [Theory]
    [InlineData("  enforcement:\n    resources: block\n", "steward.yaml:5:16: admission.enforcement.resources: expected deny, warn or dryrun, got \"block\"")]
    [InlineData("  timeout: 45s\n", "steward.yaml:4:12: admission.timeout: 45s is not below the webhook's timeout (Kubernetes allows at most 30s); use e.g. 3s")]
    [InlineData("  timeout: soon\n", "steward.yaml:4:12: admission.timeout: expected a duration such as 500ms or 3s, got \"soon\"")]
    [InlineData("  failurePolicy: Fail\n", "steward.yaml:4:18: admission.failurePolicy: expected allow or deny, got \"Fail\"")]
    public void Admission_settings_errors_name_the_line_and_field(string lines, string message)
    {
        using var repo = Repository(("steward.yaml", "apiVersion: steward.dev/v1alpha1\nkind: Settings\nadmission:\n" + lines));
        FluentActions.Invoking(() => RepositoryLoader.LoadFolder(repo.Path)).Should().Throw<StewardInputException>().Which.Message.Should().Be(message);
    }

    [Fact]
    public void Admission_settings_default_to_deny_errors_kube_system_excluded_3s_and_allow()
    {
        var admission = Settings.Default.Admission;
        admission.ExcludedNamespaces.Should().Equal("kube-system");
        admission.Timeout.Should().Be(TimeSpan.FromSeconds(3));
        admission.FailurePolicy.Should().Be(AdmissionFailurePolicy.Allow);
        admission.EnforcementOf("resources", Severity.Error).Should().Be(AdmissionEnforcement.Deny);
        admission.EnforcementOf("budget", Severity.Critical).Should().Be(AdmissionEnforcement.Deny);
        admission.EnforcementOf("image-digest", Severity.Warning).Should().Be(AdmissionEnforcement.Warn);
        admission.EnforcementOf("some-info", Severity.Info).Should().Be(AdmissionEnforcement.DryRun);
    }
}

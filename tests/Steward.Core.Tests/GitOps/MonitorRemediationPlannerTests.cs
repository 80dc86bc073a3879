using LibGit2Sharp;
using Steward.Core.Alignment.Monitoring;
using Steward.Core.Findings;
using Steward.Core.GitOps.Remediation;
using Steward.Core.Governance;
using Steward.Core.Governance.Kinds;
using Steward.Core.Policy;
using Steward.TestSupport;

namespace Steward.Core.Tests.GitOps;

/// <summary>How <see cref="RemediationPlanner"/> maps a Monitor's breach to the workloads of the monitored version and applies its spec.remediation.</summary>
public class MonitorRemediationPlannerTests
{
    private static readonly Signature Author = new("Dev", "dev@example.com", new DateTimeOffset(2026, 1, 1, 0, 0, 0, TimeSpan.Zero));
    private static readonly DateTime Day = new(2026, 1, 5, 0, 0, 0, DateTimeKind.Utc);

    private static string Model(string version) => $"""
        apiVersion: steward.dev/v1alpha1
        kind: ModelVersion
        metadata:
          name: scoring-{version}
        spec:
          model: scoring
          version: "{version}"
          license: Apache-2.0
        """;

    private static string Deployment(string name, string version, int replicas = 4, string model = "scoring", string labels = "") => $"""
        # {name}: comments and layout survive remediation.
        apiVersion: apps/v1
        kind: Deployment
        metadata:
          name: {name}
          namespace: risk
        {labels}spec:
          replicas: {replicas}
          template:
            metadata:
              labels:
                steward.dev/model: {model}
                steward.dev/model-version: "{version}"
            spec:
              containers:
                - name: api
                  image: registry.example.com/{model}:{version}
        """;

    private static string Monitor(string spec, string model = "scoring") => $"""
        apiVersion: steward.dev/v1alpha1
        kind: Monitor
        metadata:
          name: scoring
        spec:
          model: {model}
          metrics:
            accuracy:
              min: 0.9
        {spec}
        """;

    /// <summary>A Git repository whose first-parent history is the given commits (each a set of files written over the previous ones).</summary>
    private static TempFolder Repository(params (string Message, (string Path, string Text)[] Files)[] commits)
    {
        var folder = new TempFolder();
        LibGit2Sharp.Repository.Init(folder.Path);
        using var git = new LibGit2Sharp.Repository(folder.Path);
        foreach (var (message, files) in commits)
        {
            foreach (var (path, text) in files) folder.Write(path, text);
            Commands.Stage(git, "*");
            git.Commit(message, Author, Author);
        }
        return folder;
    }

    private static RemediationPlan Plan(TempFolder folder, params IReadOnlyList<Finding> findings)
    {
        using var git = new GitWorkspace(folder.Path);
        return new RemediationPlanner(git, () => new CheckRunner()).Plan(findings);
    }

    /// <summary>Breaches of the named Monitor as `steward monitor run` reports them, one per window from <see cref="Day"/>.</summary>
    private static List<Finding> Breaches(TempFolder folder, string monitor = "scoring", int windows = 1)
    {
        var m = RepositoryLoader.LoadFolder(folder.Path).Monitors.Single(x => x.Name == monitor);
        return [.. Enumerable.Range(0, windows).Select(d =>
            MonitorFindings.Breach(m, "accuracy", 0.8 - d / 100.0, new Threshold(0.9m, null), Day.AddDays(d), Day.AddDays(d + 1), 100))];
    }

    [Fact]
    public void Rollback_takes_the_newest_older_version_the_workload_ran_and_answers_all_breaches_of_the_monitor_once()
    {
        // 1.2.0 ran between 1.0.0 and 1.1.0 and was replaced: a breach of 1.1.0 does not bring it back.
        using var folder = Repository(
            ("Deploy 1.0.0", [("models/scoring-1.0.0.yaml", Model("1.0.0")), ("manifests/scoring.yaml", Deployment("scoring", "1.0.0"))]),
            ("Deploy 1.2.0", [("models/scoring-1.2.0.yaml", Model("1.2.0")), ("manifests/scoring.yaml", Deployment("scoring", "1.2.0"))]),
            ("Deploy 1.1.0", [("models/scoring-1.1.0.yaml", Model("1.1.0")), ("manifests/scoring.yaml", Deployment("scoring", "1.1.0")),
                ("monitors/scoring.yaml", Monitor("  version: \"1.1.0\"\n  remediation: rollback"))]));

        var plan = Plan(folder, Breaches(folder, windows: 2));

        plan.Skipped.Should().BeEmpty();
        var change = plan.Changes.Should().ContainSingle().Subject;
        change.Action.Should().Be("rollback");
        change.Title.Should().Be("roll Deployment risk/scoring back from scoring 1.1.0 to 1.0.0");
        change.Finding.Message.Should().StartWith("accuracy = 0.79 ", "the first breach in finding order");
        change.NewFiles.Should().Equal(new Dictionary<string, string> { ["manifests/scoring.yaml"] = TempFolder.Dedent(Deployment("scoring", "1.0.0")) });
        change.Details[0].Should().Be("Monitor scoring (monitors/scoring.yaml:1) breached: accuracy (2 window(s)); its remediation: rollback.");
        change.Details[1].Should().StartWith("Rollback target: scoring 1.0.0, compliant now, deployed before at ").And.EndWith("\"Deploy 1.0.0\".");
    }

    [Fact]
    public void Rollback_without_an_older_version_in_history_is_left_to_people()
    {
        using var folder = Repository(("Deploy 1.1.0", [
            ("models/scoring-1.1.0.yaml", Model("1.1.0")), ("manifests/scoring.yaml", Deployment("scoring", "1.1.0")),
            ("monitors/scoring.yaml", Monitor("  version: \"1.1.0\"\n  remediation: rollback"))]));

        var plan = Plan(folder, Breaches(folder));

        plan.Changes.Should().BeEmpty();
        plan.Skipped.Should().ContainSingle().Which.Reason.Should().Be("Deployment/scoring: Git history shows no version of scoring older than 1.1.0 deployed");
    }

    [Fact]
    public void Scale_down_sets_the_replicas_of_the_monitored_versions_workloads_except_critical_ones()
    {
        using var folder = Repository(("Deploy", [
            ("models/scoring-1.1.0.yaml", Model("1.1.0")),
            ("manifests/scoring.yaml", Deployment("scoring", "1.1.0")),
            ("manifests/checkout.yaml", Deployment("checkout", "1.1.0", labels: "  labels: {steward.dev/critical: \"true\"}\n")),
            ("manifests/canary.yaml", Deployment("canary", "1.2.0")),
            ("monitors/scoring.yaml", Monitor("  version: \"1.1.0\"\n  remediation: scale-down\n  scaleTo: 1"))]));

        var plan = Plan(folder, Breaches(folder));

        var change = plan.Changes.Should().ContainSingle().Subject;
        change.Action.Should().Be("scale-down");
        change.Title.Should().Be("scale to 1 replica(s) the workloads of scoring 1.1.0 (Monitor scoring)");
        change.NewFiles.Should().Equal(new Dictionary<string, string>
        {
            ["manifests/scoring.yaml"] = TempFolder.Dedent(Deployment("scoring", "1.1.0")).Replace("replicas: 4", "replicas: 1", StringComparison.Ordinal),
        });
        change.Details.Should().Equal(
            "Monitor scoring (monitors/scoring.yaml:1) breached: accuracy (1 window(s)); its remediation: scale-down to 1 replica(s).",
            "Kept: Deployment/checkout is marked steward.dev/critical",
            "Change: manifests/scoring.yaml: Deployment/scoring replicas 4 → 1");
    }

    [Fact]
    public void Scale_to_zero_of_a_monitor_of_every_version_pauses_every_workload_of_the_model()
    {
        using var folder = Repository(("Deploy", [
            ("models/scoring-1.1.0.yaml", Model("1.1.0")), ("models/scoring-1.2.0.yaml", Model("1.2.0")),
            ("manifests/scoring.yaml", Deployment("scoring", "1.1.0")),
            ("manifests/canary.yaml", Deployment("canary", "1.2.0", replicas: 1)),
            ("manifests/other.yaml", Deployment("other", "1.0.0", model: "other")),
            ("monitors/scoring.yaml", Monitor("  remediation: scale-to-zero"))]));

        var plan = Plan(folder, Breaches(folder));

        var change = plan.Changes.Should().ContainSingle().Subject;
        change.Action.Should().Be("pause");
        change.Title.Should().Be("pause the workloads of scoring (Monitor scoring)");
        change.NewFiles.Keys.Should().BeEquivalentTo(["manifests/scoring.yaml", "manifests/canary.yaml"]);
        change.NewFiles["manifests/canary.yaml"].Should().Contain("  replicas: 0\n").And.NotContain("replicas: 1");
        change.NewFiles["manifests/scoring.yaml"].Should().Contain("  replicas: 0\n").And.NotContain("replicas: 4");
    }

    private static string Autoscaler(string name, string target, string ns = "risk", int min = 3, int max = 10) => $$"""
        apiVersion: autoscaling/v2
        kind: HorizontalPodAutoscaler
        metadata:
          name: {{name}}
          namespace: {{ns}}
        spec:
          scaleTargetRef:
            apiVersion: apps/v1
            kind: Deployment
            name: {{target}}
          minReplicas: {{min}}   # busy mornings
          maxReplicas: {{max}}
          metrics:
            - type: Resource
              resource: {name: cpu, target: {type: Utilization, averageUtilization: 70} }
        """;

    [Fact]
    public void Scale_down_caps_the_autoscaler_that_scales_the_workload()
    {
        // Only the HPA in the workload's namespace that targets it is edited; the others are left alone.
        using var folder = Repository(("Deploy", [
            ("models/scoring-1.1.0.yaml", Model("1.1.0")),
            ("manifests/scoring.yaml", Deployment("scoring", "1.1.0")),
            ("manifests/scoring-hpa.yaml", Autoscaler("scoring", "scoring")),
            ("manifests/elsewhere-hpa.yaml", Autoscaler("scoring", "scoring", ns: "staging")),
            ("manifests/canary-hpa.yaml", Autoscaler("canary", "canary")),
            ("monitors/scoring.yaml", Monitor("  version: \"1.1.0\"\n  remediation: scale-down\n  scaleTo: 2"))]));

        var plan = Plan(folder, Breaches(folder));

        var change = plan.Changes.Should().ContainSingle().Subject;
        change.Action.Should().Be("scale-down");
        change.NewFiles.Keys.Should().BeEquivalentTo(["manifests/scoring.yaml", "manifests/scoring-hpa.yaml"]);
        change.NewFiles["manifests/scoring.yaml"].Should().Be(TempFolder.Dedent(Deployment("scoring", "1.1.0", replicas: 2)));
        change.NewFiles["manifests/scoring-hpa.yaml"].Should().Be("""
            apiVersion: autoscaling/v2
            kind: HorizontalPodAutoscaler
            metadata:
              name: scoring
              namespace: risk
            spec:
              scaleTargetRef:
                apiVersion: apps/v1
                kind: Deployment
                name: scoring
              minReplicas: 2   # busy mornings
              maxReplicas: 2
              metrics:
                - type: Resource
                  resource: {name: cpu, target: {type: Utilization, averageUtilization: 70} }
            """);
        change.Details.Should().Equal(
            "Monitor scoring (monitors/scoring.yaml:1) breached: accuracy (1 window(s)); its remediation: scale-down to 2 replica(s).",
            "Change: manifests/scoring.yaml: Deployment/scoring replicas 4 → 2",
            "Change: manifests/scoring-hpa.yaml: HorizontalPodAutoscaler/scoring (scales Deployment/scoring) minReplicas 3 → 2, maxReplicas 10 → 2");
    }

    [Fact]
    public void Scale_down_below_the_autoscalers_floor_only_lowers_what_is_above_the_target()
    {
        // minReplicas 1 is already below the target 4: only maxReplicas comes down, and the Deployment, which
        // leaves its replicas to the HPA (no spec.replicas, as Argo CD and Flux advise), gets none added.
        using var folder = Repository(("Deploy", [
            ("models/scoring-1.1.0.yaml", Model("1.1.0")),
            ("manifests/scoring.yaml", Deployment("scoring", "1.1.0").Replace("  replicas: 4\n", "", StringComparison.Ordinal)
                + "\n---\n" + Autoscaler("scoring", "scoring", min: 1)),
            ("monitors/scoring.yaml", Monitor("  version: \"1.1.0\"\n  remediation: scale-down\n  scaleTo: 4"))]));

        var plan = Plan(folder, Breaches(folder));

        var change = plan.Changes.Should().ContainSingle().Subject;
        change.NewFiles.Should().Equal(new Dictionary<string, string>
        {
            ["manifests/scoring.yaml"] = TempFolder.Dedent(Deployment("scoring", "1.1.0").Replace("  replicas: 4\n", "", StringComparison.Ordinal)
                + "\n---\n" + Autoscaler("scoring", "scoring", min: 1).Replace("maxReplicas: 10", "maxReplicas: 4", StringComparison.Ordinal)),
        });
        change.Details.Skip(1).Should().Equal(
            "Change: manifests/scoring.yaml: HorizontalPodAutoscaler/scoring (scales Deployment/scoring) maxReplicas 10 → 4");
    }

    [Fact]
    public void Scale_to_zero_of_an_autoscaled_workload_sets_its_replicas_to_0_and_caps_the_autoscaler_at_1()
    {
        using var folder = Repository(("Deploy", [
            ("models/scoring-1.1.0.yaml", Model("1.1.0")),
            ("manifests/scoring.yaml", Deployment("scoring", "1.1.0").Replace("  replicas: 4\n", "", StringComparison.Ordinal)),
            ("manifests/scoring-hpa.yaml", Autoscaler("scoring", "scoring")),
            ("monitors/scoring.yaml", Monitor("  version: \"1.1.0\"\n  remediation: scale-to-zero"))]));

        var plan = Plan(folder, Breaches(folder));

        var change = plan.Changes.Should().ContainSingle().Subject;
        change.Action.Should().Be("pause");
        change.NewFiles["manifests/scoring.yaml"].Should().Be("""
            # scoring: comments and layout survive remediation.
            apiVersion: apps/v1
            kind: Deployment
            metadata:
              name: scoring
              namespace: risk
            spec:
              replicas: 0
              template:
                metadata:
                  labels:
                    steward.dev/model: scoring
                    steward.dev/model-version: "1.1.0"
                spec:
                  containers:
                    - name: api
                      image: registry.example.com/scoring:1.1.0
            """);
        change.NewFiles["manifests/scoring-hpa.yaml"].Should().Be(TempFolder.Dedent(Autoscaler("scoring", "scoring", min: 1, max: 1)));
        change.Details.Skip(1).Should().Equal(
            "Change: manifests/scoring.yaml: Deployment/scoring replicas unset → 0",
            "Change: manifests/scoring-hpa.yaml: HorizontalPodAutoscaler/scoring (scales Deployment/scoring) minReplicas 3 → 1, maxReplicas 10 → 1",
            "Note: HorizontalPodAutoscaler/scoring cannot scale Deployment/scoring to zero (minReplicas ≥ 1): Deployment/scoring at 0 replicas is paused, "
            + "as the HPA controller does not scale a target with 0 replicas, and the HPA is kept, capped at 1");
    }

    [Theory]
    [InlineData("scoring", "  version: \"1.1.0\"", "Monitor scoring names no spec.remediation")]
    [InlineData("scoring", "  version: \"1.1.0\"\n  remediation: notify", "Monitor scoring has remediation notify: reported only")]
    [InlineData("scoring", "  version: \"1.3.0\"\n  remediation: rollback", "no workload deploys scoring 1.3.0 (Deployment risk/scoring runs 1.1.0)")]
    [InlineData("other", "  version: \"1.1.0\"\n  remediation: rollback",
        "no workload deploys model other (no workload has the label steward.dev/model: other with a steward.dev/model-version)")]
    public void A_breach_that_changes_nothing_is_reported_once_per_monitor_with_why(string model, string spec, string reason)
    {
        using var folder = Repository(("Deploy", [
            ("models/scoring-1.1.0.yaml", Model("1.1.0")), ("manifests/scoring.yaml", Deployment("scoring", "1.1.0")),
            ("monitors/scoring.yaml", Monitor(spec, model))]));

        var plan = Plan(folder, Breaches(folder, windows: 3));

        plan.Changes.Should().BeEmpty();
        plan.Skipped.Should().ContainSingle().Which.Reason.Should().Be(reason);
    }

    [Fact]
    public void A_breach_of_a_monitor_that_is_gone_from_HEAD_is_reported()
    {
        using var folder = Repository(("Deploy", [
            ("models/scoring-1.1.0.yaml", Model("1.1.0")), ("manifests/scoring.yaml", Deployment("scoring", "1.1.0")),
            ("monitors/scoring.yaml", Monitor("  version: \"1.1.0\"\n  remediation: rollback"))]));
        var findings = Breaches(folder);
        using (var git = new LibGit2Sharp.Repository(folder.Path))
        {
            Commands.Remove(git, "monitors/scoring.yaml");
            git.Commit("Stop watching", Author, Author);
        }

        var plan = Plan(folder, findings);

        plan.Skipped.Should().ContainSingle().Which.Reason.Should().Be("Monitor scoring is not in the repository at HEAD");
    }
}

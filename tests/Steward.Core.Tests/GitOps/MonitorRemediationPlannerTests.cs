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

using LibGit2Sharp;
using Steward.TestSupport;

namespace Steward.Cli.Tests.GitOps;

public class RemediateCommandTests
{
    private static readonly Signature Author = new("Dev", "dev@example.com", new DateTimeOffset(2026, 11, 1, 9, 0, 0, TimeSpan.Zero));

    private const string Settings = """
        apiVersion: steward.dev/v1alpha1
        kind: Settings
        evaluation:
          fairness_score: {min: 0.8}
        """;

    private static string Model(string version, string fairness) => $$"""
        apiVersion: steward.dev/v1alpha1
        kind: ModelVersion
        metadata:
          name: scoring-{{version}}
        spec:
          model: scoring
          version: "{{version}}"
          license: Apache-2.0
          evaluation: {fairness_score: {{fairness}}}
        """;

    private static string Deployment(string version, string image, int replicas = 2, string extraLabels = "") => $$"""
        # The scoring API. Comments and layout must survive remediation.
        apiVersion: apps/v1
        kind: Deployment
        metadata:
          name: scoring
          namespace: risk
          labels:
            team: risk
            cost-center: cc-1   # finance code
        {{extraLabels}}spec:
          replicas: {{replicas}}
          template:
            metadata:
              labels:
                app: scoring
                steward.dev/model: scoring
                steward.dev/model-version: "{{version}}"
            spec:
              containers:
                - name: api
                  image: {{image}}
                  resources:
                    requests: {cpu: 500m, memory: 1Gi}
                    limits: {cpu: "1", memory: 2Gi}
        """;

    private static void Commit(LibGit2Sharp.Repository git, string message)
    {
        LibGit2Sharp.Commands.Stage(git, "*");
        git.Commit(message, Author, Author);
    }

    /// <summary>History: 1.0.0 (fair) deployed, then 1.1.0 (unfair) deployed. A bare remote named origin.</summary>
    private static (TempFolder Folder, string Work, string Remote) History(string image1, string image2)
    {
        var folder = new TempFolder();
        var work = Path.Combine(folder.Path, "work");
        var remote = Path.Combine(folder.Path, "remote.git");
        LibGit2Sharp.Repository.Init(remote, isBare: true);
        LibGit2Sharp.Repository.Init(work);
        using var git = new LibGit2Sharp.Repository(work);
        folder.Write("work/gov/steward.yaml", Settings);
        folder.Write("work/gov/models/scoring-1.0.0.yaml", Model("1.0.0", "0.85"));
        folder.Write("work/gov/manifests/scoring.yaml", Deployment("1.0.0", image1));
        Commit(git, "Deploy scoring 1.0.0");
        folder.Write("work/gov/models/scoring-1.1.0.yaml", Model("1.1.0", "0.72"));
        folder.Write("work/gov/manifests/scoring.yaml", Deployment("1.1.0", image2));
        Commit(git, "Deploy scoring 1.1.0");
        git.Network.Remotes.Add("origin", remote);
        return (folder, work, remote);
    }

    [Fact]
    public async Task Rollback_is_one_line_on_a_pushed_branch_and_a_second_run_changes_nothing()
    {
        const string image = "registry.example.com/serving/runtime:3.2@sha256:1111111111111111111111111111111111111111111111111111111111111111";
        var (folder, work, remote) = History(image, image);
        using var _ = folder;
        var gov = Path.Combine(work, "gov");

        var store = Path.Combine(folder.Path, "steward.duckdb");
        var first = await CliRunner.RunAsync("remediate", gov, "--apply", "--push", "origin", "--store", store);

        first.ExitCode.Should().Be(0, first.Error);
        using var git = new LibGit2Sharp.Repository(work);
        var branch = git.Branches.Single(b => b.FriendlyName.StartsWith("steward/remediate-", StringComparison.Ordinal));
        first.Out.Should().Contain(branch.FriendlyName + ": created").And.Contain("push to origin: pushed");
        branch.Tip.Parents.Single().Sha.Should().Be(git.Head.Tip.Sha);

        var patch = git.Diff.Compare<Patch>(git.Head.Tip.Tree, branch.Tip.Tree);
        patch.LinesAdded.Should().Be(1);
        patch.LinesDeleted.Should().Be(1);
        patch.Content.Should().Contain("-        steward.dev/model-version: \"1.1.0\"").And.Contain("+        steward.dev/model-version: \"1.0.0\"");
        var message = branch.Tip.Message;
        message.Should().StartWith("steward: roll Deployment risk/scoring back from scoring 1.1.0 to 1.0.0\n");
        message.Should().Contain("Finding: model-evaluation (error) models/scoring-1.1.0.yaml:9")
            .And.Contain("fairness_score 0.72 is not ≥ 0.8")
            .And.Contain("Evidence: ").And.Contain("min=0.8").And.Contain("value=0.72")
            .And.Contain("deployed before at").And.Contain("\"Deploy scoring 1.0.0\"")
            .And.Contain("Steward-Rule: model-evaluation");

        using (var bare = new LibGit2Sharp.Repository(remote))
            bare.Branches[branch.FriendlyName].Tip.Sha.Should().Be(branch.Tip.Sha);
        File.ReadAllText(Path.Combine(gov, "manifests", "scoring.yaml")).Should().Contain("\"1.1.0\"", "the work tree is not touched");
        git.Head.FriendlyName.Should().NotStartWith("steward/");

        var second = await CliRunner.RunAsync("remediate", gov, "--apply", "--push", "origin", "--store", store);

        second.ExitCode.Should().Be(0, second.Error);
        second.Out.Should().Contain("already proposed, unchanged").And.Contain("up-to-date");
        using var again = new LibGit2Sharp.Repository(work);
        again.Branches.Count(b => b.FriendlyName.StartsWith("steward/", StringComparison.Ordinal)).Should().Be(1);
        again.Branches[branch.FriendlyName].Tip.Sha.Should().Be(branch.Tip.Sha);

        // The remediation and the push are on the audit trail, once each.
        var log = await CliRunner.RunAsync("audit", "log", "--store", store, "--format", "json");
        log.Out.Split('\n', StringSplitOptions.RemoveEmptyEntries).Select(l => System.Text.Json.JsonDocument.Parse(l).RootElement.GetProperty("type").GetString())
            .Should().Equal("remediation", "push");
        (await CliRunner.RunAsync("audit", "verify", "--store", store)).ExitCode.Should().Be(0);
    }

    [Fact]
    public async Task Rollback_restores_the_image_the_old_version_ran_with()
    {
        var (folder, work, _) = History("registry.example.com/scoring:1.0.0", "registry.example.com/scoring:1.1.0");
        using var _ = folder;

        var result = await CliRunner.RunAsync("remediate", Path.Combine(work, "gov"), "--dry-run");

        result.ExitCode.Should().Be(0, result.Error);
        result.Out.Should().Contain("-          image: registry.example.com/scoring:1.1.0").And.Contain("+          image: registry.example.com/scoring:1.0.0")
            .And.Contain("+        steward.dev/model-version: \"1.0.0\"");
        using var git = new LibGit2Sharp.Repository(work);
        git.Branches.Should().NotContain(b => b.FriendlyName.StartsWith("steward/", StringComparison.Ordinal), "a dry run creates nothing");
    }

    /// <summary>
    /// A Git repository whose Deployment scoring runs 40 replicas against a 100 USD budget with
    /// action block (scale to 1), plus <paramref name="extra"/>; the path of its work tree.
    /// </summary>
    private static string OverBudget(TempFolder folder, (string Path, string Text) extra)
    {
        var work = folder.Path;
        LibGit2Sharp.Repository.Init(work);
        using var git = new LibGit2Sharp.Repository(work);
        folder.Write("models/scoring-1.0.0.yaml", Model("1.0.0", "0.9"));
        folder.Write("manifests/scoring.yaml", Deployment("1.0.0", "r.example.com/s:1", replicas: 40));
        folder.Write(extra.Path, extra.Text);
        folder.Write("budgets/risk.yaml", "apiVersion: steward.dev/v1alpha1\nkind: Budget\nmetadata: {name: risk}\nspec:\n  selector: {matchLabels: {team: risk}}\n  amount: 100\n  action: block\n  scaleTo: 1\n");
        Commit(git, "Scale up");
        return work;
    }

    [Fact]
    public async Task Budget_block_scales_non_critical_workloads_down()
    {
        using var folder = new TempFolder();
        var work = OverBudget(folder, ("manifests/critical.yaml",
            Deployment("1.0.0", "r.example.com/s:1", replicas: 40, extraLabels: "    steward.dev/critical: \"true\"\n").Replace("name: scoring", "name: checkout", StringComparison.Ordinal)));

        var result = await CliRunner.RunAsync("remediate", work);

        result.ExitCode.Should().Be(0, result.Error);
        result.Out.Should().Contain("scale to 1 replica(s) the non-critical workloads of budget risk")
            .And.Contain("-  replicas: 40").And.Contain("+  replicas: 1").And.Contain("manifests/scoring.yaml");
        result.Out.Should().NotContain("manifests/critical.yaml");
    }

    [Fact]
    public async Task Budget_block_also_caps_the_autoscaler_of_a_workload()
    {
        using var folder = new TempFolder();
        var work = OverBudget(folder, ("manifests/scoring-hpa.yaml", """
                apiVersion: autoscaling/v2
                kind: HorizontalPodAutoscaler
                metadata: {name: scoring, namespace: risk}
                spec:
                  scaleTargetRef: {apiVersion: apps/v1, kind: Deployment, name: scoring}
                  minReplicas: 20
                  maxReplicas: 60
                """));

        var result = await CliRunner.RunAsync("remediate", work);

        result.ExitCode.Should().Be(0, result.Error);
        result.Out.Should().Contain("-  replicas: 40").And.Contain("+  replicas: 1")
            .And.Contain("-  minReplicas: 20").And.Contain("+  minReplicas: 1").And.Contain("-  maxReplicas: 60").And.Contain("+  maxReplicas: 1")
            .And.Contain("manifests/scoring-hpa.yaml");
    }

    [Fact]
    public async Task Live_drift_findings_are_reported_not_changed_and_bad_input_exits_2()
    {
        var (folder, work, _) = History("a:1", "a:1");
        using var _ = folder;
        var findings = folder.Write("findings.json", """
            {"findings":[{"ruleId":"live-drift","severity":"warning","category":"gitops","subject":{"file":"manifests/scoring.yaml","line":2,"kind":"Deployment","name":"scoring","namespace":"risk"},"message":"drifted","evidence":{},"suggestedAction":null}]}
            """);

        var result = await CliRunner.RunAsync("remediate", Path.Combine(work, "gov"), "--findings", findings);
        result.ExitCode.Should().Be(0, result.Error);
        result.Out.Should().Contain("not remediated: live-drift").And.Contain("Nothing to remediate.");

        folder.Write("bad.json", "{\"findings\":[{\"ruleId\":1}]}");
        var bad = await CliRunner.RunAsync("remediate", Path.Combine(work, "gov"), "--findings", folder["bad.json"]);
        bad.ExitCode.Should().Be(2);
        bad.Error.Should().Contain("bad.json: findings[0].ruleId: expected a string");

        var push = await CliRunner.RunAsync("remediate", Path.Combine(work, "gov"), "--push", "origin");
        push.ExitCode.Should().Be(2);
        push.Error.Should().Contain("--push needs --apply");
    }
}

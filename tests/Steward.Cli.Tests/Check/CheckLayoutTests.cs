using System.Text.Json;
using LibGit2Sharp;
using Steward.TestSupport;

namespace Steward.Cli.Tests.Check;

/// <summary>`steward check` on the layouts real repositories have, and on rendered Helm/Kustomize output.</summary>
public class CheckLayoutTests
{
    private const string Digest = "registry.example.com/web:1@sha256:0000000000000000000000000000000000000000000000000000000000000000";

    private static string Deployment(string name, int replicas, string cpu, string memory, string labels = "{team: shop, cost-center: cc-1}") => $$"""
        apiVersion: apps/v1
        kind: Deployment
        metadata:
          name: {{name}}
          labels: {{labels}}
        spec:
          replicas: {{replicas}}
          template:
            spec:
              containers:
                - name: main
                  image: {{Digest}}
                  resources:
                    requests: {cpu: "{{cpu}}", memory: {{memory}}}
                    limits: {cpu: "{{cpu}}", memory: {{memory}}}
        """;

    private static string[] Rules(JsonDocument json) =>
        json.RootElement.GetProperty("findings").EnumerateArray().Select(f => f.GetProperty("ruleId").GetString()!).ToArray();

    [Fact]
    public async Task Manifests_under_k8s_are_checked_not_passed_over()
    {
        using var repo = new TempFolder();
        repo.Write("k8s/web.yaml", Deployment("web", 1, "500m", "1Gi", labels: "{team: shop}"));

        var result = await CliRunner.RunAsync("check", repo.Path, "--format", "json");

        result.ExitCode.Should().Be(1, "the Deployment under k8s/ lacks its cost-center label");
        using var json = JsonDocument.Parse(result.Out);
        Rules(json).Should().Equal("budget-coverage", "cost-labels");
        json.RootElement.GetProperty("findings")[1].GetProperty("subject").GetProperty("file").GetString().Should().Be("k8s/web.yaml");
        json.RootElement.GetProperty("summary").GetProperty("objects").GetInt32().Should().Be(1);
    }

    [Fact]
    public async Task Overlays_defining_the_same_deployment_each_keep_their_file_and_cost()
    {
        using var repo = new TempFolder();
        repo.Write("overlays/dev/deployment.yaml", Deployment("frontend", 1, "500m", "1Gi"));
        repo.Write("overlays/dev/kustomization.yaml", "resources: [deployment.yaml]\n");
        repo.Write("overlays/prod/deployment.yaml", Deployment("frontend", 3, "1", "2Gi"));
        repo.Write("overlays/prod/kustomization.yaml", "resources: [deployment.yaml]\npatches:\n  - path: replicas.yaml\n");
        repo.Write("overlays/prod/replicas.yaml", "apiVersion: apps/v1\nkind: Deployment\nmetadata: {name: frontend}\nspec: {replicas: 3}\n");
        repo.Write(".github/workflows/ci.yml", "on: push\njobs: {check: {runs-on: ubuntu-latest}}\n");
        repo.Write("values.yaml", "replicaCount: 2\n");
        repo.Write("budgets/shop.yaml", "apiVersion: steward.dev/v1alpha1\nkind: Budget\nmetadata: {name: shop}\nspec: {selector: {matchLabels: {team: shop}}, amount: 500}\n");

        var result = await CliRunner.RunAsync("check", repo.Path, "--format", "json");

        result.ExitCode.Should().Be(0, result.Error);
        result.Error.Should().BeEmpty();
        using var json = JsonDocument.Parse(result.Out);
        Rules(json).Should().BeEmpty();
        var cost = json.RootElement.GetProperty("cost");
        var workloads = cost.GetProperty("workloads").EnumerateArray()
            .Select(w => (w.GetProperty("name").GetString(), w.GetProperty("file").GetString(), w.GetProperty("line").GetInt32(), w.GetProperty("replicas").GetInt32(), w.GetProperty("monthlyUsd").GetDecimal()))
            .ToList();
        // dev: 1 × (0.5 × 0.031611 + 1 × 0.004237) × 730 = 14.631025 → 14.63
        // prod: 3 × (1 × 0.031611 + 2 × 0.004237) × 730 = 87.78615 → 87.79
        workloads.Should().Equal(
            ("frontend", "overlays/dev/deployment.yaml", 1, 1, 14.63m),
            ("frontend", "overlays/prod/deployment.yaml", 1, 3, 87.79m));
        // 14.631025 + 87.78615 = 102.417175 → 102.42
        cost.GetProperty("totalMonthlyUsd").GetDecimal().Should().Be(102.42m);
        json.RootElement.GetProperty("summary").GetProperty("objects").GetInt32().Should().Be(3, "two Deployments and the Budget; the patch, kustomizations, values and workflow are not objects");

        var table = await CliRunner.RunAsync("check", repo.Path);
        table.ExitCode.Should().Be(0, table.Error);
        table.Out.Should().Contain("Deployment/frontend (overlays/dev/deployment.yaml)").And.Contain("Deployment/frontend (overlays/prod/deployment.yaml)");
    }

    [Fact]
    public async Task Base_revision_compares_overlays_file_by_file()
    {
        var author = new Signature("Test", "test@example.com", new DateTimeOffset(2026, 1, 1, 0, 0, 0, TimeSpan.Zero));
        using var repo = new TempFolder();
        LibGit2Sharp.Repository.Init(repo.Path);
        using (var git = new LibGit2Sharp.Repository(repo.Path))
        {
            repo.Write("overlays/dev/deployment.yaml", Deployment("frontend", 1, "500m", "1Gi"));
            repo.Write("overlays/prod/deployment.yaml", Deployment("frontend", 1, "500m", "1Gi"));
            LibGit2Sharp.Commands.Stage(git, "*");
            git.Commit("one replica each", author, author);
            repo.Write("overlays/prod/deployment.yaml", Deployment("frontend", 3, "500m", "1Gi"));
            LibGit2Sharp.Commands.Stage(git, "*");
            git.Commit("three in prod", author, author);
        }

        var result = await CliRunner.RunAsync("check", repo.Path, "--base", "HEAD~1", "--format", "json");

        result.ExitCode.Should().Be(0, result.Error);
        using var json = JsonDocument.Parse(result.Out);
        var workloads = json.RootElement.GetProperty("cost").GetProperty("workloads").EnumerateArray()
            .Select(w => (w.GetProperty("file").GetString(), w.GetProperty("baseMonthlyUsd").GetDecimal(), w.GetProperty("monthlyUsd").GetDecimal(), w.GetProperty("deltaMonthlyUsd").GetDecimal()))
            .ToList();
        // One replica: (0.5 × 0.031611 + 1 × 0.004237) × 730 = 14.631025 → 14.63; three: 43.893075 → 43.89.
        workloads.Should().Equal(
            ("overlays/dev/deployment.yaml", 14.63m, 14.63m, 0m),
            ("overlays/prod/deployment.yaml", 14.63m, 43.89m, 29.26m));
    }

    [Fact]
    public async Task A_helm_chart_folder_is_an_info_and_its_templates_are_not_parsed()
    {
        using var repo = new TempFolder();
        repo.Write("k8s/web.yaml", Deployment("web", 1, "500m", "1Gi"));
        repo.Write("charts/api/Chart.yaml", "apiVersion: v2\nname: api\nversion: 0.1.0\n");
        repo.Write("charts/api/values.yaml", "replicaCount: 1\n");
        repo.Write("charts/api/templates/deployment.yaml", "apiVersion: apps/v1\nkind: Deployment\nmetadata:\n  name: {{ .Release.Name }}\n  {{- include \"labels\" . | nindent 4 }}\n");

        var result = await CliRunner.RunAsync("check", repo.Path, "--format", "json");

        result.ExitCode.Should().Be(0, result.Error);
        using var json = JsonDocument.Parse(result.Out);
        var chart = json.RootElement.GetProperty("findings").EnumerateArray().Single(f => f.GetProperty("ruleId").GetString() == "manifest-helm-chart");
        chart.GetProperty("severity").GetString().Should().Be("info");
        chart.GetProperty("subject").GetProperty("file").GetString().Should().Be("charts/api/Chart.yaml");
        chart.GetProperty("message").GetString().Should().Be("Helm chart charts/api: its 1 template file(s) are not YAML until rendered and were not read");
        chart.GetProperty("suggestedAction").GetString().Should().Be("Check the rendered chart: helm template charts/api | steward check --manifests -");
        json.RootElement.GetProperty("summary").GetProperty("objects").GetInt32().Should().Be(1);
    }

    [Fact]
    public async Task A_repository_that_is_a_helm_chart_says_to_render_it()
    {
        using var repo = new TempFolder();
        repo.Write("Chart.yaml", "apiVersion: v2\nname: api\nversion: 0.1.0\n");
        repo.Write("values.yaml", "replicaCount: 1\n");
        repo.Write("templates/deployment.yaml", "apiVersion: apps/v1\nkind: Deployment\nmetadata:\n  name: {{ .Release.Name }}\n");

        var result = await CliRunner.RunAsync("check", repo.Path);

        result.ExitCode.Should().Be(2);
        result.Out.Should().BeEmpty();
        result.Error.Should().Be($"steward: {repo.Path}: this is a Helm chart (Chart.yaml): its templates are not YAML until rendered; run `helm template {repo.Path} | steward check {repo.Path} --manifests -`\n");
    }

    [Fact]
    public async Task Nothing_found_is_exit_2_naming_where_steward_looked_and_the_setting()
    {
        using var repo = new TempFolder();
        repo.Write("docs/config.yaml", "port: 8080\n");
        repo.Write(".github/workflows/ci.yml", "on: push\n");

        var result = await CliRunner.RunAsync("check", repo.Path);

        result.ExitCode.Should().Be(2);
        result.Error.Should().Be($"steward: {repo.Path}: no Kubernetes objects found: Steward read every .yaml, .yml and .json file outside hidden folders, node_modules, policies/ and Helm chart templates/ (1 file(s), no document with apiVersion and kind); set paths.manifests in steward.yaml to where your manifests are, or pass rendered manifests with --manifests FILE|-\n");
    }

    [Fact]
    public async Task Rendered_helm_output_on_stdin_names_each_template()
    {
        using var repo = new TempFolder();
        var helm = "---\n# Source: web/templates/service.yaml\napiVersion: v1\nkind: Service\nmetadata:\n  name: web\n---\n# Source: web/templates/deployment.yaml\n"
            + Deployment("web", 2, "1", "1Gi", labels: "{team: shop}").Replace("\r\n", "\n", StringComparison.Ordinal);

        var result = await CliRunner.RunWithInputAsync(helm, "check", repo.Path, "--manifests", "-", "--format", "json");

        result.ExitCode.Should().Be(1, result.Error);
        using var json = JsonDocument.Parse(result.Out);
        Rules(json).Should().Equal("budget-coverage", "cost-labels");
        var labels = json.RootElement.GetProperty("findings")[1].GetProperty("subject");
        (labels.GetProperty("file").GetString(), labels.GetProperty("line").GetInt32(), labels.GetProperty("name").GetString())
            .Should().Be(("web/templates/deployment.yaml", 1, "web"));
        var workload = json.RootElement.GetProperty("cost").GetProperty("workloads")[0];
        workload.GetProperty("file").GetString().Should().Be("web/templates/deployment.yaml");
        // 2 × (1 × 0.031611 + 1 × 0.004237) × 730 = 52.33808 → 52.34
        workload.GetProperty("monthlyUsd").GetDecimal().Should().Be(52.34m);
        json.RootElement.GetProperty("summary").GetProperty("objects").GetInt32().Should().Be(2);
    }

    [Fact]
    public async Task Rendered_kustomize_output_keeps_stdin_lines_and_a_file_keeps_its_path()
    {
        using var repo = new TempFolder();
        var stream = "apiVersion: v1\nkind: Namespace\nmetadata: {name: prod}\n---\n" + Deployment("web", 1, "500m", "1Gi", labels: "{team: shop}").Replace("\r\n", "\n", StringComparison.Ordinal);
        var rendered = repo.Write("../" + Path.GetFileName(repo.Path) + "-rendered.yaml", stream);

        try
        {
            var fromStdin = await CliRunner.RunWithInputAsync(stream, "check", repo.Path, "--manifests", "-", "--format", "json");
            var fromFile = await CliRunner.RunAsync("check", repo.Path, "--manifests", rendered, "--format", "json");

            fromStdin.ExitCode.Should().Be(1, fromStdin.Error);
            using var stdinJson = JsonDocument.Parse(fromStdin.Out);
            var subject = stdinJson.RootElement.GetProperty("findings")[1].GetProperty("subject");
            (subject.GetProperty("file").GetString(), subject.GetProperty("line").GetInt32()).Should().Be(("<stdin>", 5));
            fromFile.ExitCode.Should().Be(1, fromFile.Error);
            using var fileJson = JsonDocument.Parse(fromFile.Out);
            fileJson.RootElement.GetProperty("findings")[1].GetProperty("subject").GetProperty("file").GetString().Should().Be(rendered);
        }
        finally
        {
            File.Delete(rendered);
        }
    }

    [Fact]
    public async Task Manifests_input_mistakes_are_one_line_exit_2()
    {
        using var repo = new TempFolder();
        repo.Write("k8s/web.yaml", Deployment("web", 1, "500m", "1Gi"));

        var twice = await CliRunner.RunWithInputAsync("", "check", repo.Path, "--manifests", "-", "--manifests", "-");
        var missing = await CliRunner.RunAsync("check", repo.Path, "--manifests", repo["nope.yaml"]);
        var folder = await CliRunner.RunAsync("check", repo.Path, "--manifests", repo["k8s"]);

        (twice.ExitCode, twice.Error).Should().Be((2, "steward: --manifests: standard input (-) can be given once\n"));
        (missing.ExitCode, missing.Error).Should().Be((2, $"steward: --manifests {repo["nope.yaml"]}: file not found\n"));
        (folder.ExitCode, folder.Error).Should().Be((2, $"steward: --manifests {repo["k8s"]}: a folder; give a file of rendered manifests, or - for standard input (a folder of manifests is set with paths.manifests in steward.yaml)\n"));
    }

    [Fact]
    public async Task Every_unreadable_file_is_reported_in_one_run()
    {
        using var repo = new TempFolder();
        repo.Write("k8s/a.yaml", "apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: [unclosed\n");
        repo.Write("k8s/b.yaml", "apiVersion: v1\nkind: ConfigMap\ndata: {a: 1}\n  bad: indent\n");
        repo.Write("k8s/ok.yaml", Deployment("web", 1, "500m", "1Gi"));

        var result = await CliRunner.RunAsync("check", repo.Path);

        result.ExitCode.Should().Be(2);
        var lines = result.Error.TrimEnd('\n').Split('\n');
        lines.Should().HaveCount(2);
        lines[0].Should().StartWith("steward: k8s/a.yaml:5:1: invalid YAML: ").And.EndWith("(if it is not a manifest, add it to paths.exclude in steward.yaml)");
        lines[1].Should().MatchRegex(@"^k8s/b\.yaml:\d+:\d+: invalid YAML: ");
    }

    /// <summary>Needs YamlFile.Load to tolerate duplicate keys (the "parsers" branch); skipped until it does.</summary>
    [Fact]
    public async Task A_duplicated_key_is_a_warning_and_the_check_goes_on()
    {
        const string service = "apiVersion: v1\nkind: Service\nmetadata: {name: redis}\nspec:\n  selector: {app: old}\n  selector: {app: redis}\n";
        using var repo = new TempFolder();
        repo.Write("k8s/redis.yaml", service);

        var result = await CliRunner.RunAsync("check", repo.Path, "--format", "json");

        result.ExitCode.Should().Be(0, result.Error);
        using var json = JsonDocument.Parse(result.Out);
        Rules(json).Should().Equal("manifest-duplicate-key");
        var finding = json.RootElement.GetProperty("findings")[0];
        finding.GetProperty("severity").GetString().Should().Be("warning");
        var subject = finding.GetProperty("subject");
        (subject.GetProperty("file").GetString(), subject.GetProperty("line").GetInt32(), subject.GetProperty("column").GetInt32(), subject.GetProperty("name").GetString())
            .Should().Be(("k8s/redis.yaml", 6, 3, "redis"));
    }
}

using System.Text.Json;
using System.Text.Json.Nodes;
using Steward.TestSupport;

namespace Steward.Cli.Tests.GitOps;

public class DiffCommandTests
{
    private static string Fixture(string name) => RepositoryPaths.InRepository("tests", "Steward.Core.Tests", "GitOps", "Fixtures", name);

    private static TempFolder RepositoryWithDesired()
    {
        var repo = new TempFolder();
        repo.Write("manifests/app.yaml", File.ReadAllText(Fixture("desired.yaml")));
        return repo;
    }

    private static JsonObject[] LiveItems(string kind) =>
        JsonNode.Parse(File.ReadAllText(Fixture("live.json")))!["items"]!.AsArray().OfType<JsonObject>()
            .Where(o => o["kind"]!.GetValue<string>() == kind).Select(o => (JsonObject)o.DeepClone()).ToArray();

    [Fact]
    public async Task Synced_live_file_exits_0_with_the_json_contract()
    {
        using var repo = RepositoryWithDesired();

        var result = await CliRunner.RunAsync("diff", repo.Path, "--live", Fixture("live.json"), "--format", "json");

        result.ExitCode.Should().Be(0, result.Error + result.Out);
        using var json = JsonDocument.Parse(result.Out);
        var first = json.RootElement.GetProperty("objects")[0];
        first.GetProperty("group").GetString().Should().Be("");
        first.GetProperty("kind").GetString().Should().Be("Service");
        first.GetProperty("namespace").GetString().Should().Be("risk");
        first.GetProperty("name").GetString().Should().Be("credit-scoring");
        first.GetProperty("status").GetString().Should().Be("Synced");
        first.GetProperty("diffs").GetArrayLength().Should().Be(0);
    }

    [Fact]
    public async Task Cluster_path_lists_through_discovery_with_the_kubeconfig_token()
    {
        using var repo = RepositoryWithDesired();
        using var api = new FakeKubernetesApi();
        api.Route("/api/v1", """{"kind":"APIResourceList","groupVersion":"v1","resources":[{"name":"services","namespaced":true,"kind":"Service"},{"name":"services/status","namespaced":true,"kind":"Service"}]}""");
        api.Route("/apis", """{"kind":"APIGroupList","groups":[{"name":"apps","versions":[{"groupVersion":"apps/v1","version":"v1"}],"preferredVersion":{"groupVersion":"apps/v1","version":"v1"}}]}""");
        api.Route("/apis/apps/v1", """{"kind":"APIResourceList","groupVersion":"apps/v1","resources":[{"name":"deployments","namespaced":true,"kind":"Deployment"},{"name":"deployments/scale","namespaced":true,"kind":"Scale"}]}""");
        var deployment = LiveItems("Deployment")[0];
        deployment["spec"]!["replicas"] = 1;
        api.List("/apis/apps/v1/namespaces/risk/deployments", "apps/v1", "DeploymentList", deployment);
        api.List("/api/v1/namespaces/risk/services", "v1", "ServiceList", LiveItems("Service"));
        var kubeconfig = api.WriteKubeconfig(repo.Path, "s3cr3t");

        var result = await CliRunner.RunAsync("diff", repo.Path, "--cluster", "--kubeconfig", kubeconfig, "--format", "json");

        result.ExitCode.Should().Be(1, result.Error);
        using var json = JsonDocument.Parse(result.Out);
        var objects = json.RootElement.GetProperty("objects").EnumerateArray().ToList();
        objects.Select(o => (o.GetProperty("kind").GetString(), o.GetProperty("status").GetString())).Should().Equal(("Service", "Synced"), ("Deployment", "OutOfSync"));
        var diff = objects[1].GetProperty("diffs")[0];
        diff.GetProperty("path").GetString().Should().Be("/spec/replicas");
        diff.GetProperty("desired").GetInt32().Should().Be(3);
        diff.GetProperty("live").GetInt32().Should().Be(1);
        api.Requests.Should().Contain(("/apis/apps/v1/namespaces/risk/deployments", "Bearer s3cr3t"));
    }

    [Fact]
    public async Task Table_output_and_usage_errors()
    {
        using var repo = RepositoryWithDesired();

        var table = await CliRunner.RunAsync("diff", repo.Path, "--live", Fixture("live.json"));
        table.Out.Should().Contain("2 Synced, 0 OutOfSync, 0 Missing, 0 Extra");

        var neither = await CliRunner.RunAsync("diff", repo.Path);
        neither.ExitCode.Should().Be(2);
        neither.Error.Should().Contain("exactly one of --live");

        var missing = await CliRunner.RunAsync("diff", repo.Path, "--live", "/no/such/file.json");
        missing.ExitCode.Should().Be(2);
        missing.Error.Should().Contain("/no/such/file.json: live state file or folder not found");
    }

    [Fact]
    public async Task Unreachable_cluster_is_one_clear_error()
    {
        using var repo = RepositoryWithDesired();
        using var api = new FakeKubernetesApi();
        var kubeconfig = api.WriteKubeconfig(repo.Path, "t");
        api.Dispose();

        var result = await CliRunner.RunAsync("diff", repo.Path, "--cluster", "--kubeconfig", kubeconfig);

        result.ExitCode.Should().Be(2);
        result.Error.Should().StartWith("steward: cluster http://127.0.0.1:");
    }
}

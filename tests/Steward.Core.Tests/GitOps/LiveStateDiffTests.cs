using System.Text.Json.Nodes;
using Steward.Core.GitOps;
using Steward.Core.GitOps.Diff;
using Steward.Core.GitOps.Live;
using Steward.Core.Governance;
using Steward.TestSupport;

namespace Steward.Core.Tests.GitOps;

public class LiveStateDiffTests
{
    private static string Fixture(string name) => RepositoryPaths.InRepository("tests", "Steward.Core.Tests", "GitOps", "Fixtures", name);

    private static async Task<DiffReport> DiffAsync(string? settings, Func<string, string>? editLive = null, string? extraLive = null)
    {
        using var repo = new TempFolder();
        // The live state lies outside the repository: Steward reads every object inside it as desired state.
        using var liveFolder = new TempFolder();
        repo.Write("manifests/app.yaml", File.ReadAllText(Fixture("desired.yaml")));
        if (settings is not null) repo.Write("steward.yaml", settings);
        var liveText = File.ReadAllText(Fixture("live.json"));
        if (editLive is not null) liveText = editLive(liveText);
        var livePath = liveFolder.Write("live/objects.json", liveText);
        if (extraLive is not null) liveFolder.Write("live/extra.yaml", extraLive);
        var repository = RepositoryLoader.LoadFolder(repo.Path);
        var live = await new FileLiveStateSource(Path.GetDirectoryName(livePath)!).FetchAsync([], TestContext.Current.CancellationToken);
        return LiveStateDiffer.Compare(repository, live);
    }

    [Fact]
    public async Task Live_objects_as_the_api_server_returns_them_are_synced()
    {
        // Defaults filled in (strategy, imagePullPolicy, protocol, clusterIP...), status, managedFields,
        // the last-applied annotation, and quantities respelled (1000m → 1, 2048Mi → 2Gi).
        var report = await DiffAsync(null);

        report.Objects.Select(o => (o.Identity.ToString(), o.Status)).Should().Equal(
            ("Service/risk/credit-scoring", SyncStatus.Synced),
            ("apps/Deployment/risk/credit-scoring", SyncStatus.Synced));
        report.AllSynced.Should().BeTrue();
    }

    [Fact]
    public async Task Reports_exactly_the_fields_that_changed()
    {
        var report = await DiffAsync(null, live => live
            .Replace("\"replicas\": 3,\n        \"revisionHistoryLimit\"", "\"replicas\": 5,\n        \"revisionHistoryLimit\"", StringComparison.Ordinal)
            .Replace("\"cpu\": \"1\", \"memory\": \"2Gi\"", "\"cpu\": \"2\", \"memory\": \"2Gi\"", StringComparison.Ordinal));

        var deployment = report.Objects.Single(o => o.Identity.Kind == "Deployment");
        deployment.Status.Should().Be(SyncStatus.OutOfSync);
        deployment.Diffs.Select(d => (d.Path, d.Desired?.ToJsonString(), d.Live?.ToJsonString())).Should().Equal(
            ("/spec/replicas", "3", "5"),
            ("/spec/template/spec/containers/0/resources/limits/cpu", "\"1000m\"", "\"2\""));
        deployment.Location!.Value.Line.Should().Be(1);
    }

    [Fact]
    public async Task Ignore_differences_by_json_pointer_and_kind()
    {
        const string settings = "apiVersion: steward.dev/v1alpha1\nkind: Settings\ngitops:\n  ignoreDifferences:\n    - {group: apps, kind: Deployment, jsonPointers: [/spec/replicas]}\n";

        var report = await DiffAsync(settings, live => live.Replace("\"replicas\": 3,\n        \"revisionHistoryLimit\"", "\"replicas\": 9,\n        \"revisionHistoryLimit\"", StringComparison.Ordinal));

        report.AllSynced.Should().BeTrue();
    }

    [Fact]
    public async Task Missing_and_extra_objects()
    {
        var report = await DiffAsync(null,
            live => live.Replace("\"kind\": \"Service\"", "\"kind\": \"ConfigMap\"", StringComparison.Ordinal),
            extraLive: "apiVersion: v1\nkind: ConfigMap\nmetadata: {name: orphan, namespace: risk, labels: {app.kubernetes.io/managed-by: steward}}\n---\napiVersion: v1\nkind: ConfigMap\nmetadata: {name: not-ours, namespace: risk}\n");

        report.Objects.Select(o => (o.Identity.ToString(), o.Status)).Should().Equal(
            ("ConfigMap/risk/orphan", SyncStatus.Extra),
            ("Service/risk/credit-scoring", SyncStatus.Missing),
            ("apps/Deployment/risk/credit-scoring", SyncStatus.Synced));
        DiffFindings.From(report).Select(f => (f.RuleId, f.Severity.ToString())).Should().Equal(
            ("live-extra", "Warning"), ("live-missing", "Error"));
    }

    [Fact]
    public void Added_container_and_removed_env_are_diffs()
    {
        var desired = JsonNode.Parse("""{"spec":{"containers":[{"name":"a","env":[{"name":"X","value":"1"}]}]}}""");
        var live = JsonNode.Parse("""{"spec":{"containers":[{"name":"a","env":[]},{"name":"sidecar","image":"x"}]}}""");

        JsonDiff.Compare(desired, live).Select(d => d.Path).Should().Equal("/spec/containers/0/env/0", "/spec/containers/1");
    }

    [Theory]
    [InlineData("1", "1.0", true)]
    [InlineData("\"1\"", "1", false)]
    [InlineData("{}", "null", true)]
    [InlineData("[]", "null", true)]
    public void Scalar_and_empty_equality(string desired, string live, bool equal)
    {
        var diffs = JsonDiff.Compare(JsonNode.Parse($$"""{"a":{{desired}}}"""), JsonNode.Parse($$"""{"a":{{live}}}"""));

        (diffs.Count == 0).Should().Be(equal);
    }

    [Fact]
    public void Default_namespace_and_cluster_scoped_identity()
    {
        ObjectIdentity.Of(JsonNode.Parse("""{"apiVersion":"v1","kind":"ConfigMap","metadata":{"name":"c"}}""")!.AsObject()).Namespace.Should().Be("default");
        ObjectIdentity.Of(JsonNode.Parse("""{"apiVersion":"v1","kind":"Namespace","metadata":{"name":"n","namespace":"x"}}""")!.AsObject()).Namespace.Should().BeNull();
        ObjectIdentity.Of(JsonNode.Parse("""{"apiVersion":"rbac.authorization.k8s.io/v1","kind":"Role","metadata":{"name":"r","namespace":"x"}}""")!.AsObject()).Group.Should().Be("rbac.authorization.k8s.io");
    }
}

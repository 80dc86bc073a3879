using Steward.Server.Tests.Support;
using Steward.TestSupport;

namespace Steward.Server.Tests;

/// <summary>
/// The repository sync with real Git repositories: a commit in a watched folder becomes the served
/// revision, a broken change keeps the last good one serving with /readyz 503 naming the file, and
/// a remote (a bare repository made in the test) is cloned, fetched and followed.
/// </summary>
public sealed class SyncTests
{
    private static readonly string Example = RepositoryPaths.InRepository("examples", "governance");

    private static ServeOptions Options(TempFolder temp, string repository) => new()
    {
        Repository = repository,
        Store = temp["store/steward.duckdb"],
        SyncInterval = TimeSpan.FromMilliseconds(200),
    };

    private static Task<(int Status, string Body)> Ready(RunningServer server) => server.GetAsync("/readyz");

    [Fact]
    public async Task A_new_commit_then_an_uncommitted_edit_become_the_served_revision()
    {
        using var temp = new TempFolder();
        var folder = temp["repo"];
        var first = GitFixture.InitWithCopyOf(folder, Example);
        await using var server = await RunningServer.StartAsync(Options(temp, folder));
        var (status, body) = await Ready(server);
        status.Should().Be(200);
        body.Should().StartWith($"ok: revision {first[..12]}+");

        var budgets = Path.Combine(folder, "budgets", "teams.yaml");
        File.WriteAllText(budgets, File.ReadAllText(budgets) + "\n# reviewed\n");
        var second = GitFixture.CommitAll(folder, "budgets reviewed");
        var committed = await Eventually.Until(() => Ready(server), r => r.Body.StartsWith($"ok: revision {second[..12]}+", StringComparison.Ordinal), "the second commit");
        committed.Status.Should().Be(200);

        // Not committed: same commit, other content, so another revision.
        File.WriteAllText(budgets, File.ReadAllText(budgets) + "# not committed yet\n");
        var edited = await Eventually.Until(() => Ready(server), r => r.Body != committed.Body, "the uncommitted edit");
        edited.Status.Should().Be(200);
        edited.Body.Should().StartWith($"ok: revision {second[..12]}+");
    }

    [Fact]
    public async Task A_broken_change_keeps_the_last_good_revision_serving_and_readyz_names_the_file()
    {
        using var temp = new TempFolder();
        var folder = temp["repo"];
        GitFixture.InitWithCopyOf(folder, Example);
        await using var server = await RunningServer.StartAsync(Options(temp, folder));
        var good = (await Ready(server)).Body;
        var goodId = good["ok: revision ".Length..].Trim();

        var model = Path.Combine(folder, "models", "credit-scoring", "1.3.0.yaml");
        var original = File.ReadAllText(model);
        File.WriteAllText(model, "apiVersion: steward.dev/v1alpha1\nkind: ModelVersion\nmetadata: [unclosed\n");
        var broken = await Eventually.Until(() => Ready(server), r => r.Status == 503, "/readyz 503");
        // The flow sequence opened on line 3 is still open where the text ends (line 4, column 1).
        broken.Body.Should().Be($"not ready: serving revision {goodId}; the latest load failed: "
            + "models/credit-scoring/1.3.0.yaml:4:1: invalid YAML: While parsing a flow sequence, did not find expected ',' or ']'.\n");
        var metrics = MetricsText.Parse(await server.GetTextAsync("/metrics"));
        metrics["steward_sync_failing"].Should().Be(1);
        metrics["steward_sync_failures_total"].Should().BeGreaterThanOrEqualTo(1);
        metrics[$"steward_repository_info{{revision=\"{goodId}\"}}"].Should().Be(1);

        // Restored: the same content is the same revision, and ready again.
        File.WriteAllText(model, original);
        var restored = await Eventually.Until(() => Ready(server), r => r.Status == 200, "/readyz 200 again");
        restored.Body.Should().Be(good);
        MetricsText.Parse(await server.GetTextAsync("/metrics"))["steward_sync_failing"].Should().Be(0);
    }

    [Theory]
    [InlineData(false)]
    [InlineData(true)]
    public async Task A_git_remote_is_cloned_under_the_store_folder_and_fetched(bool fileUrl)
    {
        using var temp = new TempFolder();
        var work = temp["work"];
        var first = GitFixture.InitWithCopyOf(work, Example);
        var bare = temp["remote.git"];
        GitFixture.InitBareRemote(work, bare);
        var remote = fileUrl ? new Uri(bare).AbsoluteUri : bare;
        remote.Should().StartWith(fileUrl ? "file:///" : "/");

        await using var server = await RunningServer.StartAsync(Options(temp, remote));
        (await Ready(server)).Body.Should().StartWith($"ok: revision {first[..12]}+");
        Directory.GetDirectories(temp["store/repositories"]).Should().ContainSingle();

        var budgets = Path.Combine(work, "budgets", "teams.yaml");
        File.WriteAllText(budgets, File.ReadAllText(budgets) + "\n# pushed\n");
        var second = GitFixture.CommitAll(work, "pushed change");
        GitFixture.Push(work);
        var fetched = await Eventually.Until(() => Ready(server), r => r.Body.StartsWith($"ok: revision {second[..12]}+", StringComparison.Ordinal), "the pushed commit");
        fetched.Status.Should().Be(200);
    }

    [Fact]
    public void A_repository_that_does_not_load_at_start_stops_the_start_with_its_error()
    {
        using var temp = new TempFolder();
        var folder = temp["repo"];
        GitFixture.CopyFolder(Example, folder);
        File.WriteAllText(Path.Combine(folder, "models", "credit-scoring", "1.3.0.yaml"), "apiVersion: steward.dev/v1alpha1\nkind: ModelVersion\nmetadata: [unclosed\n");
        var broken = () => StewardServer.Build(Options(temp, folder) with { Listen = "127.0.0.1:0" }, _ => { });
        broken.Should().Throw<Steward.Core.StewardInputException>()
            .WithMessage("*models/credit-scoring/1.3.0.yaml:4:1: invalid YAML: While parsing a flow sequence, did not find expected ',' or ']'.*");

        var missing = new Uri(temp["no-such-remote.git"]).AbsoluteUri;
        var unreachable = () => StewardServer.Build(Options(temp, missing) with { Listen = "127.0.0.1:0" }, _ => { });
        unreachable.Should().Throw<Steward.Core.StewardInputException>().WithMessage($"{missing}: cannot clone: *");
    }
}

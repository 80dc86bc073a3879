using LibGit2Sharp;
using Steward.TestSupport;

namespace Steward.Cli.Tests.Security;

/// <summary>Issue 12, item 9: `remediate --apply` from the repository root leaves the work tree clean.</summary>
public sealed class RemediateStoreTests
{
    private static readonly Signature Author = new("Dev", "dev@example.com", new DateTimeOffset(2026, 11, 1, 9, 0, 0, TimeSpan.Zero));

    [Fact]
    public async Task The_default_store_folder_is_git_ignored_so_git_status_stays_clean()
    {
        using var folder = new TempFolder();
        var work = folder.Path;
        LibGit2Sharp.Repository.Init(work);
        using (var git = new LibGit2Sharp.Repository(work))
        {
            folder.Write("manifests/scoring.yaml", """
                apiVersion: apps/v1
                kind: Deployment
                metadata: {name: scoring, namespace: risk, labels: {team: risk, cost-center: cc-1}}
                spec:
                  replicas: 40
                  template:
                    metadata: {labels: {app: scoring}}
                    spec:
                      containers:
                        - name: api
                          image: r.example.com/s:1
                          resources: {requests: {cpu: 500m, memory: 1Gi}, limits: {cpu: "1", memory: 2Gi}}
                """);
            folder.Write("budgets/risk.yaml", "apiVersion: steward.dev/v1alpha1\nkind: Budget\nmetadata: {name: risk}\nspec:\n  selector: {matchLabels: {team: risk}}\n  amount: 100\n  action: block\n  scaleTo: 1\n");
            LibGit2Sharp.Commands.Stage(git, "*");
            git.Commit("Scale up", Author, Author);
        }

        // The default store is .steward/steward.duckdb under the current folder; run from the repository
        // root, that is this path. It is given explicitly because tests run in parallel in one process
        // and must not change the current folder.
        var result = await CliRunner.RunAsync("remediate", work, "--apply", "--store", Path.Combine(work, ".steward", "steward.duckdb"));

        result.ExitCode.Should().Be(0, result.Error);
        result.Out.Should().Contain("created");
        File.Exists(Path.Combine(work, ".steward", "steward.duckdb")).Should().BeTrue();
        File.ReadAllLines(Path.Combine(work, ".steward", ".gitignore")).Should().Contain("*");
        using var repo = new LibGit2Sharp.Repository(work);
        repo.RetrieveStatus(new StatusOptions { IncludeUntracked = true, RecurseUntrackedDirs = true }).IsDirty.Should().BeFalse();
    }
}

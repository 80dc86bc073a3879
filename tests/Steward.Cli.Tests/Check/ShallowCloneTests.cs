using System.Text.Json;
using Steward.TestSupport;

namespace Steward.Cli.Tests.Check;

/// <summary>
/// <c>check --base origin/main</c> in the clone a CI system makes of a pull request: one commit deep,
/// one branch (GitHub's actions/checkout default), from an "origin" made in the test.
/// </summary>
public class ShallowCloneTests
{
    /// <summary>
    /// A bare "origin" whose main has two commits (one replica of one core at its tip) and a branch
    /// "pr" two commits further (four replicas of two cores), and a clone of pr with --depth 1.
    /// </summary>
    private static TempFolder PullRequestClone()
    {
        var folder = new TempFolder();
        GitCli.Run(folder.Path, "init", "--bare", "-b", "main", "origin.git");
        GitCli.Run(folder.Path, "init", "-b", "main", "work");
        var work = folder["work"];
        folder.Write("work/deploy/governance/manifests/chat.yaml", ChatHistory.Deployment(2, "1"));
        GitCli.Run(work, "add", ".");
        GitCli.Run(work, "commit", "-m", "two replicas");
        folder.Write("work/deploy/governance/manifests/chat.yaml", ChatHistory.Deployment(1, "1"));
        GitCli.Run(work, "commit", "-am", "one replica");
        GitCli.Run(work, "remote", "add", "origin", folder["origin.git"]);
        GitCli.Run(work, "push", "origin", "main");
        GitCli.Run(work, "checkout", "-b", "pr");
        folder.Write("work/deploy/governance/manifests/chat.yaml", ChatHistory.Deployment(4, "1"));
        GitCli.Run(work, "commit", "-am", "four replicas");
        folder.Write("work/deploy/governance/manifests/chat.yaml", ChatHistory.Deployment(4, "2"));
        GitCli.Run(work, "commit", "-am", "two cores");
        GitCli.Run(work, "push", "origin", "pr");
        // file:// (not a plain path) so that git honours --depth, as it does for GitHub's https.
        GitCli.Run(folder.Path, "clone", "--depth", "1", "--branch", "pr", new Uri(folder["origin.git"]).AbsoluteUri, "clone");
        return folder;
    }

    [Fact]
    public async Task Base_missing_from_a_shallow_clone_names_base_and_the_fetch_to_run()
    {
        using var folder = PullRequestClone();
        var governance = folder["clone/deploy/governance"];

        var result = await CliRunner.RunAsync("check", governance, "--base", "origin/main");

        result.ExitCode.Should().Be(2);
        result.Error.Should().Be(
            "steward: --base origin/main: this shallow clone has not fetched branch main of origin; run "
            + "`git fetch --depth=1 origin main:refs/remotes/origin/main` first, or check out with the full history, "
            + "e.g. actions/checkout with fetch-depth: 0\n");
        result.Error.Should().NotContain("--rev");
    }

    [Fact]
    public async Task After_the_fetch_the_message_names_the_base_compares_and_the_clone_stays_whole()
    {
        using var folder = PullRequestClone();
        var clone = folder["clone"];
        // Exactly the command the message above tells the user to run.
        GitCli.Run(clone, "fetch", "--depth=1", "origin", "main:refs/remotes/origin/main");

        var result = await CliRunner.RunAsync("check", Path.Combine(clone, "deploy", "governance"), "--base", "origin/main", "--format", "json");

        result.ExitCode.Should().Be(0, result.Error);
        using var json = JsonDocument.Parse(result.Out);
        var cost = json.RootElement.GetProperty("cost");
        // base (main's tip): 1 × (1 × 0.031611 + 1 × 0.004237) × 730 = 26.16904 → 26.17
        // pull request: 4 × (2 × 0.031611 + 1 × 0.004237) × 730 = 196.98028 → 196.98
        cost.GetProperty("baseTotalMonthlyUsd").GetDecimal().Should().Be(26.17m);
        cost.GetProperty("totalMonthlyUsd").GetDecimal().Should().Be(196.98m);
        cost.GetProperty("deltaMonthlyUsd").GetDecimal().Should().Be(170.81m);
        // Steward read the object store only: the clone is still shallow and consistent.
        GitCli.Run(clone, "log", "--format=%s", "HEAD").Should().Be("two cores\n");
        GitCli.Run(clone, "log", "--format=%s", "origin/main").Should().Be("one replica\n");
    }

    [Fact]
    public async Task Missing_origin_is_one_line_saying_so()
    {
        using var folder = PullRequestClone();
        GitCli.Run(folder["clone"], "remote", "remove", "origin");

        var result = await CliRunner.RunAsync("check", folder["clone/deploy/governance"], "--base", "origin/main");

        result.ExitCode.Should().Be(2);
        result.Error.Should().Be(
            "steward: --base origin/main: unknown revision, and this Git repository has no remote \"origin\" to fetch it from "
            + "(add it with `git remote add origin URL`, or pass a revision that exists here)\n");
    }

    [Fact]
    public async Task History_beyond_a_shallow_clone_names_unshallow()
    {
        using var folder = PullRequestClone();

        var result = await CliRunner.RunAsync("check", folder["clone/deploy/governance"], "--base", "HEAD~1");

        result.ExitCode.Should().Be(2);
        result.Error.Should().Be(
            "steward: --base HEAD~1: not in this shallow clone (only its last commits were fetched); run "
            + "`git fetch --unshallow origin` first, or check out with the full history, e.g. actions/checkout with fetch-depth: 0\n");
    }

    [Fact]
    public async Task A_branch_name_without_a_local_branch_points_to_the_remote_one()
    {
        using var folder = PullRequestClone();

        var result = await CliRunner.RunAsync("check", folder["clone/deploy/governance"], "--base", "main");

        result.ExitCode.Should().Be(2);
        result.Error.Should().Be(
            "steward: --base main: no such branch here; to compare with branch main of origin, run "
            + "`git fetch --depth=1 origin main:refs/remotes/origin/main` and pass --base origin/main\n");
    }

    [Fact]
    public async Task Rev_errors_still_name_rev()
    {
        using var folder = PullRequestClone();

        var result = await CliRunner.RunAsync("check", folder["clone/deploy/governance"], "--rev", "origin/main");

        result.ExitCode.Should().Be(2);
        result.Error.Should().StartWith("steward: --rev origin/main: this shallow clone has not fetched branch main of origin;");
    }
}

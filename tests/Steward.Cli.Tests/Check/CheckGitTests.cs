using System.Text.Json;
using LibGit2Sharp;
using Steward.TestSupport;

namespace Steward.Cli.Tests.Check;

public class CheckGitTests
{
    [Fact]
    public async Task Base_revision_shows_the_cost_delta()
    {
        using var folder = ChatHistory.TwoCommits();

        var result = await CliRunner.RunAsync("check", folder["gov"], "--base", "HEAD~1", "--format", "json");

        result.ExitCode.Should().Be(0, result.Error);
        using var json = JsonDocument.Parse(result.Out);
        var cost = json.RootElement.GetProperty("cost");
        // base: 1 × (1 × 0.031611 + 1 × 0.004237) × 730 = 26.16904 → 26.17
        // head: 4 × (2 × 0.031611 + 1 × 0.004237) × 730 = 4 × 0.067459 × 730 = 196.98028 → 196.98
        cost.GetProperty("baseTotalMonthlyUsd").GetDecimal().Should().Be(26.17m);
        cost.GetProperty("totalMonthlyUsd").GetDecimal().Should().Be(196.98m);
        cost.GetProperty("deltaMonthlyUsd").GetDecimal().Should().Be(170.81m);
        var workload = cost.GetProperty("workloads")[0];
        workload.GetProperty("baseMonthlyUsd").GetDecimal().Should().Be(26.17m);
        workload.GetProperty("deltaMonthlyUsd").GetDecimal().Should().Be(170.81m);
    }

    [Fact]
    public async Task Rev_checks_an_older_revision()
    {
        using var folder = ChatHistory.TwoCommits();

        var result = await CliRunner.RunAsync("check", folder["gov"], "--rev", "HEAD~1", "--format", "json");

        using var json = JsonDocument.Parse(result.Out);
        json.RootElement.GetProperty("cost").GetProperty("totalMonthlyUsd").GetDecimal().Should().Be(26.17m);
    }

    [Fact]
    public async Task Table_shows_the_change()
    {
        using var folder = ChatHistory.TwoCommits();

        var result = await CliRunner.RunAsync("check", folder["gov"], "--base", "HEAD~1");

        result.Out.Should().Contain("Deployment/chat").And.Contain("26.17").And.Contain("196.98").And.Contain("+170.81");
    }

    [Fact]
    public async Task Unknown_base_revision_exits_2()
    {
        using var folder = ChatHistory.TwoCommits();

        var result = await CliRunner.RunAsync("check", folder["gov"], "--base", "nope");

        result.ExitCode.Should().Be(2);
        result.Error.Should().Be("steward: --base nope: unknown revision\n", "the option the user gave is named, not --rev");
    }
}

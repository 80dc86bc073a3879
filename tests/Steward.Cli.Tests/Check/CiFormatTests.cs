using System.Text.Json;
using LibGit2Sharp;
using Steward.Cli.Tests.Golden;
using Steward.TestSupport;

namespace Steward.Cli.Tests.Check;

/// <summary>The CI-native outputs: GitHub's job summary, SARIF fingerprints, GitLab's Code Quality report.</summary>
public class CiFormatTests
{
    [Fact]
    public async Task Github_format_appends_the_job_summary_with_the_cost_change()
    {
        using var folder = ChatHistory.TwoCommits();
        var summary = folder.Write("summary.md", "## an earlier step\n\n");
        var environment = StewardEnvironment.Of(new Dictionary<string, string> { ["GITHUB_STEP_SUMMARY"] = summary });

        var result = await CliRunner.RunWithEnvironmentAsync(environment, "check", folder["gov"], "--base", "HEAD~1", "--format", "github");

        result.ExitCode.Should().Be(0, result.Error);
        var text = File.ReadAllText(summary);
        text.Should().StartWith("## an earlier step\n\n## Steward check: ✅ passed\n", "the summary file is appended to, never replaced");
        // base 1 × (1 × 0.031611 + 1 × 0.004237) × 730 = 26.16904 → 26.17; now 4 × (2 × 0.031611 + 0.004237) × 730 = 196.98028 → 196.98
        text.Should().Contain("| Deployment/chat | 26.17 | 196.98 | +170.81 |");
        GoldenFile.Match("check-base.github-summary.md", text["## an earlier step\n\n".Length..]);
        // The annotations still go to standard output, with paths from the work-tree root.
        result.Out.Should().Contain("::warning file=gov/manifests/chat.yaml,");
    }

    [Fact]
    public async Task Without_the_variable_or_in_another_format_no_summary_is_written()
    {
        using var folder = ChatHistory.TwoCommits();
        var summary = folder["summary.md"];
        var environment = StewardEnvironment.Of(new Dictionary<string, string> { ["GITHUB_STEP_SUMMARY"] = summary });

        (await CliRunner.RunWithEnvironmentAsync(StewardEnvironment.Of(new Dictionary<string, string>()), "check", folder["gov"], "--format", "github")).ExitCode.Should().Be(0);
        (await CliRunner.RunWithEnvironmentAsync(environment, "check", folder["gov"], "--format", "sarif")).ExitCode.Should().Be(0);

        File.Exists(summary).Should().BeFalse();
    }

    [Fact]
    public async Task An_unwritable_summary_file_is_exit_2_naming_it()
    {
        using var folder = ChatHistory.TwoCommits();
        var summary = folder["no-such-folder/summary.md"];
        var environment = StewardEnvironment.Of(new Dictionary<string, string> { ["GITHUB_STEP_SUMMARY"] = summary });

        var result = await CliRunner.RunWithEnvironmentAsync(environment, "check", folder["gov"], "--format", "github");

        result.ExitCode.Should().Be(2);
        result.Error.Should().StartWith($"steward: {summary}: cannot append the job summary named by $GITHUB_STEP_SUMMARY:");
    }

    private const string Pod = "apiVersion: v1\nkind: Pod\nmetadata: {name: p, labels: {team: t}}\nspec: {containers: []}\n";
    private const string ConfigMap = "apiVersion: v1\nkind: ConfigMap\nmetadata: {name: settings}\ndata: {a: b}\n---\n";

    private static async Task<List<(string RuleId, int Line, string Fingerprint)>> SarifResults(string repository)
    {
        var result = await CliRunner.RunAsync("check", repository, "--format", "sarif");
        using var sarif = JsonDocument.Parse(result.Out);
        return sarif.RootElement.GetProperty("runs")[0].GetProperty("results").EnumerateArray().Select(r =>
        (
            r.GetProperty("ruleId").GetString()!,
            r.GetProperty("locations")[0].GetProperty("physicalLocation").GetProperty("region").GetProperty("startLine").GetInt32(),
            r.GetProperty("partialFingerprints").GetProperty("primaryLocationLineHash").GetString()!
        )).ToList();
    }

    [Fact]
    public async Task Sarif_fingerprints_follow_the_finding_not_its_line()
    {
        using var before = new TempFolder();
        before.Write("manifests/a.yaml", Pod);
        using var after = new TempFolder();
        after.Write("manifests/a.yaml", ConfigMap + Pod);

        var old = await SarifResults(before.Path);
        var moved = await SarifResults(after.Path);

        old.Select(r => (r.RuleId, r.Line)).Should().Equal(("budget-coverage", 1), ("cost-labels", 1));
        // The ConfigMap's 4 lines and the --- separator push the Pod to line 6.
        moved.Select(r => (r.RuleId, r.Line)).Should().Equal(("budget-coverage", 6), ("cost-labels", 6));
        moved.Select(r => r.Fingerprint).Should().Equal(old.Select(r => r.Fingerprint));
        old.Select(r => r.Fingerprint).Should().OnlyHaveUniqueItems().And.AllSatisfy(f => f.Should().MatchRegex("^[0-9a-f]{32}$"));
    }

    [Fact]
    public async Task Code_quality_report_has_gitlab_fields_and_severities()
    {
        using var repo = new TempFolder();
        repo.Write("manifests/a.yaml", Pod);

        var result = await CliRunner.RunAsync("check", repo.Path, "--format", "codeclimate");

        result.ExitCode.Should().Be(1);
        using var report = JsonDocument.Parse(result.Out);
        var issues = report.RootElement.EnumerateArray().ToList();
        issues.Select(i => (i.GetProperty("check_name").GetString(), i.GetProperty("severity").GetString()))
            .Should().Equal(("budget-coverage", "minor"), ("cost-labels", "major"));
        var error = issues[1];
        error.GetProperty("description").GetString().Should().StartWith("Pod p lacks cost-allocation label cost-center. ");
        error.GetProperty("location").GetProperty("path").GetString().Should().Be("manifests/a.yaml");
        error.GetProperty("location").GetProperty("lines").GetProperty("begin").GetInt32().Should().Be(1);
        error.GetProperty("fingerprint").GetString().Should().MatchRegex("^[0-9a-f]{32}$");
        issues.Select(i => i.GetProperty("fingerprint").GetString()).Should().OnlyHaveUniqueItems("GitLab shows only the first issue of a fingerprint");
    }
}

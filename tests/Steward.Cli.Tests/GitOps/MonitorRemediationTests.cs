using System.Text.Json;
using LibGit2Sharp;
using Steward.TestSupport;

namespace Steward.Cli.Tests.GitOps;

/// <summary>
/// The loop of the architecture on the shipped example: the example logs are ingested, `steward monitor run`
/// finds the credit-scoring shift of 2026-03-05 and 2026-03-06, `steward check --store` fails while 1.3.0 is
/// deployed, and `steward remediate` turns the Monitor's `remediation: rollback` into a commit that rolls the
/// Deployment back to 1.2.0, which Git history shows deployed before.
/// Expected values of the last window (2026-03-06, 180 rows) computed once from the shipped CSV files with
/// pandas 1.5.3 / scipy 1.10.1 (d = that day of credit-scoring.csv, ref = credit-scoring-reference.csv):
/// accuracy = (d.repaid == d.approved).mean() = 0.8055555555555556;
/// sr = (d.approved == 'yes').groupby(d.sex + '/' + d.age_band).mean(), sr.min() / sr.max() = 0.5882352941176471;
/// drift_share = 3/7 (ks_2samp p &lt; 0.05 for income, loan_amount, debt_to_income; not for
/// credit_history_months, employment_years; chisquare p ≥ 0.05 for home_ownership and purpose).
/// </summary>
public sealed class MonitorRemediationTests
{
    private static readonly Signature Author = new("Dev", "dev@example.com", new DateTimeOffset(2026, 3, 1, 9, 0, 0, TimeSpan.Zero));

    private const string Manifest = "manifests/risk/credit-scoring.yaml";
    private const string Image130 = "registry.example.com/risk/credit-scoring:1.3.0@sha256:3f5a9c0e1b2d4f6a8c0e2b4d6f8a0c2e4b6d8f0a2c4e6b8d0f2a4c6e8b0d2f4a";

    // The image 1.2.0 ran with: the catalog's artifact digest of 1.2.0, as the shipped manifest does for 1.3.0.
    private const string Image120 = "registry.example.com/risk/credit-scoring:1.2.0@sha256:6f1ed002ab5595859014ebf0951522d9e2d8e5e1a3a7c5d1f2b3c4d5e6f70812";

    [Fact]
    public async Task A_breaching_monitor_rolls_the_deployment_back_and_check_fails_until_the_rollback_is_merged()
    {
        using var folder = new TempFolder();
        var (gov, shipped) = ExampleWithHistory(folder);
        var store = folder["store/steward.duckdb"];
        (await CliRunner.RunAsync("ingest", "inferences", "--model", "credit-scoring", "--version", "1.3.0",
            RepositoryPaths.InRepository("examples", "inference-logs", "credit-scoring.csv"), "--store", store)).ExitCode.Should().Be(0);
        (await CliRunner.RunAsync("ingest", "inferences", "--model", "support-chat", "--version", "2.1.0",
            RepositoryPaths.InRepository("examples", "inference-logs", "support-chat.csv"), "--store", store)).ExitCode.Should().Be(0);

        var run = await CliRunner.RunAsync("monitor", "run", gov, "--store", store, "--format", "json");
        run.ExitCode.Should().Be(1, run.Error);
        var findings = folder.Write("findings.json", run.Out);

        // While 1.3.0 is deployed, the gate sees the breaches of its latest window.
        var gate = await CliRunner.RunAsync("check", gov, "--store", store, "--format", "json");
        gate.ExitCode.Should().Be(1, gate.Error);
        using (var summary = JsonDocument.Parse(gate.Out))
            summary.RootElement.GetProperty("summary").GetProperty("errors").GetInt32().Should().Be(3, "the example has no other error");
        var open = MonitorFindings(gate.Out);
        open.Keys.Should().Equal("monitor/accuracy", "monitor/demographic_parity_ratio", "monitor/drift_share");
        open["monitor/accuracy"].GetProperty("evidence").GetProperty("value").GetDouble().Should().BeApproximately(0.8055555555555556, 1e-12);
        open["monitor/demographic_parity_ratio"].GetProperty("evidence").GetProperty("value").GetDouble().Should().BeApproximately(0.5882352941176471, 1e-12);
        open["monitor/drift_share"].GetProperty("evidence").GetProperty("value").GetDouble().Should().BeApproximately(3.0 / 7, 1e-12);
        open.Values.Should().OnlyContain(f => f.GetProperty("evidence").GetProperty("windowStart").GetString() == "2026-03-06T00:00:00Z"
            && f.GetProperty("subject").GetProperty("modelVersion").GetString() == "1.3.0");

        var dryRun = await CliRunner.RunAsync("remediate", gov, "--findings", findings);
        dryRun.ExitCode.Should().Be(0, dryRun.Error);
        dryRun.Out.Should().Contain("roll Deployment risk/credit-scoring back from credit-scoring 1.3.0 to 1.2.0")
            .And.Contain("-        steward.dev/model-version: 1.3.0\n+        steward.dev/model-version: 1.2.0\n")
            .And.Contain($"-          image: {Image130}\n+          image: {Image120}\n")
            .And.NotContain("not remediated");

        var applied = await CliRunner.RunAsync("remediate", gov, "--findings", findings, "--apply", "--store", store);
        applied.ExitCode.Should().Be(0, applied.Error);
        using var git = new LibGit2Sharp.Repository(gov);
        var branch = git.Branches.Single(b => b.FriendlyName.StartsWith("steward/remediate-", StringComparison.Ordinal));
        branch.Tip.Parents.Single().Sha.Should().Be(git.Head.Tip.Sha);
        var patch = git.Diff.Compare<Patch>(git.Head.Tip.Tree, branch.Tip.Tree);
        patch.Select(p => p.Path).Should().Equal(Manifest);
        patch.LinesAdded.Should().Be(2);
        patch.LinesDeleted.Should().Be(2);
        // Exactly the version label and the image change; every other character of the manifest stays.
        Text(branch.Tip, Manifest).Should().Be(shipped
            .Replace("steward.dev/model-version: 1.3.0", "steward.dev/model-version: 1.2.0", StringComparison.Ordinal)
            .Replace(Image130, Image120, StringComparison.Ordinal));
        branch.Tip.Message.Should().Be(
            "steward: roll Deployment risk/credit-scoring back from credit-scoring 1.3.0 to 1.2.0\n" +
            "\n" +
            "Finding: monitor/accuracy (error) monitors/credit-scoring.yaml:1\n" +
            "  accuracy = 0.777778 in the daily window from 2026-03-05T00:00:00Z, outside its threshold (≥ 0.85)\n" +
            "Evidence: rows=180, threshold=≥ 0.85, value=0.7777777777777778, windowEnd=2026-03-06T00:00:00Z, windowStart=2026-03-05T00:00:00Z\n" +
            "\n" +
            "Monitor credit-scoring (monitors/credit-scoring.yaml:1) breached: accuracy (2 window(s)), demographic_parity_ratio (2 window(s)), " +
            "drift_share (2 window(s)); its remediation: rollback.\n" +
            $"Rollback target: credit-scoring 1.2.0, compliant now, deployed before at {git.Head.Tip.Parents.Single().Sha[..7]} \"Deploy credit-scoring 1.2.0\".\n" +
            "Change: manifests/risk/credit-scoring.yaml: steward.dev/model-version 1.3.0 → 1.2.0\n" +
            $"Change: manifests/risk/credit-scoring.yaml: image of container ai-inference-model {Image130} → {Image120}\n" +
            "\n" +
            "Steward-Rule: monitor/accuracy\n" +
            "Steward-Action: rollback\n");

        // Without --findings, the open breaches of the store lead to the same change (the same branch).
        var fromStore = await CliRunner.RunAsync("remediate", gov, "--store", store);
        fromStore.ExitCode.Should().Be(0, fromStore.Error);
        fromStore.Out.Should().Contain("finding: monitor/accuracy: accuracy = 0.805556").And.Contain("branch (with --apply): " + branch.FriendlyName);

        // The rollback is merged: 1.3.0 serves nobody, so its last window no longer fails the gate, and the
        // old findings name what is deployed instead of proposing anything.
        git.Reset(ResetMode.Hard, branch.Tip);
        var merged = await CliRunner.RunAsync("check", gov, "--store", store, "--format", "json");
        merged.ExitCode.Should().Be(0, merged.Out);
        MonitorFindings(merged.Out).Should().BeEmpty();
        var again = await CliRunner.RunAsync("remediate", gov, "--findings", findings);
        again.ExitCode.Should().Be(0, again.Error);
        // The terminal wraps long lines; the words are what matter.
        System.Text.RegularExpressions.Regex.Replace(again.Out, @"\s+", " ").Should().Be(
            "not remediated: monitor/accuracy Monitor/credit-scoring: no workload deploys credit-scoring 1.3.0 " +
            "(Deployment risk/credit-scoring runs 1.2.0) Nothing to remediate. ");
    }

    [Fact]
    public async Task Check_with_a_store_that_does_not_exist_is_an_input_error()
    {
        using var folder = new TempFolder();

        var result = await CliRunner.RunAsync("check", RepositoryPaths.InRepository("examples", "governance"), "--store", folder["missing.duckdb"]);

        result.ExitCode.Should().Be(2);
        result.Error.Should().Contain("missing.duckdb: no Steward store");
        File.Exists(folder["missing.duckdb"]).Should().BeFalse();
    }

    /// <summary>
    /// examples/governance in a new Git repository with two commits: the credit-scoring Deployment at 1.2.0,
    /// then as shipped (1.3.0). Returns the folder and the shipped manifest text.
    /// </summary>
    private static (string Gov, string Shipped) ExampleWithHistory(TempFolder folder)
    {
        var gov = folder["governance"];
        var example = RepositoryPaths.InRepository("examples", "governance");
        foreach (var file in Directory.EnumerateFiles(example, "*", SearchOption.AllDirectories))
        {
            var target = Path.Combine(gov, Path.GetRelativePath(example, file));
            Directory.CreateDirectory(Path.GetDirectoryName(target)!);
            File.Copy(file, target);
        }
        var manifest = Path.Combine(gov, Manifest);
        var shipped = File.ReadAllText(manifest);
        shipped.Should().Contain("steward.dev/model-version: 1.3.0").And.Contain(Image130);

        LibGit2Sharp.Repository.Init(gov);
        using var git = new LibGit2Sharp.Repository(gov);
        File.WriteAllText(manifest, shipped
            .Replace("steward.dev/model-version: 1.3.0", "steward.dev/model-version: 1.2.0", StringComparison.Ordinal)
            .Replace(Image130, Image120, StringComparison.Ordinal));
        LibGit2Sharp.Commands.Stage(git, "*");
        git.Commit("Deploy credit-scoring 1.2.0", Author, Author);
        File.WriteAllText(manifest, shipped);
        LibGit2Sharp.Commands.Stage(git, "*");
        git.Commit("Deploy credit-scoring 1.3.0", Author, Author);
        return (gov, shipped);
    }

    private static string Text(Commit commit, string path) => ((Blob)commit[path].Target).GetContentText();

    private static Dictionary<string, JsonElement> MonitorFindings(string checkJson)
    {
        using var json = JsonDocument.Parse(checkJson);
        return json.RootElement.GetProperty("findings").EnumerateArray()
            .Where(f => f.GetProperty("ruleId").GetString()!.StartsWith("monitor/", StringComparison.Ordinal))
            .ToDictionary(f => f.GetProperty("ruleId").GetString()!, f => f.Clone());
    }
}

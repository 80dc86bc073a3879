using System.Text.Json;
using LibGit2Sharp;
using Steward.Core.Storage;
using Steward.TestSupport;

namespace Steward.Cli.Tests.Canary;

/// <summary>
/// Issue 19: an end-to-end canary from two versions' inference logs (examples/canary/inference-logs, ingested
/// with <c>steward ingest inferences</c> into a real DuckDB or PostgreSQL store) to the JSON verdict an Argo
/// Rollouts web metric reads, and the rollback a Failed verdict commits with <c>--remediate</c>.
/// The expected per-interval values were computed once with pandas 1.5.3 and scipy 1.10.1 from the CSV files
/// (rows in [10:00, 10:10), grouped by minute since --since: mean latency_ms, mean of error == true,
/// 1000 × sum(cost_usd) / rows, scipy.stats.ks_2samp(all baseline scores, the minute's scores).statistic,
/// and max − min over group of mean(prediction)); the judgement's means are the means of those ten values.
/// </summary>
public sealed class CanaryStoreCommandTests
{
    private static string Example(params string[] path) => RepositoryPaths.InRepository(["examples", "canary", .. path]);

    private static async Task Ingest(string store)
    {
        foreach (var version in new[] { "1.0.0", "1.1.0" })
        {
            var ingest = await CliRunner.RunAsync("ingest", "inferences", "--model", "scoring", "--version", version,
                Example("inference-logs", $"scoring-{version}.csv"), "--store", store);
            ingest.ExitCode.Should().Be(0, ingest.Error);
        }
    }

    private static string[] JudgeArguments(string store, params string[] more) =>
    [
        "canary", "judge", "--store", store, "--model", "scoring", "--baseline-version", "1.0.0", "--canary-version", "1.1.0",
        "--since", "2026-12-01T10:00:00Z", "--until", "2026-12-01T10:10:00Z", "--config", Example("inference-canary.yaml"),
        "--drift-column", "score", "--protected-attribute", "group", "--prediction-column", "prediction", .. more,
    ];

    [Theory]
    [MemberData(nameof(TestStores.Engines), MemberType = typeof(TestStores))]
    public async Task Two_versions_inference_logs_give_an_argo_readable_failed_verdict(StoreEngine engine)
    {
        using var store = TestStore.Create(engine);
        await Ingest(store.Address);

        var result = await CliRunner.RunAsync(JudgeArguments(store.Address, "--format", "json"));

        result.ExitCode.Should().Be(1, result.Error);
        using var json = JsonDocument.Parse(result.Out);
        var root = json.RootElement;
        root.GetProperty("verdict").GetString().Should().Be("Failed");
        // latency (40) and drift (10) are High; errors (20), cost (20), fairness (10) pass: 20 + 20 + 10 = 50.
        root.GetProperty("score").GetDouble().Should().Be(50.0);
        var metrics = root.GetProperty("metrics").EnumerateArray().ToDictionary(m => m.GetProperty("name").GetString()!);
        metrics.Select(m => (m.Key, m.Value.GetProperty("classification").GetString())).Should().Equal(
            ("cost_per_1k_usd", "Pass"), ("demographic_parity_difference", "Pass"), ("drift_ks", "High"), ("error_rate", "Pass"), ("latency_ms", "High"));

        // Ten one-minute intervals each side (the row at 09:59 and the one at 10:10 are outside the period).
        void Means(string metric, double baseline, double canary)
        {
            var m = metrics[metric];
            m.GetProperty("baseline").GetProperty("count").GetInt32().Should().Be(10, metric);
            m.GetProperty("canary").GetProperty("count").GetInt32().Should().Be(10, metric);
            m.GetProperty("baseline").GetProperty("mean").GetDouble().Should().BeApproximately(baseline, 1e-9, metric);
            m.GetProperty("canary").GetProperty("mean").GetDouble().Should().BeApproximately(canary, 1e-9, metric);
        }
        Means("latency_ms", 104.9, 134.8833333333333);
        Means("error_rate", 0.05, 0.05);
        Means("cost_per_1k_usd", 2.1333333333333337, 2.1333333333333337);
        // Baseline minutes against the whole baseline: 0.2 on average; the canary's scores (0.90-0.99) against it: 0.9033.
        Means("drift_ks", 0.2, 0.9033333333333333);
        Means("demographic_parity_difference", 0.4333333333333333, 0.4333333333333333);
        metrics["drift_ks"].GetProperty("baseline").GetProperty("max").GetDouble().Should().BeApproximately(0.2833333333333333, 1e-9);
        metrics["drift_ks"].GetProperty("canary").GetProperty("min").GetDouble().Should().BeApproximately(0.9, 1e-9);
    }

    [Fact]
    public async Task Without_the_drift_and_fairness_columns_those_metrics_have_no_data_and_without_until_the_log_runs_to_its_end()
    {
        using var store = TestStore.Create(StoreEngine.DuckDb);
        await Ingest(store.Address);

        var result = await CliRunner.RunAsync(
            "canary", "judge", "--store", store.Address, "--model", "scoring", "--baseline-version", "1.0.0", "--canary-version", "1.1.0",
            "--since", "2026-12-01T10:00:00Z", "--interval", "5m", "--config", Example("inference-canary.yaml"), "--format", "json");

        result.ExitCode.Should().Be(1, result.Error);
        using var json = JsonDocument.Parse(result.Out);
        var metrics = json.RootElement.GetProperty("metrics").EnumerateArray().ToDictionary(m => m.GetProperty("name").GetString()!);
        metrics["drift_ks"].GetProperty("classification").GetString().Should().Be("NoData");
        metrics["demographic_parity_difference"].GetProperty("classification").GetString().Should().Be("NoData");
        // Three five-minute intervals: baseline latency means (pandas, minutes 0-4 and 5-9) 104.8 and 105.0, and
        // the interval from 10:10 with its single row at 10:10:00, 100 + (10 × 7 + 0) mod 11 = 104.
        var latency = metrics["latency_ms"].GetProperty("baseline");
        latency.GetProperty("count").GetInt32().Should().Be(3);
        latency.GetProperty("min").GetDouble().Should().BeApproximately(104.0, 1e-9);
        latency.GetProperty("max").GetDouble().Should().BeApproximately(105.0, 1e-9);
    }

    [Theory]
    [InlineData("--since", "yesterday", "steward: --since: 'yesterday' is not a date (use e.g. 2026-01-31 or 2026-01-31T12:00:00Z)\n")]
    [InlineData("--interval", "5 minutes", "steward: --interval: '5 minutes' is not an interval of at most a day (use e.g. 30s, 5m or 1h)\n")]
    [InlineData("--canary-version", "1.0.0", "steward: --canary-version: '1.0.0' is the baseline version too; the canary must be another version\n")]
    public async Task Bad_input_is_exit_2_with_one_line(string option, string value, string message)
    {
        using var store = TestStore.Create(StoreEngine.DuckDb);
        await Ingest(store.Address);
        var arguments = JudgeArguments(store.Address).ToList();
        var at = arguments.IndexOf(option);
        if (at >= 0) arguments[at + 1] = value;
        else arguments.AddRange([option, value]);

        var result = await CliRunner.RunAsync([.. arguments]);

        result.ExitCode.Should().Be(2);
        result.Out.Should().BeEmpty();
        result.Error.Should().Be(message);
    }

    // 200,000 one-second intervals from 10:00:00 end at 10:00:00 + 55 h 33 min 20 s = 2026-12-03T17:33:20Z.
    [Theory]
    [InlineData("2026-12-03T17:33:20Z", null)]
    [InlineData("2026-12-03T17:33:21Z", "steward: --interval 1s: --since 2026-12-01T10:00:00Z to --until 2026-12-03T17:33:21Z is 200,001 intervals, more than the 200,000 a judgement derives; give a longer --interval or a shorter period\n")]
    [InlineData("2027-12-01T10:00:00Z", "steward: --interval 1s: --since 2026-12-01T10:00:00Z to --until 2027-12-01T10:00:00Z is 31,536,000 intervals, more than the 200,000 a judgement derives; give a longer --interval or a shorter period\n")]
    public async Task A_period_of_more_intervals_than_the_bound_is_exit_2_naming_the_flag_and_the_limit(string until, string? message)
    {
        using var store = TestStore.Create(StoreEngine.DuckDb);
        await Ingest(store.Address);
        var arguments = JudgeArguments(store.Address, "--interval", "1s", "--format", "json").ToList();
        arguments[arguments.IndexOf("--until") + 1] = until;

        var result = await CliRunner.RunAsync([.. arguments]);

        if (message is null)
        {
            // At the bound the judgement runs: ten minutes of one-second intervals, one row each.
            result.ExitCode.Should().NotBe(2, result.Error);
            using var json = JsonDocument.Parse(result.Out);
            json.RootElement.GetProperty("verdict").GetString().Should().NotBeNull();
            return;
        }
        result.ExitCode.Should().Be(2);
        result.Out.Should().BeEmpty();
        result.Error.Should().Be(message);
    }

    [Fact]
    public async Task Without_until_a_log_that_runs_past_the_bound_is_refused_at_its_first_inference_beyond_it()
    {
        using var store = TestStore.Create(StoreEngine.DuckDb);
        await Ingest(store.Address);
        string[] Arguments(string interval) =>
        [
            "canary", "judge", "--store", store.Address, "--model", "scoring", "--baseline-version", "1.0.0", "--canary-version", "1.1.0",
            "--since", "2026-11-29T00:00:00Z", "--interval", interval, "--config", Example("inference-canary.yaml"), "--format", "json",
        ];

        // The first logged inference, 2026-12-01T09:59:00Z, is 2 d 9 h 59 min = 208,740 s after --since: interval 208,740 of 1s.
        var refused = await CliRunner.RunAsync(Arguments("1s"));
        refused.ExitCode.Should().Be(2);
        refused.Out.Should().BeEmpty();
        refused.Error.Should().Be("steward: --interval 1s: the inference log from --since 2026-11-29T00:00:00Z runs past 200,000 intervals (an inference at 2026-12-01T09:59:00Z); give --until, a later --since or a longer --interval\n");

        // In 2s intervals the last, 2026-12-01T10:10:00Z (209,400 s), falls in interval 104,700: within the bound.
        var judged = await CliRunner.RunAsync(Arguments("2s"));
        judged.ExitCode.Should().NotBe(2, judged.Error);
        using var json = JsonDocument.Parse(judged.Out);
        var latency = json.RootElement.GetProperty("metrics").EnumerateArray().Single(m => m.GetProperty("name").GetString() == "latency_ms");
        // The baseline's 62 rows (09:59:00, every 10 s from 10:00:00 to 10:10:00; Python's csv module) each fall in
        // their own 2 s interval, each with a latency: 62 observations.
        latency.GetProperty("baseline").GetProperty("count").GetInt32().Should().Be(62);
    }

    private static readonly Signature Author = new("Dev", "dev@example.com", new DateTimeOffset(2026, 11, 1, 9, 0, 0, TimeSpan.Zero));

    private static string Model(string version) => $$"""
        apiVersion: steward.dev/v1alpha1
        kind: ModelVersion
        metadata:
          name: scoring-{{version}}
        spec:
          model: scoring
          version: "{{version}}"
          license: Apache-2.0
        """;

    private static string Deployment(string version) => $$"""
        apiVersion: apps/v1
        kind: Deployment
        metadata:
          name: scoring
          namespace: risk
          labels:
            team: risk
            cost-center: cc-1
        spec:
          replicas: 2
          template:
            metadata:
              labels:
                app: scoring
                steward.dev/model: scoring
                steward.dev/model-version: "{{version}}"
            spec:
              containers:
                - name: api
                  image: registry.example.com/scoring:{{version}}
                  resources:
                    requests: {cpu: 500m, memory: 1Gi}
                    limits: {cpu: "1", memory: 2Gi}
        """;

    [Fact]
    public async Task A_failed_canary_with_remediate_commits_the_rollback_of_its_version_in_git()
    {
        using var folder = new TempFolder();
        var work = Path.Combine(folder.Path, "work");
        LibGit2Sharp.Repository.Init(work);
        using (var git = new LibGit2Sharp.Repository(work))
        {
            folder.Write("work/gov/steward.yaml", "apiVersion: steward.dev/v1alpha1\nkind: Settings\n");
            folder.Write("work/gov/models/scoring-1.0.0.yaml", Model("1.0.0"));
            folder.Write("work/gov/manifests/scoring.yaml", Deployment("1.0.0"));
            LibGit2Sharp.Commands.Stage(git, "*");
            git.Commit("Deploy scoring 1.0.0", Author, Author);
            folder.Write("work/gov/models/scoring-1.1.0.yaml", Model("1.1.0"));
            folder.Write("work/gov/manifests/scoring.yaml", Deployment("1.1.0"));
            LibGit2Sharp.Commands.Stage(git, "*");
            git.Commit("Canary scoring 1.1.0", Author, Author);
        }
        using var store = TestStore.Create(StoreEngine.DuckDb);
        await Ingest(store.Address);

        var result = await CliRunner.RunAsync(JudgeArguments(store.Address, "--format", "json", "--remediate", Path.Combine(work, "gov")));

        result.ExitCode.Should().Be(1, result.Error);
        using var json = JsonDocument.Parse(result.Out);
        json.RootElement.GetProperty("verdict").GetString().Should().Be("Failed");
        var remediation = json.RootElement.GetProperty("remediation");
        remediation.GetProperty("skipped").GetArrayLength().Should().Be(0);
        var rollback = remediation.GetProperty("rollbacks").EnumerateArray().Single();
        rollback.GetProperty("title").GetString().Should().Be("roll Deployment risk/scoring back from scoring 1.1.0 to 1.0.0");
        rollback.GetProperty("status").GetString().Should().Be("created");

        using var repo = new LibGit2Sharp.Repository(work);
        var branch = repo.Branches[rollback.GetProperty("branch").GetString()];
        branch.Tip.Sha.Should().Be(rollback.GetProperty("commit").GetString());
        branch.Tip.Parents.Single().Sha.Should().Be(repo.Head.Tip.Sha);
        var patch = repo.Diff.Compare<Patch>(repo.Head.Tip.Tree, branch.Tip.Tree);
        patch.Content.Should().Contain("-        steward.dev/model-version: \"1.1.0\"").And.Contain("+        steward.dev/model-version: \"1.0.0\"")
            .And.Contain("+          image: registry.example.com/scoring:1.0.0");
        branch.Tip.Message.Should().StartWith("steward: roll Deployment risk/scoring back from scoring 1.1.0 to 1.0.0\n")
            .And.Contain("Finding: canary/failed (error)")
            .And.Contain("canary scoring 1.1.0 failed its analysis: score 50 below the marginal threshold 75 (drift_ks High, latency_ms High)");

        // The commit is on the audit trail of the store; a second run proposes the same branch again.
        var again = await CliRunner.RunAsync(JudgeArguments(store.Address, "--remediate", Path.Combine(work, "gov")));
        again.ExitCode.Should().Be(1, again.Error);
        again.Out.Should().Contain($"Remediation: roll Deployment risk/scoring back from scoring 1.1.0 to 1.0.0: branch {branch.FriendlyName} already proposed, unchanged");
        var log = await CliRunner.RunAsync("audit", "log", "--store", store.Address, "--format", "json");
        log.Out.Split('\n', StringSplitOptions.RemoveEmptyEntries).Select(l => JsonDocument.Parse(l).RootElement.GetProperty("type").GetString())
            .Should().Equal("remediation");
    }

    [Fact]
    public async Task A_successful_canary_with_remediate_changes_nothing()
    {
        using var folder = new TempFolder();
        var work = Path.Combine(folder.Path, "work");
        LibGit2Sharp.Repository.Init(work);
        using (var git = new LibGit2Sharp.Repository(work))
        {
            folder.Write("work/gov/steward.yaml", "apiVersion: steward.dev/v1alpha1\nkind: Settings\n");
            folder.Write("work/gov/manifests/scoring.yaml", Deployment("1.1.0"));
            LibGit2Sharp.Commands.Stage(git, "*");
            git.Commit("Canary scoring 1.1.0", Author, Author);
        }

        var result = await CliRunner.RunAsync("canary", "judge", "--baseline", Example("baseline.csv"), "--canary", Example("canary-good.csv"),
            "--config", Example("canary.yaml"), "--model", "scoring", "--canary-version", "1.1.0", "--remediate", Path.Combine(work, "gov"), "--format", "json");

        result.ExitCode.Should().Be(0, result.Error);
        using var json = JsonDocument.Parse(result.Out);
        json.RootElement.GetProperty("verdict").GetString().Should().Be("Successful");
        json.RootElement.TryGetProperty("remediation", out _).Should().BeFalse();
        using var repo = new LibGit2Sharp.Repository(work);
        repo.Branches.Should().NotContain(b => b.FriendlyName.StartsWith("steward/", StringComparison.Ordinal));
    }
}

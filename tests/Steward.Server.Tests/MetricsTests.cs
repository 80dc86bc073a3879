using System.Globalization;
using Steward.Core.Alignment.Ingest;
using Steward.Core.FinOps;
using Steward.Core.FinOps.Usage;
using Steward.Core.Governance;
using Steward.Core.Policy;
using Steward.Core.Policy.Checks;
using Steward.Core.Policy.Rego;
using Steward.Core.Storage;
using Steward.Server.Tests.Support;
using Steward.TestSupport;

namespace Steward.Server.Tests;

/// <summary>/metrics scraped over HTTP and parsed; the values are the ones computed here, independently of the server.</summary>
public sealed class MetricsTests
{
    private sealed class FixedClock(DateTimeOffset now) : TimeProvider
    {
        public override DateTimeOffset GetUtcNow() => now;
    }

    private static async Task<IReadOnlyDictionary<string, double>> Scrape(RunningServer server) =>
        MetricsText.Parse(await server.GetTextAsync("/metrics"));

    [Fact]
    public async Task Findings_per_rule_and_severity_are_those_of_the_check_runner_and_the_revision_is_labelled()
    {
        using var temp = new TempFolder();
        var folder = RepositoryPaths.InRepository("examples", "governance");
        await using var server = await RunningServer.StartAsync(new ServeOptions { Repository = folder, Store = temp["store/steward.duckdb"] });

        // What `steward check` finds: the built-in checks and the example's policies.
        var expected = new CheckRunner(BuiltInChecks.All, new RegoPolicyEvaluator()).Run(RepositoryLoader.LoadFolder(folder), cancellationToken: TestContext.Current.CancellationToken).Findings
            .GroupBy(f => $"rule=\"{f.RuleId}\",severity=\"{f.Severity.ToString().ToLowerInvariant()}\"")
            .ToDictionary(g => g.Key, g => (double)g.Count());
        expected.Should().NotBeEmpty();

        await server.GetTextAsync("/healthz");
        // Request metrics of prometheus-net: the one /healthz call, counted once its response is complete.
        const string healthz = "http_request_duration_seconds_count{code=\"200\",method=\"GET\",controller=\"\",action=\"\",endpoint=\"/healthz\"}";
        var metrics = await Eventually.Until(() => Scrape(server), m => m.ContainsKey(healthz), "the /healthz request in /metrics");
        metrics[healthz].Should().Be(1);
        MetricsText.Of(metrics, "steward_findings").Should().BeEquivalentTo(expected);
        var revision = (await server.GetTextAsync("/readyz"))["ok: revision ".Length..].Trim();
        MetricsText.Of(metrics, "steward_repository_info").Should().BeEquivalentTo(new Dictionary<string, double> { [$"revision=\"{revision}\""] = 1 });
        metrics["steward_sync_failures_total"].Should().Be(0);
        metrics["steward_sync_failing"].Should().Be(0);
    }

    /// <summary>
    /// The usage of <see cref="UsageFixture"/> (2026-11-01 00:00–02:00) and its two budgets. Allocated spend,
    /// from pandas (see BudgetEvaluatorTests): ml 12.17266678298759, payments 0.14327317655158753; amounts 100 and 50:
    /// ml 12.17266678298759 / 100 = 0.1217266678298759, payments 0.14327317655158753 / 50 = 0.0028654635310317506.
    /// </summary>
    [Fact]
    public async Task Budget_utilisation_is_this_months_allocated_spend_over_the_amount()
    {
        using var temp = new TempFolder();
        var (repo, usage) = UsageFixture.Write(temp);
        var storePath = temp["store/steward.duckdb"];
        using (var store = StewardStore.Open(storePath, FinOpsSchema.Module))
            new UsageImporter(store).Import([usage]);
        // 2026-11-15T12:00:00Z: the budgets' month is November 2026.
        var clock = new FixedClock(new DateTimeOffset(2026, 11, 15, 12, 0, 0, TimeSpan.Zero));
        await using var server = await RunningServer.StartAsync(new ServeOptions { Repository = repo, Store = storePath, Clock = clock });

        var metrics = await Scrape(server);
        var budgets = MetricsText.Of(metrics, "steward_budget_utilization_ratio");
        budgets.Keys.Should().BeEquivalentTo("budget=\"ml-monthly\"", "budget=\"payments-monthly\"");
        // The text exposition prints 12 decimals (0.002865463529): compared to that precision.
        budgets["budget=\"ml-monthly\""].Should().BeApproximately(0.1217266678298759, 1e-11);
        budgets["budget=\"payments-monthly\""].Should().BeApproximately(0.0028654635310317506, 1e-11);
        metrics["steward_sync_last_success_timestamp_seconds"].Should().Be(1794744000);
    }

    [Fact]
    public async Task Monitor_metrics_are_the_latest_stored_window_of_the_repositorys_monitors()
    {
        using var temp = new TempFolder();
        var storePath = temp["store/steward.duckdb"];
        using (var store = StewardStore.Open(storePath, AlignmentSchema.Module))
        {
            void Row(string monitor, string model, string version, string day, string metric, double? value) => store.Execute(
                "INSERT INTO monitor_results VALUES ($m, $model, $v, $s, $e, 600, $metric, $value, NULL, false)",
                ("m", monitor), ("model", model), ("v", version),
                ("s", DateTime.Parse(day, CultureInfo.InvariantCulture, DateTimeStyles.AdjustToUniversal | DateTimeStyles.AssumeUniversal)),
                ("e", DateTime.Parse(day, CultureInfo.InvariantCulture, DateTimeStyles.AdjustToUniversal | DateTimeStyles.AssumeUniversal).AddDays(1)),
                ("metric", metric), ("value", value));
            Row("credit-scoring", "credit-scoring", "1.3.0", "2026-11-01", "accuracy", 0.9);
            Row("credit-scoring", "credit-scoring", "1.3.0", "2026-11-01", "roc_auc", 0.91);
            Row("credit-scoring", "credit-scoring", "1.3.0", "2026-11-02", "accuracy", 0.82);
            Row("credit-scoring", "credit-scoring", "1.3.0", "2026-11-02", "roc_auc", 0.88);
            Row("credit-scoring", "credit-scoring", "1.3.0", "2026-11-02", "drift_share", null); // skipped in that window
            Row("support-chat", "support-chat", "2.1.0", "2026-10-30", "accuracy", 0.77);
            Row("retired", "old-model", "0.1.0", "2026-11-02", "accuracy", 0.5); // no such Monitor in the repository
        }
        await using var server = await RunningServer.StartAsync(new ServeOptions { Repository = RepositoryPaths.InRepository("examples", "governance"), Store = storePath });

        MetricsText.Of(await Scrape(server), "steward_monitor_metric").Should().BeEquivalentTo(new Dictionary<string, double>
        {
            ["model=\"credit-scoring\",version=\"1.3.0\",metric=\"accuracy\""] = 0.82,
            ["model=\"credit-scoring\",version=\"1.3.0\",metric=\"roc_auc\""] = 0.88,
            ["model=\"support-chat\",version=\"2.1.0\",metric=\"accuracy\""] = 0.77,
        });
    }
}

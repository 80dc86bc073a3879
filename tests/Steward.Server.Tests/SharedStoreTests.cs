using System.Net;
using System.Net.Http.Headers;
using System.Text.Json;
using Microsoft.Extensions.DependencyInjection;
using Steward.Core.Application;
using Steward.Core.FinOps;
using Steward.Core.Storage;
using Steward.Server.Loop;
using Steward.Server.Tests.Ingestion;
using Steward.Server.Tests.Support;
using Steward.TestSupport;

namespace Steward.Server.Tests;

/// <summary>
/// Issue 17: two <c>steward serve</c> replicas on one PostgreSQL store (a real throw-away server,
/// <see cref="PostgresServer"/>). Both run the control loop at once and their audit entries form one chain
/// that <c>steward audit verify</c> accepts; /metrics of either replica reads the shared store; both ingest
/// the same batch at once and it is stored once. A DuckDB store held by another process stays a clear exit 2.
/// </summary>
public sealed class SharedStoreTests
{
    private static CancellationToken Cancel => TestContext.Current.CancellationToken;

    /// <summary>examples/governance without its Monitors: the loop's steps that read only what this test stores.</summary>
    private static string Governance(TempFolder temp)
    {
        var governance = temp["governance"];
        GitFixture.CopyFolder(RepositoryPaths.InRepository("examples", "governance"), governance);
        Directory.Delete(Path.Combine(governance, "monitors"), recursive: true);
        return governance;
    }

    private static async Task<(RunningServer A, RunningServer B)> TwoReplicas(TempFolder temp, string store)
    {
        var options = new ServeOptions
        {
            Repository = Governance(temp),
            Store = store,
            TokenFile = IngestionServer.WriteTokenFile(temp),
            // Runs only when the test asks.
            Interval = TimeSpan.FromHours(1),
        };
        var a = await RunningServer.StartAsync(options with { Identity = "replica-a" });
        try
        {
            return (a, await RunningServer.StartAsync(options with { Identity = "replica-b" }));
        }
        catch
        {
            await a.DisposeAsync();
            throw;
        }
    }

    [Fact]
    public async Task Two_replicas_running_the_loop_at_once_write_one_audit_chain_and_read_the_same_metrics()
    {
        using var temp = new TempFolder();
        var store = PostgresServer.Shared.CreateDatabase();
        var (a, b) = await TwoReplicas(temp, store);
        await using (a)
        await using (b)
        {
            a.Services.GetRequiredService<LoopTrigger>().Request("hook");
            b.Services.GetRequiredService<LoopTrigger>().Request("hook");
            var runA = await Eventually.Until(() => Loop(a), r => r.Status == 200, "replica a's run in GET /api/v1/loop");
            var runB = await Eventually.Until(() => Loop(b), r => r.Status == 200, "replica b's run in GET /api/v1/loop");

            // Each run: its steps (check, monitors skipped, budgets, cost-anomalies, remediation), one loop-step
            // entry each, after the check's verdict and one entry per finding (each replica records its check once).
            var steps = Steps(runA.Body);
            steps.Select(s => s.Step).Should().Equal("check", "monitors", "budgets", "cost-anomalies", "remediation");
            Steps(runB.Body).Select(s => s.Step).Should().Equal(steps.Select(s => s.Step));
            var findings = steps[0].Findings;
            var expected = 2 * (1 + findings + steps.Count);

            var (code, output, error) = await ServerTestSupport.RunCliAsync("audit", "verify", "--store", store);
            code.Should().Be(0, error + output);
            var entries = new StewardApplication().Audit.Entries(store);
            entries.Should().HaveCount(expected);
            entries.Select(e => e.Sequence).Should().Equal(Enumerable.Range(1, expected).Select(n => (long)n));
            entries.Count(e => e.Type == "check").Should().Be(2);
            entries.Count(e => e.Type == "loop-step").Should().Be(2 * steps.Count);

            // Both replicas read the one store: the same audit log size on either's /metrics.
            foreach (var replica in new[] { a, b })
                MetricsText.Parse(await replica.GetTextAsync("/metrics"))["steward_audit_log_entries"].Should().Be(expected);
        }
    }

    [Fact]
    public async Task Two_replicas_ingesting_one_batch_at_once_store_it_once()
    {
        Assert.SkipUnless(FinOpsSchema.Module.PostgresMigrations.Count > 0, "the FOCUS importer has no PostgreSQL store port yet (#17, cost ledger)");
        using var temp = new TempFolder();
        var store = PostgresServer.Shared.CreateDatabase();
        var (a, b) = await TwoReplicas(temp, store);
        await using (a)
        await using (b)
        {
            var path = RepositoryPaths.InShared("data", "focus", "focus_sample.csv");
            var (rows, _) = FocusCsv.RowsAndBilledCost(path);
            var body = await File.ReadAllBytesAsync(path, Cancel);

            var answers = await Task.WhenAll(new[] { a, b }.Select(async replica =>
            {
                using var client = replica.Client();
                using var request = new HttpRequestMessage(HttpMethod.Post, "/api/v1/costs") { Content = new ByteArrayContent(body) };
                request.Content.Headers.ContentType = new MediaTypeHeaderValue("text/csv");
                request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", IngestionServer.IngestToken);
                request.Headers.Add("Idempotency-Key", "focus-2024-09");
                using var response = await client.SendAsync(request, Cancel);
                var text = await response.Content.ReadAsStringAsync(Cancel);
                response.StatusCode.Should().Be(HttpStatusCode.OK, text);
                return JsonDocument.Parse(text).RootElement.Clone();
            }));

            // One replica stored every row; the other answered with the same import, as a duplicate.
            answers.Select(j => (j.GetProperty("accepted").GetInt64(), j.GetProperty("duplicate").GetBoolean()))
                .Should().BeEquivalentTo([(rows, false), (0L, true)]);
            answers[0].GetProperty("importId").GetInt64().Should().Be(answers[1].GetProperty("importId").GetInt64());
            using var opened = Stores.Open(store);
            Convert.ToInt64(opened.Scalar("SELECT count(*) FROM cost_focus"), System.Globalization.CultureInfo.InvariantCulture).Should().Be(rows);
            Convert.ToInt64(opened.Scalar("SELECT count(*) FROM ingest_batches"), System.Globalization.CultureInfo.InvariantCulture).Should().Be(1);
        }
    }

    [Fact]
    public async Task A_DuckDB_store_held_by_another_process_is_a_clear_exit_2()
    {
        using var temp = new TempFolder();
        var store = temp["store/steward.duckdb"];
        var (created, _, createError) = await ServerTestSupport.RunCliAsync("check", RepositoryPaths.InRepository("examples", "governance"), "--audit", "--store", store);
        created.Should().BeOneOf([0, 1], createError);

        using (StoreLockHolder.Start(store))
        {
            var (code, output, error) = await ServerTestSupport.RunCliAsync("audit", "verify", "--store", store);
            code.Should().Be(2, output);
            // One line naming the store and DuckDB's reason (another process holds its lock), no stack trace.
            error.Trim().Should().StartWith($"steward: {store}: cannot open the Steward store:").And.Contain("lock").And.NotContain("   at ");
        }
    }

    private static async Task<(int Status, string Body)> Loop(RunningServer server)
    {
        using var client = server.Client();
        using var request = new HttpRequestMessage(HttpMethod.Get, "/api/v1/loop");
        request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", IngestionServer.ReadToken);
        using var response = await client.SendAsync(request, Cancel);
        return ((int)response.StatusCode, await response.Content.ReadAsStringAsync(Cancel));
    }

    private static List<(string Step, int Findings)> Steps(string loopJson)
    {
        using var json = JsonDocument.Parse(loopJson);
        return [.. json.RootElement.GetProperty("steps").EnumerateArray()
            .Select(s => (s.GetProperty("step").GetString()!, s.GetProperty("findings").GetArrayLength()))];
    }
}

using Steward.Core.Application;
using Steward.Core.Application.Costs;
using Steward.Core.Application.Loop;
using Steward.Core.FinOps.Allocation;
using Steward.Core.FinOps.Usage;
using Steward.Core.FinOps.Usage.Prometheus;
using Steward.Core.Governance;
using Steward.Core.Storage;
using Steward.TestSupport;

namespace Steward.Core.Tests.FinOps.Usage.Prometheus;

/// <summary>
/// The serve loop's Prometheus source, run through <see cref="ControlLoop.RunOnceAsync"/> against Debian's
/// real Prometheus over <see cref="PrometheusUsageFixture"/> (samples 2026-11-01 00:00–01:00 UTC), with
/// 30-minute windows and one window per query (so every run crosses chunks).
/// </summary>
public sealed class PrometheusUsageStepTests : IDisposable
{
    private static readonly DateTime T0 = PrometheusUsageFixture.Start;
    private readonly TempFolder temp = new();

    public void Dispose() => temp.Dispose();

    private LoopContext Context(GovernanceRepository repository, DateTime? since, DateTime until) => new()
    {
        Repository = repository,
        RepositoryRoot = temp["repo"],
        RevisionId = "test",
        Store = temp["store.duckdb"],
        Since = since is { } s ? new DateTimeOffset(s) : null,
        Until = new DateTimeOffset(until),
    };

    private PrometheusUsageStep Step(string url) =>
        new(new StewardApplication().UsageImport, new PrometheusConnection(url), TimeSpan.FromMinutes(30))
        {
            MaxBackfill = TimeSpan.FromMinutes(70),
            ChunkWindows = 1,
        };

    [Fact]
    public async Task Each_run_imports_the_windows_closed_since_the_last_and_settles_the_one_before()
    {
        var ct = TestContext.Current.CancellationToken;
        using var prometheus = await PrometheusServer.StartAsync(PrometheusUsageFixture.OpenMetrics(), cancellationToken: ct);
        var repository = RepositoryLoader.LoadFolder(PrometheusUsageFixture.Write(temp));
        var loop = new ControlLoop();
        var step = Step(prometheus.Url);

        // First run at 01:10, no previous run: the whole windows of the last 70 minutes (MaxBackfill), since 00:00:
        // 00:00–00:30 and 00:30–01:00.
        var first = await loop.RunOnceAsync(Context(repository, null, T0.AddMinutes(70)), [step], ct);
        first.Steps.Single().Status.Should().Be(LoopStepStatus.Succeeded, first.Steps.Single().Summary + prometheus.Log);
        first.Steps.Single().Summary.Should().Be(
            $"{prometheus.Url}: imported 12 usage rows in 2 windows of 30m from 2026-11-01T00:00:00Z to 2026-11-01T01:00:00Z (import 1)");

        // Second run at 01:40 (since 01:10, floored to 01:00): the window 01:00–01:30 closed (no samples in it),
        // and the one before, 00:30–01:00, is read again: 6 rows that replace its 6.
        var second = await loop.RunOnceAsync(Context(repository, T0.AddMinutes(70), T0.AddMinutes(100)), [step], ct);
        second.Steps.Single().Status.Should().Be(LoopStepStatus.Succeeded, second.Steps.Single().Summary);
        second.Steps.Single().Summary.Should().Be(
            $"{prometheus.Url}: imported 6 usage rows in 2 windows of 30m from 2026-11-01T00:30:00Z to 2026-11-01T01:30:00Z (import 2)");

        using (var store = CostStores.OpenForRead(temp["store.duckdb"]))
        {
            var samples = UsageSample.Load(store);
            samples.Should().HaveCount(12, "each window is stored once");
            samples.GroupBy(s => (s.Pod, s.Start)).Should().AllSatisfy(g => g.Should().ContainSingle());
            // Direct cost as in PrometheusUsageImportTests: api 0.03125, web 0.0225, db 0.12, report 0.05, llm 2.74 = 2.96375;
            // idle 0.15625 + 0.15 + 1.585 + 1.585 = 3.47625.
            var allocation = CostAllocator.Allocate(samples, repository);
            allocation.UsageCost.Should().BeApproximately(2.96375m, 1e-9m);
            allocation.IdleCost.Should().BeApproximately(3.47625m, 1e-9m);
            allocation.Workloads.Single(w => w.Name == "llm").Direct.Should().BeApproximately(2.74m, 1e-9m);
            store.Imports(PrometheusUsageImporter.Kind).Select(i => i.Rows).Should().Equal(6, 6);
        }

        // A third run at 01:50 (since 01:40, floored to 01:30): only 01:00–01:30 is whole, read again; nothing in it.
        var third = await loop.RunOnceAsync(Context(repository, T0.AddMinutes(100), T0.AddMinutes(110)), [step], ct);
        third.Steps.Single().Summary.Should().Be(
            $"{prometheus.Url}: imported 0 usage rows in 1 window of 30m from 2026-11-01T01:00:00Z to 2026-11-01T01:30:00Z (import 3)");
    }

    [Fact]
    public async Task An_unreachable_server_fails_the_step_in_one_line_and_the_next_step_still_runs()
    {
        var repository = RepositoryLoader.LoadFolder(PrometheusUsageFixture.Write(temp));
        var after = new RecordingStep();

        var run = await new ControlLoop().RunOnceAsync(Context(repository, null, T0.AddMinutes(70)), [Step("http://127.0.0.1:1"), after], TestContext.Current.CancellationToken);

        run.Steps[0].Status.Should().Be(LoopStepStatus.Failed);
        run.Steps[0].Summary.Should().StartWith("Prometheus http://127.0.0.1:1: cannot reach the server: ").And.NotContain("\n");
        after.Ran.Should().BeTrue();
    }

    private sealed class RecordingStep : ILoopStep
    {
        public bool Ran { get; private set; }

        public string Name => "after";

        public Task<LoopStepOutcome> RunAsync(LoopContext context, CancellationToken cancellationToken)
        {
            Ran = true;
            return Task.FromResult(new LoopStepOutcome(Name, LoopStepStatus.Succeeded, "ran"));
        }
    }
}

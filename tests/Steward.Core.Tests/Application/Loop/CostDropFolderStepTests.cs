using Steward.Core.Application.Costs;
using Steward.Core.Application.Loop;
using Steward.Core.FinOps;
using Steward.Core.FinOps.DropFolder;
using Steward.Core.Governance;
using Steward.Core.Storage;
using Steward.Core.Tests.FinOps;
using Steward.Core.Tests.FinOps.DropFolder;
using Steward.TestSupport;
using Drop = Steward.Core.FinOps.DropFolder.DropFolder;

namespace Steward.Core.Tests.Application.Loop;

public class CostDropFolderStepTests
{
    // focus_sample.csv's BilledCost summed with Python's decimal module (see FocusImportTests).
    private const decimal SampleBilledCost = 20.52022672899m;

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    private static LoopContext Context(TempFolder temp) => new()
    {
        Repository = RepositoryLoader.LoadFolder(temp["repo"]),
        RepositoryRoot = temp["repo"],
        RevisionId = "r1",
        Store = temp["s.duckdb"],
        Until = new DateTimeOffset(2024, 10, 2, 0, 0, 0, TimeSpan.Zero),
    };

    private static decimal Billed(string store)
    {
        using var opened = StewardStore.Open(store, FinOpsSchema.Module);
        return Convert.ToDecimal(opened.Scalar("SELECT coalesce(sum(BilledCost), 0) FROM cost_focus"));
    }

    [Fact]
    public async Task A_dropped_export_is_imported_by_the_loop_run_that_sees_it_unchanged_and_only_once()
    {
        using var temp = new TempFolder();
        Directory.CreateDirectory(temp["repo"]);
        DropFolderFiles.Csv(temp["drop/2024-09/focus.csv"], DropFolderFiles.Rows(0, 1000));
        var steps = new ILoopStep[] { new CostDropFolderStep(temp["drop"]) };
        var loop = new ControlLoop();

        var first = await loop.RunOnceAsync(Context(temp), steps, Ct);
        var second = await loop.RunOnceAsync(Context(temp), steps, Ct);
        var third = await loop.RunOnceAsync(Context(temp), steps, Ct);

        first.Steps.Single().Should().Match<LoopStepOutcome>(o => o.Step == "cost-drop" && o.Status == LoopStepStatus.Succeeded && o.Summary == "1 run waiting");
        second.Steps.Single().Summary.Should().Be("2024-09 (1 file, no manifest): imported 1 file, 1,000 rows, BilledCost 20.52022672899 USD");
        third.Steps.Single().Summary.Should().Be("1 run unchanged");
        third.Succeeded.Should().BeTrue();
        Billed(temp["s.duckdb"]).Should().Be(SampleBilledCost);
    }

    [Fact]
    public async Task A_refused_export_fails_the_step_with_its_line_and_the_steps_after_it_still_run()
    {
        using var temp = new TempFolder();
        Directory.CreateDirectory(temp["repo"]);
        var bad = FocusFiles.WithValue(temp.Path, "BillingCurrency", 17, "");
        Directory.CreateDirectory(temp["drop"]);
        File.Copy(bad, temp["drop/focus.csv"]);
        var after = new CountingStep();
        var steps = new ILoopStep[] { new CostDropFolderStep(temp["drop"]), after };
        var loop = new ControlLoop();

        await loop.RunOnceAsync(Context(temp), steps, Ct);
        var run = await loop.RunOnceAsync(Context(temp), steps, Ct);

        var outcome = run.Steps[0];
        outcome.Status.Should().Be(LoopStepStatus.Failed);
        outcome.Summary.Should().Contain("focus.csv: row 17 (line 18), column BillingCurrency: value is empty");
        after.Runs.Should().Be(2);
        Billed(temp["s.duckdb"]).Should().Be(0m);
    }

    [Fact]
    public async Task Watching_imports_a_file_dropped_after_the_watch_started()
    {
        using var temp = new TempFolder();
        Directory.CreateDirectory(temp["drop"]);
        var scanned = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        var imported = new TaskCompletionSource<DropRunOutcome>(TaskCreationOptions.RunContinuationsAsynchronously);
        using var stop = CancellationTokenSource.CreateLinkedTokenSource(Ct);
        var watching = new CostDropFolderService().WatchAsync(temp["s.duckdb"], new Drop(temp["drop"]),
            pollInterval: TimeSpan.FromMilliseconds(200), settle: TimeSpan.FromMilliseconds(100), report: pass =>
            {
                scanned.TrySetResult();
                foreach (var run in pass.Runs.Where(r => r.Status == DropRunStatus.Imported))
                    imported.TrySetResult(run);
            }, progress: null, stop.Token);

        // The bounds below only detect a hang; nothing is asserted about time.
        await scanned.Task.WaitAsync(TimeSpan.FromMinutes(2), Ct);
        // Written under a temporary name and renamed, as sync tools do.
        var partial = DropFolderFiles.Csv(temp["drop/focus.csv.partial"], DropFolderFiles.Rows(0, 1000));
        File.Move(partial, temp["drop/focus.csv"]);
        var outcome = await imported.Task.WaitAsync(TimeSpan.FromMinutes(2), Ct);
        await stop.CancelAsync();
        try { await watching; } catch (OperationCanceledException) { }

        outcome.Line.Should().EndWith("imported 1 file, 1,000 rows, BilledCost 20.52022672899 USD");
        Billed(temp["s.duckdb"]).Should().Be(SampleBilledCost);
    }

    private sealed class CountingStep : ILoopStep
    {
        public int Runs { get; private set; }

        public string Name => "counting";

        public Task<LoopStepOutcome> RunAsync(LoopContext context, CancellationToken cancellationToken)
        {
            Runs++;
            return Task.FromResult(new LoopStepOutcome(Name, LoopStepStatus.Succeeded, "ran"));
        }
    }
}

using Steward.Core.Application.Ingestion;
using Steward.Core.Application.Loop;
using Steward.Core.GitOps.Audit;
using Steward.Core.Governance;
using Steward.Core.Storage;
using Steward.TestSupport;

namespace Steward.Core.Tests.Application.Loop;

/// <summary>
/// A loop step that writes a DuckDB store through its own services runs in a turn of the store's writer:
/// an ingestion batch that arrives meanwhile waits for the step instead of meeting it on the file, and
/// the step's own writes through the writer run in its turn (a second turn would never come).
/// </summary>
public class StoreTurnStepTests
{
    private sealed class GateStep(Func<Task> body) : ILoopStep
    {
        public string Name => "gate";

        public async Task<LoopStepOutcome> RunAsync(LoopContext context, CancellationToken cancellationToken)
        {
            await body();
            return new LoopStepOutcome(Name, LoopStepStatus.Succeeded, "ran");
        }
    }

    [Fact]
    public async Task An_ingestion_batch_waits_for_a_step_that_holds_the_turn()
    {
        using var target = TestStore.Create(StoreEngine.DuckDb);
        var writer = StoreWriter.For(target.Address);
        using var entered = new SemaphoreSlim(0);
        using var release = new SemaphoreSlim(0);
        var repository = RepositoryPaths.InRepository("examples", "governance");
        var context = new LoopContext
        {
            Repository = RepositoryLoader.LoadFolder(repository),
            RepositoryRoot = repository,
            RevisionId = "r",
            Store = target.Address,
            Until = new DateTimeOffset(2026, 12, 2, 12, 0, 0, TimeSpan.Zero),
        };
        var step = new StoreTurnStep(new GateStep(async () =>
        {
            writer.HeldHere.Should().BeTrue();
            // A write of the step's own run goes through in the step's turn.
            writer.Write(store => new StoreAuditStore(store).Head()).Should().BeNull();
            entered.Release();
            await release.WaitAsync(TestContext.Current.CancellationToken);
        }), writer);

        var run = Task.Run(() => step.RunAsync(context, TestContext.Current.CancellationToken), TestContext.Current.CancellationToken);
        await entered.WaitAsync(TestContext.Current.CancellationToken);
        var batch = writer.WriteAsync(store => store.Imports().Count, TestContext.Current.CancellationToken);

        batch.IsCompleted.Should().BeFalse("the step holds the DuckDB store's one turn");
        writer.Queued.Should().Be(1);
        release.Release();
        (await run).Summary.Should().Be("ran");
        (await batch).Should().Be(0);
        writer.Queued.Should().Be(0);
        writer.HeldHere.Should().BeFalse();
    }
}

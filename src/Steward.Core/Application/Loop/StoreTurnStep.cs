using Steward.Core.Application.Ingestion;

namespace Steward.Core.Application.Loop;

/// <summary>
/// A control-loop step that writes the store through services that open it themselves (monitors, a usage
/// or cost import), run in a turn of the process's store writer (<see cref="StoreWriter"/>): on a DuckDB
/// file, which has one writer, the step and the ingestion API's batches take turns instead of meeting on
/// the file; on PostgreSQL the turn is one of a few, and the store's locks order the rest.
/// </summary>
public sealed class StoreTurnStep(ILoopStep inner, StoreWriter writer) : ILoopStep
{
    public string Name => inner.Name;

    /// <summary>The step this one runs.</summary>
    public ILoopStep Inner => inner;

    public async Task<LoopStepOutcome> RunAsync(LoopContext context, CancellationToken cancellationToken)
    {
        // The loop runs its steps on a worker thread: waiting here blocks no request.
        using var turn = writer.Turn();
        return await inner.RunAsync(context, cancellationToken).ConfigureAwait(false);
    }
}

using System.Diagnostics;

namespace Steward.Core.Application.Loop;

/// <summary>
/// Runs the steps of one loop run in order. A step's failure (its exception) is its outcome, not the
/// run's end: the steps after it still run, as the issue asks ("a failing step does not stop the
/// others"). Scheduling (interval, jitter, the Git push hook, leadership) belongs to the server.
/// </summary>
public sealed class ControlLoop
{
    public async Task<LoopRunResult> RunOnceAsync(LoopContext context, IReadOnlyList<ILoopStep> steps, CancellationToken cancellationToken = default)
    {
        var outcomes = new List<LoopStepOutcome>(steps.Count);
        foreach (var step in steps)
        {
            cancellationToken.ThrowIfCancellationRequested();
            var watch = Stopwatch.StartNew();
            LoopStepOutcome outcome;
            try
            {
                outcome = await step.RunAsync(context, cancellationToken).ConfigureAwait(false);
            }
            catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
            {
                throw;
            }
            catch (StewardInputException e)
            {
                outcome = LoopStepOutcome.Failed(step.Name, e.Message);
            }
            catch (Exception e)
            {
                outcome = LoopStepOutcome.Failed(step.Name, $"internal error: {e.GetType().Name}: {e.Message}");
            }
            outcomes.Add(outcome with { Duration = watch.Elapsed });
        }
        return new LoopRunResult(context.RevisionId, context.Trigger, context.Until, outcomes);
    }
}

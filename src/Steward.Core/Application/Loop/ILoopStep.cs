namespace Steward.Core.Application.Loop;

/// <summary>
/// One step of the control loop (check, monitors, budgets, a data source, the live diff, remediation).
/// A step reads what it needs from the <see cref="LoopContext"/>, adds the findings it produced to it
/// for the steps after it, and answers what happened. A step that throws is reported as failed by
/// <see cref="ControlLoop"/> and the steps after it still run.
/// </summary>
public interface ILoopStep
{
    /// <summary>The step's name in metrics, audit entries and logs (lower-case, e.g. <c>check</c>, <c>monitors</c>).</summary>
    string Name { get; }

    Task<LoopStepOutcome> RunAsync(LoopContext context, CancellationToken cancellationToken);
}

namespace Steward.Rego.Evaluation;

/// <summary>
/// The query's allocation budget (<see cref="EvalLimits.MaxAllocationBytes"/>) ran out. Where it
/// runs out depends on everything evaluated before, so a rule computed in parallel that meets
/// it is computed again on one core to report what one core reports (Evaluator.Parallel.cs).
/// </summary>
internal sealed class AllocationLimitException(string message) : RegoException(RegoErrorCodes.Limit, message);

/// <summary>
/// Rule or function nesting passed <see cref="EvalLimits.MaxDepth"/>. How deep a rule is first
/// computed depends on which rule values are already known, which differs between the workers
/// of a parallel computation and one core; such a computation is done again on one core.
/// </summary>
internal sealed class DepthLimitException(string message, SourceLocation? location = null) : RegoException(RegoErrorCodes.Limit, message, location);

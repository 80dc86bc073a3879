namespace Steward.Rego.Evaluation;

/// <summary>
/// Every resource limit of one query in one place (as Jint's Options.Constraints). A policy that
/// hits one gets <c>eval_limit_error</c> (sizes, allocation, steps, depth) or
/// <c>eval_cancel_error</c> (time); nothing it does can take unbounded time or memory. The
/// defaults are far above what a governance policy over Kubernetes objects needs and far below
/// what would hurt a CI runner; docs/security.md gives the reason for each.
/// </summary>
public sealed record EvalLimits
{
    public static EvalLimits Default { get; } = new();

    /// <summary>Wall-clock budget of one query, builtins included.</summary>
    public TimeSpan Timeout { get; init; } = TimeSpan.FromSeconds(5);

    /// <summary>Nested rule and function evaluations.</summary>
    public int MaxDepth { get; init; } = 2000;

    /// <summary>Elements of any collection a builtin or comprehension builds (numbers.range, array.concat, ...).</summary>
    public int MaxCollectionSize { get; init; } = 1_000_000;

    /// <summary>Size of any string built, in bytes of memory (two per UTF-16 code unit); checked before allocating where the size is known.</summary>
    public long MaxStringBytes { get; init; } = 32L * 1024 * 1024;

    /// <summary>
    /// Approximate total bytes of the strings and collections that builtins and comprehensions
    /// create during one query (a doubling concat chain hits this before memory runs out).
    /// </summary>
    public long MaxAllocationBytes { get; init; } = 512L * 1024 * 1024;

    /// <summary>Evaluation steps (expressions evaluated) of one query; null for no limit (the time budget still applies).</summary>
    public long? MaxSteps { get; init; }
}

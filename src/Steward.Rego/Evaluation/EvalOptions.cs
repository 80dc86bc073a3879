namespace Steward.Rego.Evaluation;

/// <summary>Options of one evaluation.</summary>
public sealed class EvalOptions
{
    /// <summary>Raise builtin errors (eval_builtin_error) instead of treating the call as undefined.</summary>
    public bool StrictBuiltinErrors { get; init; }

    /// <summary>Every resource limit of the query.</summary>
    public EvalLimits Limits { get; init; } = EvalLimits.Default;

    /// <summary>Shorthand for <see cref="EvalLimits.Timeout"/>; a runaway policy gets eval_cancel_error.</summary>
    public TimeSpan Timeout
    {
        get => Limits.Timeout;
        init => Limits = Limits with { Timeout = value };
    }

    /// <summary>Shorthand for <see cref="EvalLimits.MaxDepth"/>.</summary>
    public int MaxDepth
    {
        get => Limits.MaxDepth;
        init => Limits = Limits with { MaxDepth = value };
    }

    /// <summary>Shorthand for <see cref="EvalLimits.MaxCollectionSize"/>.</summary>
    public int MaxCollectionSize
    {
        get => Limits.MaxCollectionSize;
        init => Limits = Limits with { MaxCollectionSize = value };
    }

    /// <summary>Where print() writes; ignored when null.</summary>
    public TextWriter? PrintOutput { get; init; }

    /// <summary>The time that time.now_ns reports; now when null.</summary>
    public DateTimeOffset? Now { get; init; }

    /// <summary>
    /// Computes a partial set or partial object rule whose body iterates over a large collection
    /// of the input (2,048 members or more) on <see cref="Environment.ProcessorCount"/> cores when
    /// there are several. Results and errors are those of one core; on by default.
    /// </summary>
    public bool ParallelEvaluation { get; init; } = true;

    /// <summary>Workers of a parallel computation; null for <see cref="Environment.ProcessorCount"/> (tests set it to run workers on any machine).</summary>
    internal int? ParallelWorkers { get; init; }

    /// <summary>Told the number of work items each time a rule is computed in parallel (tests check that it was).</summary>
    internal Action<int>? ParallelObserver { get; init; }

    /// <summary>Cancels the whole run (e.g. a budget over many queries); reaches into long builtins.</summary>
    public CancellationToken CancellationToken { get; init; }
}

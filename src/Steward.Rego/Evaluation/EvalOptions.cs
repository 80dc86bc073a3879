namespace Steward.Rego.Evaluation;

/// <summary>Options of one evaluation.</summary>
public sealed class EvalOptions
{
    /// <summary>Raise builtin errors (eval_builtin_error) instead of treating the call as undefined.</summary>
    public bool StrictBuiltinErrors { get; init; }

    /// <summary>Time budget of the query; a runaway policy gets eval_cancel_error.</summary>
    public TimeSpan Timeout { get; init; } = TimeSpan.FromSeconds(5);

    /// <summary>Limit of nested rule and function evaluations.</summary>
    public int MaxDepth { get; init; } = 2000;

    /// <summary>Limit on the size of collections a builtin may build (numbers.range, strings.repeat...).</summary>
    public int MaxCollectionSize { get; init; } = 10_000_000;

    /// <summary>Where print() writes; ignored when null.</summary>
    public TextWriter? PrintOutput { get; init; }

    /// <summary>The time that time.now_ns reports; now when null.</summary>
    public DateTimeOffset? Now { get; init; }

    public CancellationToken CancellationToken { get; init; }
}

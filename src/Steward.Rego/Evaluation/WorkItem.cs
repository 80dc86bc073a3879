using System.Collections.Immutable;
using System.Runtime.ExceptionServices;
using Steward.Rego.Compilation;
using Steward.Rego.Values;

namespace Steward.Rego.Evaluation;

/// <summary>One rule body, or one chunk [From, To) of the collection its body iterates first.</summary>
internal sealed class WorkItem(CompiledRule rule, SplitLiteral? split, int from, int to)
{
    public CompiledRule Rule { get; } = rule;

    /// <summary>The literal whose iteration is chunked; null: the whole body is one item.</summary>
    public SplitLiteral? Split { get; } = split;

    public int From { get; } = from;

    public int To { get; } = to;

    /// <summary>Each solution's key path (empty for a partial set) and value, in the order found.</summary>
    public List<(ImmutableList<RegoValue> Keys, RegoValue Value)> Solutions { get; } = [];

    /// <summary>The error the item stopped with; the solutions before it stand.</summary>
    public ExceptionDispatchInfo? Error { get; set; }

    /// <summary>Bytes the item charged to the allocation budget.</summary>
    public long Charged { get; set; }
}

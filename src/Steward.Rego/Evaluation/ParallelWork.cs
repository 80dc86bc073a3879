using System.Collections.Immutable;
using System.Runtime.ExceptionServices;
using Steward.Rego.Compilation;
using Steward.Rego.Syntax;
using Steward.Rego.Values;

namespace Steward.Rego.Evaluation;

/// <summary>
/// The work of one rule node computed in parallel: its items in the order one core evaluates
/// them (each rule body in turn; a body that iterates over a large collection as contiguous
/// chunks of it). Workers take items in that order; the first item that fails stops the
/// items after it, whose results the first error in sequential order makes irrelevant.
/// </summary>
internal sealed class ParallelWork(List<WorkItem> items)
{
    private int _next;
    private int _firstError = int.MaxValue;

    public List<WorkItem> Items { get; } = items;

    /// <summary>Index of the first item that failed so far; <see cref="int.MaxValue"/> while none has.</summary>
    public int FirstError => Volatile.Read(ref _firstError);

    /// <summary>The next item to evaluate, or -1 when there is none or it comes after a failed one.</summary>
    public int Take()
    {
        var i = Interlocked.Increment(ref _next) - 1;
        return i < Items.Count && i < FirstError ? i : -1;
    }

    public void Failed(int index)
    {
        var current = Volatile.Read(ref _firstError);
        while (index < current)
        {
            var seen = Interlocked.CompareExchange(ref _firstError, index, current);
            if (seen == current) return;
            current = seen;
        }
    }
}

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

/// <summary>
/// The first literal of a body that iterates over a collection of the input, so that the body
/// can be evaluated chunk by chunk: `some x in input` / `some k, x in input.items`
/// (<see cref="SomeInExpr"/>), or `x := input[i]` / `x = input.items[_]` (a reference whose step
/// <see cref="VarStep"/> enumerates, <see cref="Target"/> the variable on the other side).
/// </summary>
internal sealed record SplitLiteral(int Index, Literal Literal, MemberList Members, RefTerm? Ref = null, int VarStep = 0, VarTerm? Target = null);

/// <summary>The members of a collection by position, in the order the evaluator iterates them.</summary>
internal sealed class MemberList
{
    private readonly RegoArray? _array;
    private readonly RegoValue[]? _keys;
    private readonly RegoValue[] _values;

    private MemberList(RegoArray? array, RegoValue[]? keys, RegoValue[] values)
    {
        _array = array;
        _keys = keys;
        _values = values;
    }

    public int Count => _array?.Count ?? _values.Length;

    /// <summary>An array's index, an object's key, a set's element.</summary>
    public RegoValue Key(int i) => _array is not null ? RegoNumber.FromInteger(i) : (_keys ?? _values)[i];

    public RegoValue Value(int i) => _array is not null ? _array[i] : _values[i];

    /// <summary>The members of an array, object or set of <paramref name="min"/> members or more; null for any other value.</summary>
    public static MemberList? OfLarge(RegoValue? value, int min) => value switch
    {
        RegoArray a when a.Count >= min => new MemberList(a, null, []),
        RegoObject o when o.Count >= min => new MemberList(null, [.. o.Entries.Select(e => e.Key)], [.. o.Entries.Select(e => e.Value)]),
        RegoSet s when s.Count >= min => new MemberList(null, null, [.. s.Items]),
        _ => null,
    };
}

/// <summary>
/// Thrown into a worker of a parallel computation whose remaining work is not needed: an
/// earlier item already failed, and the first error in sequential order is the one reported.
/// </summary>
internal sealed class AbandonedWorkException : Exception
{
    public AbandonedWorkException()
        : base("parallel work abandoned")
    {
    }
}

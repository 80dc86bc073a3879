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

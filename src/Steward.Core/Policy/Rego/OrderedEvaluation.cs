using System.Runtime.ExceptionServices;
using Steward.Core.Findings;
using Steward.Core.Governance;

namespace Steward.Core.Policy.Rego;

/// <summary>
/// Evaluates the policies over the objects on all cores and hands back what one thread walking the
/// objects in order would have: the findings object by object, up to the first object whose
/// evaluation did not finish (the run's budget ran out: <see cref="Result.StoppedAt"/>) or failed
/// (its exception is rethrown, as it would have ended the walk). Objects are taken in small chunks
/// from a shared counter, so a slow part of the repository does not leave a core idle.
/// </summary>
internal static class OrderedEvaluation
{
    /// <summary>Objects taken at a time by a worker.</summary>
    private const int ChunkSize = 32;

    /// <summary>Below this many objects one thread evaluates them (starting workers costs more).</summary>
    private const int ParallelThreshold = 128;

    /// <param name="Findings">The findings of the objects evaluated, in object order.</param>
    /// <param name="StoppedAt">The first object not fully evaluated because the budget ran out; -1 when all were.</param>
    public sealed record Result(List<Finding> Findings, int StoppedAt);

    /// <param name="evaluate">Evaluates one object, adding its findings; false when the budget ran out during it.</param>
    /// <param name="budget">The run's budget: once cancelled, no object is started.</param>
    /// <param name="cancellationToken">The caller's: cancelled, the run ends with <see cref="OperationCanceledException"/>.</param>
    public static Result Run(IReadOnlyList<RepositoryObject> objects, Func<RepositoryObject, List<Finding>, bool> evaluate,
        CancellationToken budget, CancellationToken cancellationToken)
    {
        var workers = objects.Count < ParallelThreshold ? 1 : Math.Min(Environment.ProcessorCount, objects.Count / ChunkSize);
        if (workers <= 1) return Sequential(objects, evaluate, budget, cancellationToken);

        var state = new State(objects.Count);
        Parallel.For(0, workers, _ => Work(objects, evaluate, state, budget, cancellationToken));
        cancellationToken.ThrowIfCancellationRequested();

        var findings = new List<Finding>();
        for (var i = 0; i < objects.Count; i++)
        {
            if (state.Errors[i] is { } error) ExceptionDispatchInfo.Throw(error);
            if (!state.Finished[i]) return new Result(findings, i);
            if (state.Findings[i] is { } found) findings.AddRange(found);
        }
        return new Result(findings, -1);
    }

    private static Result Sequential(IReadOnlyList<RepositoryObject> objects, Func<RepositoryObject, List<Finding>, bool> evaluate,
        CancellationToken budget, CancellationToken cancellationToken)
    {
        var findings = new List<Finding>();
        for (var i = 0; i < objects.Count; i++)
        {
            cancellationToken.ThrowIfCancellationRequested();
            if (budget.IsCancellationRequested || !evaluate(objects[i], findings))
            {
                cancellationToken.ThrowIfCancellationRequested();
                return new Result(findings, i);
            }
        }
        return new Result(findings, -1);
    }

    private static void Work(IReadOnlyList<RepositoryObject> objects, Func<RepositoryObject, List<Finding>, bool> evaluate, State state,
        CancellationToken budget, CancellationToken cancellationToken)
    {
        var scratch = new List<Finding>();
        while (true)
        {
            var start = Interlocked.Add(ref state.Next, ChunkSize) - ChunkSize;
            if (start >= objects.Count) return;
            for (var i = start; i < Math.Min(start + ChunkSize, objects.Count); i++)
            {
                // Objects after one that stopped the walk are never reported: no need to evaluate them.
                if (i > Volatile.Read(ref state.StopAt)) return;
                if (cancellationToken.IsCancellationRequested || budget.IsCancellationRequested)
                {
                    state.Stop(i);
                    return;
                }
                try
                {
                    if (!evaluate(objects[i], scratch))
                    {
                        state.Stop(i);
                        return;
                    }
                }
                catch (Exception ex)
                {
                    state.Errors[i] = ex;
                    state.Stop(i);
                    return;
                }
                if (scratch.Count > 0)
                {
                    state.Findings[i] = [.. scratch];
                    scratch.Clear();
                }
                state.Finished[i] = true;
            }
        }
    }

    /// <summary>What the workers share: per object its findings, whether it finished, its exception; the next chunk; the first object that stopped the walk.</summary>
    private sealed class State(int count)
    {
        public readonly Finding[]?[] Findings = new Finding[]?[count];
        public readonly bool[] Finished = new bool[count];
        public readonly Exception?[] Errors = new Exception?[count];
        public int Next;
        public int StopAt = int.MaxValue;

        public void Stop(int index)
        {
            var current = Volatile.Read(ref StopAt);
            while (index < current)
            {
                var seen = Interlocked.CompareExchange(ref StopAt, index, current);
                if (seen == current) return;
                current = seen;
            }
        }
    }
}

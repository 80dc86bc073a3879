using System.Collections.Immutable;
using System.Runtime.ExceptionServices;
using Steward.Rego.Compilation;
using Steward.Rego.Syntax;
using Steward.Rego.Values;

namespace Steward.Rego.Evaluation;

/// <summary>
/// A partial set or partial object rule whose body iterates over a large collection of the
/// input (`some obj in input`, `x := input[_]`), computed by several workers: the rule's bodies
/// become work items in the order one core evaluates them, a body over a large collection one
/// item per contiguous chunk of it; each worker (its own evaluator, caches and meter) takes the
/// next item and records the solutions it finds and the error it stops with. The results are
/// then replayed in item order into the rule's value exactly as one core adds them, so the
/// value, the object-key conflict found and the error reported (the first in sequential
/// order: an item's solutions, then its error) are one core's.
///
/// Errors whose point depends on what was evaluated before rather than on the item itself —
/// the allocation budget, the nesting depth and the stack — are not reported from the workers:
/// the rule is computed again on one core, from the allocation count it started with. The time
/// budget and cancellation apply to all workers (their message names no place).
/// </summary>
internal sealed partial class Evaluator
{
    /// <summary>
    /// Fewest members of the iterated collection for which a rule is computed in parallel: below
    /// it the evaluation takes well under a millisecond and a worker thread's start is not worth
    /// it (and small policies, like the conformance suite's, run as they always have).
    /// </summary>
    internal const int ParallelMinMembers = 2048;

    // Chunks of at least 512 members, about four per worker so that workers that finish early
    // take over the rest of the work.
    private const int MinChunkMembers = 512;
    private const int ChunksPerWorker = 4;

    // Twice a main thread's: a worker that runs out of stack fails with StackLimitException, and
    // the rule is computed again on the calling thread (and RegoEngine retries deep queries on a
    // thread of 256 MB, whose workers get this much again).
    private const int WorkerStackBytes = 16 * 1024 * 1024;

    /// <summary>
    /// The work items of <paramref name="node"/> evaluated by workers, up to and including the
    /// first that failed, for the caller to replay in order; null when the node is to be
    /// computed on this thread (not worth it, not safe, or an order-dependent limit was met).
    /// </summary>
    private List<WorkItem>? ParallelSolutions(RuleNode node)
    {
        var workers = _options.ParallelEvaluation ? Math.Clamp(_options.ParallelWorkers ?? Environment.ProcessorCount, 1, 64) : 1;
        if (workers < 2 || _isWorker || !ReferenceEquals(_ctx, _rootCtx) || _meter.Limits.MaxSteps is not null) return null;
        var items = PlanItems(node, workers);
        if (items is null || !ParallelSafety.Allows(_policy, _options.PrintOutput is not null)) return null;

        _options.ParallelObserver?.Invoke(items.Count);
        var work = new ParallelWork(items);
        var allocatedBefore = _meter.Allocated;
        var evaluators = new Evaluator[Math.Min(workers, items.Count)];
        for (var w = 0; w < evaluators.Length; w++)
        {
            var current = new WorkerPosition();
            evaluators[w] = new Evaluator(this, _meter.ForWorker(() => Volatile.Read(ref current.Index) > work.FirstError)) { _current = current };
        }
        var threads = new Thread?[evaluators.Length - 1];
        for (var w = 1; w < evaluators.Length; w++)
        {
            var evaluator = evaluators[w];
            var thread = new Thread(() => evaluator.RunItems(work), WorkerStackBytes) { IsBackground = true, Name = "rego-worker" };
            try
            {
                thread.Start();
                threads[w - 1] = thread;
            }
            catch (OutOfMemoryException)
            {
                // No memory for another thread's stack: the threads started take its share of the items.
            }
        }
        evaluators[0].RunItems(work);
        foreach (var t in threads) t?.Join();

        var first = work.FirstError;
        var last = Math.Min(first, items.Count - 1);
        var allocated = allocatedBefore;
        for (var i = 0; i <= last; i++) allocated = items[i].Charged > long.MaxValue - allocated ? long.MaxValue : allocated + items[i].Charged;
        foreach (var e in evaluators) _meter.AddSteps(e._meter.Steps);
        // One core would have charged no more than the workers did up to the first error (a
        // worker may compute again a rule value another knew), so within the budget here means
        // within it on one core; otherwise one core decides where the budget ran out.
        if (allocated > _meter.Limits.MaxAllocationBytes || (first < items.Count && OrderDependent(items[first].Error!.SourceException)))
        {
            _meter.Allocated = allocatedBefore;
            return null;
        }
        _meter.Allocated = allocated;
        if (first == int.MaxValue)
        {
            // The rule values the workers computed are the ones this context would compute.
            foreach (var e in evaluators)
            {
                foreach (var (k, v) in e._rootCtx.RuleCache) _ctx.RuleCache.TryAdd(k, v);
                foreach (var (k, v) in e._rootCtx.GroundDataRefs) _ctx.GroundDataRefs.TryAdd(k, v);
            }
        }
        return items.GetRange(0, last + 1);
    }

    private static bool OrderDependent(Exception e) => e is AllocationLimitException or DepthLimitException or StackLimitException or InsufficientExecutionStackException;

    /// <summary>The item a worker is evaluating, read by its meter's poll (is it still needed?).</summary>
    private sealed class WorkerPosition
    {
        public int Index;
    }

    private WorkerPosition? _current;

    /// <summary>A worker's loop: the next item in order until none is left or an earlier one failed.</summary>
    private void RunItems(ParallelWork work)
    {
        int i;
        while ((i = work.Take()) >= 0)
        {
            Volatile.Write(ref _current!.Index, i);
            var item = work.Items[i];
            var before = _meter.Allocated;
            try
            {
                EvalItem(item);
            }
            catch (AbandonedWorkException)
            {
            }
            catch (Exception e)
            {
                item.Error = ExceptionDispatchInfo.Capture(e);
                work.Failed(i);
            }
            item.Charged = _meter.Allocated - before;
        }
    }

    /// <summary>Evaluates one item: what one core does for these members of the body's first iteration.</summary>
    private void EvalItem(WorkItem item)
    {
        var rule = item.Rule;
        var lits = rule.Body.Literals;
        var keyed = rule.Keys.Count > 0;
        Cont solution = keyed
            ? b => EvalKeys(rule, 0, b, [], (keys, b2) => EvalTerm(rule.Value, b2, (v, _) => { item.Solutions.Add((keys, v)); return true; }))
            : b => EvalTerm(rule.Value, b, (v, _) => { item.Solutions.Add(([], v)); return true; });
        if (item.Split is not { } split)
        {
            EvalBody(lits, 0, null, solution);
            return;
        }
        // The literals before the split one are `some` declarations (no solution to find): their steps.
        for (var i = 0; i <= split.Index; i++)
        {
            Tick();
            GuardStack();
        }
        Cont rest = b => EvalBody(lits, split.Index + 1, b, solution);
        var members = split.Members;
        for (var j = item.From; j < item.To; j++)
        {
            bool more;
            if (split.Literal.Expr is SomeInExpr si)
            {
                more = si.Key is null ? BindPattern(si.Value, members.Value(j), null, rest) : BindKeyAndValue(si, members.Key(j), members.Value(j), null, rest);
            }
            else
            {
                var r = split.Ref!;
                var name = ((VarTerm)r.Path[split.VarStep]).Name;
                var target = split.Target!;
                more = WalkValue(members.Value(j), r.Path, split.VarStep + 1, Bindings.Bind(null, name, members.Key(j)), (v, b2) => UnifyValue(target, v, b2, rest));
            }
            if (!more) return;
        }
    }

    /// <summary>
    /// The rule's bodies as work items, or null when none iterates first over a collection of
    /// <see cref="ParallelMinMembers"/> or more (or a rule has an else: no partial rule has).
    /// </summary>
    private List<WorkItem>? PlanItems(RuleNode node, int workers)
    {
        // Most rule nodes (all of a query per object) iterate over nothing large: found without allocating.
        SplitLiteral?[]? splits = null;
        for (var r = 0; r < node.Rules.Count; r++)
        {
            var rule = node.Rules[r];
            if (rule.Else is not null || rule.Kind == RuleKind.Function) return null;
            if (SplitPoint(rule.Body) is { } split) (splits ??= new SplitLiteral?[node.Rules.Count])[r] = split;
        }
        if (splits is null) return null;
        var items = new List<WorkItem>();
        for (var r = 0; r < node.Rules.Count; r++)
        {
            if (splits[r] is { } split)
            {
                var n = split.Members.Count;
                var chunks = Math.Clamp(n / MinChunkMembers, 1, workers * ChunksPerWorker);
                for (var c = 0; c < chunks; c++)
                    items.Add(new WorkItem(node.Rules[r], split, (int)((long)n * c / chunks), (int)((long)n * (c + 1) / chunks)));
            }
            else
            {
                items.Add(new WorkItem(node.Rules[r], null, 0, 0));
            }
        }
        return items;
    }

    /// <summary>
    /// The body's first literal after its `some` declarations when it iterates over a collection
    /// of <see cref="ParallelMinMembers"/> or more found in the input along constant keys — found
    /// without evaluating anything that could fail, so that planning raises no error one core
    /// would raise later or not at all.
    /// </summary>
    private SplitLiteral? SplitPoint(Body body)
    {
        var lits = body.Literals;
        var i = 0;
        while (i < lits.Count && lits[i] is { Expr: SomeExpr, Negated: false, With.Count: 0 }) i++;
        if (i == lits.Count || lits[i].Negated || lits[i].With.Count > 0) return null;
        var l = lits[i];
        switch (l.Expr)
        {
            case SomeInExpr si:
                return MemberList.OfLarge(InputAlong(si.Collection), ParallelMinMembers) is { } members ? new SplitLiteral(i, l, members) : null;
            case AssignExpr { Left: VarTerm left, Right: RefTerm right } when IsFreeVar(left):
                return EnumeratedInput(i, l, right, left);
            case UnifyExpr { Left: VarTerm left, Right: RefTerm right } when IsFreeVar(left):
                return EnumeratedInput(i, l, right, left);
            case UnifyExpr { Left: RefTerm left, Right: VarTerm right } when IsFreeVar(right):
                return EnumeratedInput(i, l, left, right);
            default:
                return null;
        }
    }

    private static bool IsFreeVar(VarTerm v) => v.Name is not ("input" or "data");

    /// <summary>input.a.b[k]... with k a variable: the collection input.a.b, its members bound to k.</summary>
    private SplitLiteral? EnumeratedInput(int index, Literal l, RefTerm r, VarTerm target)
    {
        if (r.Head is not VarTerm { Name: "input" }) return null;
        var step = 0;
        while (step < r.Path.Count && r.Path[step] is ScalarTerm) step++;
        if (step == r.Path.Count || r.Path[step] is not VarTerm v || !IsFreeVar(v) || v.Name == target.Name) return null;
        var coll = InputAlong(r.Head, r.Path, step);
        return MemberList.OfLarge(coll, ParallelMinMembers) is { } members ? new SplitLiteral(index, l, members, r, step, target) : null;
    }

    /// <summary>The value of `input` or `input.a.b` (constant keys), looked up as the direct path does; null otherwise or when undefined.</summary>
    private RegoValue? InputAlong(Term t) => t switch
    {
        VarTerm { Name: "input" } => _ctx.Input,
        RefTerm { Head: VarTerm { Name: "input" } } r => InputAlong(r.Head, r.Path, r.Path.Count),
        _ => null,
    };

    /// <summary>input and the first <paramref name="steps"/> steps of <paramref name="path"/>, all constants; null when a step is not or the value is undefined.</summary>
    private RegoValue? InputAlong(Term head, IReadOnlyList<Term> path, int steps)
    {
        if (head is not VarTerm { Name: "input" }) return null;
        var v = _ctx.Input;
        for (var i = 0; i < steps && v is not null; i++)
        {
            if (path[i] is not ScalarTerm s) return null;
            v = Index(v, s.Value);
        }
        return v;
    }
}

using System.Collections.Immutable;
using Steward.Rego.Compilation;
using Steward.Rego.Syntax;
using Steward.Rego.Values;

namespace Steward.Rego.Evaluation;

/// <summary>Virtual documents: the value of the rules at a node, computed once per context.</summary>
internal sealed partial class Evaluator
{
    private RegoValue? RuleNodeValue(RuleNode node)
    {
        if (_ctx.RuleCache.TryGetValue(node, out var cached)) return cached;
        if (!_inProgress.Add(node))
            throw new RegoException(RegoErrorCodes.Recursion, $"rego_recursion_error: rule {string.Join('.', node.Path)} is recursive", node.Rules.FirstOrDefault()?.Loc);
        if (++_depth > _options.MaxDepth)
            throw new DepthLimitException("evaluation too deep: rule nesting limit exceeded");
        try
        {
            var value = ComputeRuleNode(node);
            _ctx.RuleCache[node] = value;
            return value;
        }
        finally
        {
            _depth--;
            _inProgress.Remove(node);
        }
    }

    private RegoValue? ComputeRuleNode(RuleNode node)
    {
        var rules = node.Rules;
        var keyed = rules.Any(r => r.Keys.Count > 0);
        var multi = rules.Any(r => r.Kind == RuleKind.Multi);
        // Key paths where a rule placed its value: other rules may not reach inside those.
        var leaves = new HashSet<RegoValue>();
        RegoValue? result;
        if (!keyed && !multi)
        {
            RegoValue? value = null;
            CompiledRule? source = null;
            foreach (var r in rules)
            {
                EachSolution(r, null, (rule, b) => EvalTerm(rule.Value, b, (v, _) =>
                {
                    if (value is not null && !value.Equals(v))
                        throw new RegoException(RegoErrorCodes.Conflict, $"complete rules must not produce multiple outputs", (source ?? rule).Loc);
                    value = v;
                    source = rule;
                    return true;
                }));
            }
            if (value is null && node.Defaults.Count > 0)
                value = EvalOne(node.Defaults[0].Value, null);
            result = value;
        }
        else if (!keyed && rules.All(r => r.Kind == RuleKind.Multi))
        {
            // A partial set (p contains x): one builder for all solutions, not a new set per element.
            var set = ImmutableSortedSet.CreateBuilder<RegoValue>(RegoValueComparer.Instance);
            if (ParallelSolutions(node) is { } items)
            {
                // Computed by workers: their solutions in sequential order, then the first error.
                foreach (var item in items)
                {
                    foreach (var (_, v) in item.Solutions) set.Add(v);
                    item.Error?.Throw();
                }
            }
            else
            {
                foreach (var r in rules)
                {
                    EachSolution(r, null, (rule, b) => EvalTerm(rule.Value, b, (v, _) =>
                    {
                        set.Add(v);
                        return true;
                    }));
                }
            }
            result = new RegoSet(set.ToImmutable());
        }
        else
        {
            RegoValue acc = RegoObject.Empty;
            if (keyed && ParallelSolutions(node) is { } items)
            {
                // Computed by workers: their solutions inserted in sequential order, so that a
                // conflict is found where one core finds it, then the first error.
                foreach (var item in items)
                {
                    foreach (var (keys, v) in item.Solutions)
                    {
                        acc = Insert(acc, keys, 0, v, item.Rule);
                        if (item.Rule.Kind != RuleKind.Multi) leaves.Add(new RegoArray(keys));
                    }
                    item.Error?.Throw();
                }
            }
            else
            {
                foreach (var r in rules)
                {
                    EachSolution(r, null, (rule, b) => EvalKeys(rule, 0, b, [], (keys, b2) => EvalTerm(rule.Value, b2, (v, _) =>
                    {
                        acc = Insert(acc, keys, 0, v, rule);
                        if (rule.Kind != RuleKind.Multi) leaves.Add(new RegoArray(keys));
                        return true;
                    })));
                }
            }
            result = acc;
        }
        if (node.Children.Count > 0)
        {
            var complete = !keyed && !multi;
            var obj = result as RegoObject;
            foreach (var (name, child) in node.Children)
            {
                var childValue = child.HasRules ? (child.IsFunction ? null : RuleNodeValue(child)) : NodeDocument(child, [.. child.Path]);
                if (childValue is null) continue;
                if ((complete && result is not null) || (result is not null and not RegoObject))
                    throw new RegoException(RegoErrorCodes.Conflict, $"rule {string.Join('.', node.Path)} conflicts with rules below it", rules.FirstOrDefault()?.Loc);
                obj ??= RegoObject.Empty;
                var key = new RegoString(name);
                var existing = obj.Get(key);
                obj = obj.Set(key, existing is null ? childValue : MergeValues(existing, childValue, rules.FirstOrDefault()?.Loc, leaves, [key]));
            }
            if (obj is not null) result = obj;
        }
        return result;
    }

    /// <summary>Joins what two rules define at the same place: objects merge, sets union, anything else must agree.</summary>
    private static RegoValue MergeValues(RegoValue a, RegoValue b, SourceLocation? loc, HashSet<RegoValue>? leaves = null, ImmutableList<RegoValue>? path = null)
    {
        if (a.Equals(b)) return a;
        if (leaves is not null && path is not null && leaves.Contains(new RegoArray(path)))
            throw new RegoException(RegoErrorCodes.Conflict, "object keys must be unique", loc);
        if (a is RegoSet sa && b is RegoSet sb) return new RegoSet(sa.Items.Union(sb.Items));
        if (a is RegoObject oa && b is RegoObject ob)
        {
            var result = oa;
            foreach (var kv in ob.Items)
            {
                var existing = result.Get(kv.Key);
                result = result.Set(kv.Key, existing is null ? kv.Value : MergeValues(existing, kv.Value, loc, leaves, path?.Add(kv.Key)));
            }
            return result;
        }
        throw new RegoException(RegoErrorCodes.Conflict, "object keys must be unique", loc);
    }

    private bool EvalKeys(CompiledRule rule, int i, Bindings? b, ImmutableList<RegoValue> acc, Func<ImmutableList<RegoValue>, Bindings?, bool> k)
    {
        if (i == rule.Keys.Count) return k(acc, b);
        return EvalTerm(rule.Keys[i], b, (key, b2) => EvalKeys(rule, i + 1, b2, acc.Add(key), k));
    }

    /// <summary>Places a rule's value at its key path; a multi-value rule adds to the set at the leaf.</summary>
    private static RegoValue Insert(RegoValue acc, ImmutableList<RegoValue> keys, int i, RegoValue value, CompiledRule rule)
    {
        if (i == keys.Count)
        {
            if (rule.Kind == RuleKind.Multi)
            {
                var set = acc as RegoSet ?? RegoSet.Empty;
                return set.Add(value);
            }
            return value;
        }
        var obj = acc as RegoObject ?? throw new RegoException(RegoErrorCodes.Conflict, "object keys must be unique", rule.Loc);
        var key = keys[i];
        var existing = obj.Get(key);
        if (i == keys.Count - 1 && rule.Kind != RuleKind.Multi)
        {
            if (existing is not null && !existing.Equals(value))
                throw new RegoException(RegoErrorCodes.Conflict, "object keys must be unique", rule.Loc);
            return obj.Set(key, value);
        }
        var child = existing ?? (i == keys.Count - 1 ? RegoSet.Empty : RegoObject.Empty);
        if (existing is not null && existing is not (RegoObject or RegoSet))
            throw new RegoException(RegoErrorCodes.Conflict, "object keys must be unique", rule.Loc);
        return obj.Set(key, Insert(child, keys, i + 1, value, rule));
    }

    /// <summary>Calls k for each solution of the rule's body, trying else branches in order.</summary>
    private void EachSolution(CompiledRule rule, Bindings? initial, Func<CompiledRule, Bindings?, bool> k)
    {
        for (var r = rule; r is not null; r = r.Else)
        {
            var found = false;
            var current = r;
            EvalBody(r.Body.Literals, 0, initial, b =>
            {
                found = true;
                return k(current, b);
            });
            if (found) return;
        }
    }

    // ---- functions ----

    private RegoValue? CallFunction(RuleNode node, RegoValue[] args, SourceLocation? loc)
    {
        var key = (node, new RegoArray(args));
        if (_ctx.FunctionCache.TryGetValue(key, out var cached)) return cached;
        if (++_depth > _options.MaxDepth)
            throw new DepthLimitException("evaluation too deep: function recursion limit exceeded", loc);
        GuardStack();
        try
        {
            RegoValue? result = null;
            foreach (var rule in node.Rules)
            {
                if (rule.Args!.Count != args.Length) continue;
                for (var r = rule; r is not null; r = r.Else)
                {
                    var found = false;
                    var current = r;
                    UnifyArgs(r.Args!, args, 0, null, b => EvalBody(current.Body.Literals, 0, b, b2 =>
                    {
                        found = true;
                        return EvalTerm(current.Value, b2, (v, _) =>
                        {
                            if (result is not null && !result.Equals(v))
                                throw new RegoException(RegoErrorCodes.Conflict, "functions must not produce multiple outputs for same inputs", current.Loc);
                            result = v;
                            return true;
                        });
                    }));
                    if (found) break;
                }
            }
            if (result is null && node.Defaults.Count > 0) result = EvalOne(node.Defaults[0].Value, null);
            _ctx.FunctionCache[key] = result;
            return result;
        }
        finally { _depth--; }
    }

    private bool UnifyArgs(IReadOnlyList<Term> pars, RegoValue[] args, int i, Bindings? b, Cont k)
    {
        if (i == pars.Count) return k(b);
        return UnifyValue(pars[i], args[i], b, b2 => UnifyArgs(pars, args, i + 1, b2, k));
    }
}

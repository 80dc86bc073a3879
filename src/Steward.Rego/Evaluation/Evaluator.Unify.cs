using Steward.Rego.Syntax;
using Steward.Rego.Values;

namespace Steward.Rego.Evaluation;

/// <summary>Unification of terms with terms and with values; unbound variables get bound.</summary>
internal sealed partial class Evaluator
{
    private bool IsUnboundVar(Term t, Bindings? b)
        => t is VarTerm v && v.Name is not ("input" or "data") && Bindings.Lookup(b, v.Name) is null;

    private bool Unify(Term l, Term r, Bindings? b, Cont k)
    {
        if (IsUnboundVar(l, b))
        {
            if (IsUnboundVar(r, b))
                throw new RegoException(RegoErrorCodes.UnsafeVar, $"var {((VarTerm)l).Name} is unsafe", l.Loc);
            return EvalTerm(r, b, (v, b2) => UnifyValue(l, v, b2, k));
        }
        if (IsUnboundVar(r, b)) return EvalTerm(l, b, (v, b2) => UnifyValue(r, v, b2, k));
        if (l is ArrayTerm la && r is ArrayTerm ra)
        {
            if (la.Items.Count != ra.Items.Count) return true;
            return UnifyPairs(la.Items, ra.Items, 0, b, k);
        }
        if (l is ObjectTerm lo && r is ObjectTerm ro && HasUnboundVars(l, b) && HasUnboundVars(r, b) && ConstantKeyPairs(lo, ro) is { } pairs)
        {
            // {"a": x, "b": 1} = {"a": 2, "b": y}: values pair up by key, as OPA unifies objects.
            if (pairs.Count != lo.Items.Count || lo.Items.Count != ro.Items.Count) return true;
            return UnifyPairs([.. pairs.Select(p => p.Left)], [.. pairs.Select(p => p.Right)], 0, b, k);
        }
        if (HasUnboundVars(l, b)) return EvalTerm(r, b, (v, b2) => UnifyValue(l, v, b2, k));
        if (HasUnboundVars(r, b)) return EvalTerm(l, b, (v, b2) => UnifyValue(r, v, b2, k));
        return EvalTerm(l, b, (lv, b2) => EvalTerm(r, b2, (rv, b3) => !lv.Equals(rv) || k(b3)));
    }

    /// <summary>The values of two object terms paired by key, when every key is a constant; null otherwise.</summary>
    private static List<(Term Left, Term Right)>? ConstantKeyPairs(ObjectTerm l, ObjectTerm r)
    {
        if (l.Items.Any(kv => kv.Key is not ScalarTerm) || r.Items.Any(kv => kv.Key is not ScalarTerm)) return null;
        var pairs = new List<(Term, Term)>(l.Items.Count);
        foreach (var (lk, lv) in l.Items)
        {
            var key = ((ScalarTerm)lk).Value;
            foreach (var (rk, rv) in r.Items)
            {
                if (((ScalarTerm)rk).Value.Equals(key)) { pairs.Add((lv, rv)); break; }
            }
        }
        return pairs;
    }

    private bool UnifyPairs(IReadOnlyList<Term> l, IReadOnlyList<Term> r, int i, Bindings? b, Cont k)
    {
        if (i == l.Count) return k(b);
        return Unify(l[i], r[i], b, b2 => UnifyPairs(l, r, i + 1, b2, k));
    }

    private bool UnifyValue(Term pattern, RegoValue value, Bindings? b, Cont k)
    {
        switch (pattern)
        {
            case VarTerm v when v.Name is not ("input" or "data"):
            {
                var bound = Bindings.Lookup(b, v.Name);
                if (bound is null) return k(Bindings.Bind(b, v.Name, value));
                return !bound.Equals(value) || k(b);
            }
            case ArrayTerm a:
                if (value is not RegoArray arr || arr.Count != a.Items.Count) return true;
                return UnifyElements(a.Items, arr, 0, b, k);
            case ObjectTerm o when HasUnboundVars(o, b):
            {
                if (value is not RegoObject obj || obj.Count != o.Items.Count) return true;
                return UnifyObject(o, obj, 0, b, k);
            }
            default:
                return EvalTerm(pattern, b, (pv, b2) => !pv.Equals(value) || k(b2));
        }
    }

    private bool UnifyElements(IReadOnlyList<Term> items, RegoArray arr, int i, Bindings? b, Cont k)
    {
        if (i == items.Count) return k(b);
        return UnifyValue(items[i], arr[i], b, b2 => UnifyElements(items, arr, i + 1, b2, k));
    }

    private bool UnifyObject(ObjectTerm o, RegoObject obj, int i, Bindings? b, Cont k)
    {
        if (i == o.Items.Count) return k(b);
        var (kt, vt) = (o.Items[i].Key, o.Items[i].Value);
        return EvalTerm(kt, b, (key, b2) =>
        {
            var child = obj.Get(key);
            return child is null || UnifyValue(vt, child, b2, b3 => UnifyObject(o, obj, i + 1, b3, k));
        });
    }
}

using Steward.Rego.Syntax;
using Steward.Rego.Values;

namespace Steward.Rego.Compilation;

/// <summary>
/// OPA's ast.Unify: the variables an equality <c>a = b</c> binds when the variables in
/// <c>safe</c> are already bound. Two unbound variables wait for each other; a variable unified
/// with a composite waits for the composite's variables (and binds them once it is bound).
/// Templates unify as calls, as OPA rewrites them into calls.
/// </summary>
internal sealed class SafetyUnifier
{
    private readonly IReadOnlySet<string> _safe;
    private readonly HashSet<string> _unified = new(StringComparer.Ordinal);
    private readonly Dictionary<string, HashSet<string>> _unknown = new(StringComparer.Ordinal);

    private SafetyUnifier(IReadOnlySet<string> safe) => _safe = safe;

    public static HashSet<string> Unify(IReadOnlySet<string> safe, Term a, Term b)
    {
        var u = new SafetyUnifier(safe);
        u.UnifyTerms(a, b);
        return u._unified;
    }

    public static bool IsRefSafe(RefTerm r, IReadOnlySet<string> safe) => r.Head switch
    {
        VarTerm v => VarAnalysis.IsRoot(v.Name) || safe.Contains(v.Name),
        CallTerm or TemplateTerm => IsCallSafe(r.Head, safe),
        _ => SafetyVars.Check.Of(r.Head).IsSubsetOf(safe),
    };

    public static bool IsCallSafe(Term call, IReadOnlySet<string> safe) => SafetyVars.Check.Of(call).IsSubsetOf(safe);

    private bool IsSafe(string v) => VarAnalysis.IsRoot(v) || _safe.Contains(v) || _unified.Contains(v);

    private static bool IsCall(Term t) => t is CallTerm or TemplateTerm;

    private static bool IsComprehension(Term t) => t is ArrayComprehension or SetComprehension or ObjectComprehension;

    private void UnifyTerms(Term a, Term b)
    {
        switch (a)
        {
            case VarTerm av:
                switch (b)
                {
                    case VarTerm bv:
                        if (IsSafe(bv.Name)) MarkSafe(av.Name);
                        else if (IsSafe(av.Name)) MarkSafe(bv.Name);
                        else { MarkUnknown(av.Name, bv.Name); MarkUnknown(bv.Name, av.Name); }
                        break;
                    case ArrayTerm or ObjectTerm: UnifyAll(av.Name, b); break;
                    case RefTerm br: if (IsRefSafe(br, _safe)) MarkSafe(av.Name); break;
                    case var _ when IsCall(b): if (IsCallSafe(b, _safe)) MarkSafe(av.Name); break;
                    default: MarkSafe(av.Name); break;
                }
                break;
            case RefTerm ar:
                if (IsRefSafe(ar, _safe)) SafeValueAgainst(b);
                break;
            case var _ when IsCall(a):
                if (IsCallSafe(a, _safe)) SafeValueAgainst(b);
                break;
            case ArrayComprehension:
                if (b is VarTerm acv) MarkSafe(acv.Name);
                else if (b is ArrayTerm) MarkAllSafe(b);
                break;
            case ObjectComprehension:
                if (b is VarTerm ocv) MarkSafe(ocv.Name);
                else if (b is ObjectTerm) MarkAllSafe(b);
                break;
            case SetComprehension:
                if (b is VarTerm scv) MarkSafe(scv.Name);
                break;
            case ArrayTerm aa:
                switch (b)
                {
                    case VarTerm bv: UnifyAll(bv.Name, aa); break;
                    case var _ when IsComprehension(b): MarkAllSafe(aa); break;
                    case RefTerm br: if (IsRefSafe(br, _safe)) MarkAllSafe(aa); break;
                    case var _ when IsCall(b): if (IsCallSafe(b, _safe)) MarkAllSafe(aa); break;
                    case ArrayTerm ba when ba.Items.Count == aa.Items.Count:
                        for (var i = 0; i < aa.Items.Count; i++) UnifyTerms(aa.Items[i], ba.Items[i]);
                        break;
                }
                break;
            case ObjectTerm ao:
                switch (b)
                {
                    case VarTerm bv: UnifyAll(bv.Name, ao); break;
                    case RefTerm br: if (IsRefSafe(br, _safe)) MarkAllSafe(ao); break;
                    case var _ when IsCall(b): if (IsCallSafe(b, _safe)) MarkAllSafe(ao); break;
                    case ObjectTerm bo when bo.Items.Count == ao.Items.Count:
                        foreach (var (k, v) in ao.Items)
                        {
                            if (Lookup(bo, k) is { } v2) UnifyTerms(v, v2);
                        }
                        break;
                }
                break;
            default:
                if (b is VarTerm dv) MarkSafe(dv.Name);
                break;
        }
    }

    /// <summary>The other side of a safe reference or call: a variable or every variable of a composite is bound.</summary>
    private void SafeValueAgainst(Term b)
    {
        if (b is VarTerm bv) MarkSafe(bv.Name);
        else if (b is ArrayTerm or ObjectTerm) MarkAllSafe(b);
    }

    /// <summary>The value of a key in an object term, keys compared as written (a constant or the same variable).</summary>
    private static Term? Lookup(ObjectTerm o, Term key)
    {
        foreach (var (k, v) in o.Items)
        {
            var same = (key, k) switch
            {
                (ScalarTerm a, ScalarTerm b) => a.Value.Equals(b.Value),
                (VarTerm a, VarTerm b) => a.Name == b.Name,
                _ => false,
            };
            if (same) return v;
        }
        return null;
    }

    private void MarkAllSafe(Term x)
    {
        foreach (var v in SafetyVars.Pattern.Of(x)) MarkSafe(v);
    }

    private void MarkSafe(string x)
    {
        if (!_unified.Add(x) && !_unknown.ContainsKey(x)) return;
        // The dependencies of x become safe with it.
        if (_unknown.Remove(x, out var deps))
        {
            foreach (var v in deps) MarkSafe(v);
        }
        // Dependants of x become safe once they wait for nothing else.
        foreach (var (v, waits) in _unknown.ToList())
        {
            if (waits.Remove(x) && waits.Count == 0) MarkSafe(v);
        }
    }

    private void MarkUnknown(string a, string b)
    {
        if (!_unknown.TryGetValue(a, out var set)) _unknown[a] = set = new HashSet<string>(StringComparer.Ordinal);
        set.Add(b);
    }

    private void UnifyAll(string a, Term b)
    {
        if (IsSafe(a)) { MarkAllSafe(b); return; }
        var unsafeVars = SafetyVars.Pattern.Of(b);
        unsafeVars.RemoveWhere(IsSafe);
        if (unsafeVars.Count == 0) MarkSafe(a);
        else foreach (var v in unsafeVars) MarkUnknown(a, v);
    }
}

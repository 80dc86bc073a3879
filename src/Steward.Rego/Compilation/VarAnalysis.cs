using Steward.Rego.Syntax;

namespace Steward.Rego.Compilation;

/// <summary>
/// Which variables a literal needs bound before it can run, and which it binds. This drives the
/// safety reordering: literals run in written order, except that one waits for the literals that
/// bind its inputs (as OPA's compiler reorders bodies).
/// </summary>
internal sealed class VarAnalysis
{
    private readonly Func<string, IReadOnlyList<string>?, int?> _arity;

    public VarAnalysis(Func<string, IReadOnlyList<string>?, int?> arity) => _arity = arity;

    public static bool IsRoot(string name) => name is "data" or "input";

    /// <summary>All variables in a term, comprehension bodies included.</summary>
    public static void AllVars(Term t, HashSet<string> into)
    {
        switch (t)
        {
            case VarTerm v: if (!IsRoot(v.Name)) into.Add(v.Name); break;
            case RefTerm r:
                AllVars(r.Head, into);
                foreach (var p in r.Path) AllVars(p, into);
                break;
            case ArrayTerm a: foreach (var i in a.Items) AllVars(i, into); break;
            case SetTerm s: foreach (var i in s.Items) AllVars(i, into); break;
            case ObjectTerm o:
                foreach (var kv in o.Items) { AllVars(kv.Key, into); AllVars(kv.Value, into); }
                break;
            case CallTerm c: foreach (var a in c.Args) AllVars(a, into); break;
            case TemplateTerm tt: foreach (var p in tt.Parts) AllVars(p, into); break;
            case ArrayComprehension ac: AllVars(ac.Head, into); AllVars(ac.Body, into); break;
            case SetComprehension sc: AllVars(sc.Head, into); AllVars(sc.Body, into); break;
            case ObjectComprehension oc: AllVars(oc.Key, into); AllVars(oc.Value, into); AllVars(oc.Body, into); break;
        }
    }

    public static void AllVars(Body b, HashSet<string> into)
    {
        foreach (var l in b.Literals) AllVars(l, into);
    }

    public static void AllVars(Literal l, HashSet<string> into)
    {
        switch (l.Expr)
        {
            case TermExpr te: AllVars(te.Term, into); break;
            case UnifyExpr u: AllVars(u.Left, into); AllVars(u.Right, into); break;
            case AssignExpr a: AllVars(a.Left, into); AllVars(a.Right, into); break;
            case SomeExpr s: foreach (var v in s.Vars) into.Add(v.Name); break;
            case SomeInExpr si:
                if (si.Key is not null) AllVars(si.Key, into);
                AllVars(si.Value, into);
                AllVars(si.Collection, into);
                break;
            case EveryExpr e:
                if (e.Key is not null) AllVars(e.Key, into);
                AllVars(e.Value, into);
                AllVars(e.Domain, into);
                AllVars(e.Body, into);
                break;
        }
        foreach (var w in l.With) AllVars(w.Value, into);
    }

    /// <summary>Vars that the literal can bind (ignoring what it needs).</summary>
    public HashSet<string> Outputs(Literal l)
    {
        var outs = new HashSet<string>();
        var ins = new HashSet<string>();
        if (l.Negated) return outs;
        switch (l.Expr)
        {
            case TermExpr te: Input(te.Term, ins, outs, null); break;
            case UnifyExpr u: Pattern(u.Left, ins, outs, null); Pattern(u.Right, ins, outs, null); break;
            case AssignExpr a: Pattern(a.Left, ins, outs, null); Input(a.Right, ins, outs, null); break;
            case SomeInExpr si:
                if (si.Key is not null) Pattern(si.Key, ins, outs, null);
                Pattern(si.Value, ins, outs, null);
                Input(si.Collection, ins, outs, null);
                break;
        }
        outs.RemoveWhere(IsRoot);
        return outs;
    }

    /// <summary>Vars that must be bound before the literal runs; <paramref name="known"/> are vars bound somewhere in scope.</summary>
    public HashSet<string> Needs(Literal l, HashSet<string> known)
    {
        var outs = new HashSet<string>();
        var ins = new HashSet<string>();
        if (l.Negated || l.Expr is EveryExpr)
        {
            var all = new HashSet<string>();
            AllVars(l, all);
            all.IntersectWith(known);
            return all;
        }
        switch (l.Expr)
        {
            case TermExpr te: Input(te.Term, ins, outs, known); break;
            case UnifyExpr u:
                Pattern(u.Left, ins, outs, known);
                Pattern(u.Right, ins, outs, known);
                // x = y with both plain vars: one side must be bound.
                if (u.Left is VarTerm lv && u.Right is VarTerm rv && !lv.IsWildcard && !rv.IsWildcard)
                {
                    ins.Add(known.Contains(lv.Name) ? lv.Name : rv.Name);
                }
                break;
            case AssignExpr a: Pattern(a.Left, ins, outs, known); Input(a.Right, ins, outs, known); break;
            case SomeInExpr si:
                if (si.Key is not null) Pattern(si.Key, ins, outs, known);
                Pattern(si.Value, ins, outs, known);
                Input(si.Collection, ins, outs, known);
                break;
        }
        foreach (var w in l.With)
        {
            // A with value may name a function (with f as g); only variables bound in scope count.
            var withVars = new HashSet<string>();
            AllVars(w.Value, withVars);
            if (known is not null) withVars.IntersectWith(known);
            ins.UnionWith(withVars);
        }
        ins.RemoveWhere(IsRoot);
        return ins;
    }

    private void Pattern(Term t, HashSet<string> ins, HashSet<string> outs, HashSet<string>? known)
    {
        switch (t)
        {
            case VarTerm v: outs.Add(v.Name); break;
            case ArrayTerm a: foreach (var i in a.Items) Pattern(i, ins, outs, known); break;
            case ObjectTerm o:
                foreach (var kv in o.Items) { Input(kv.Key, ins, outs, known); Pattern(kv.Value, ins, outs, known); }
                break;
            default: Input(t, ins, outs, known); break;
        }
    }

    private void Input(Term t, HashSet<string> ins, HashSet<string> outs, HashSet<string>? known)
    {
        switch (t)
        {
            case VarTerm v:
                if (!v.IsWildcard) ins.Add(v.Name);
                break;
            case RefTerm r:
                if (r.Head is VarTerm hv) { if (!IsRoot(hv.Name)) ins.Add(hv.Name); }
                else Input(r.Head, ins, outs, known);
                foreach (var p in r.Path)
                {
                    if (p is VarTerm pv) outs.Add(pv.Name);
                    else if (p is ArrayTerm or ObjectTerm) Pattern(p, ins, outs, known);
                    else Input(p, ins, outs, known);
                }
                break;
            case ArrayTerm a: foreach (var i in a.Items) Input(i, ins, outs, known); break;
            case SetTerm s: foreach (var i in s.Items) Input(i, ins, outs, known); break;
            case ObjectTerm o:
                foreach (var kv in o.Items) { Input(kv.Key, ins, outs, known); Input(kv.Value, ins, outs, known); }
                break;
            case TemplateTerm tt: foreach (var p in tt.Parts) Input(p, ins, outs, known); break;
            case CallTerm c:
            {
                var arity = _arity(c.Name, c.DataPath);
                for (var i = 0; i < c.Args.Count; i++)
                {
                    if (arity is { } n && i >= n) Pattern(c.Args[i], ins, outs, known);
                    else Input(c.Args[i], ins, outs, known);
                }
                break;
            }
            case ArrayComprehension or SetComprehension or ObjectComprehension:
            {
                // A comprehension closes over the vars that are bound outside it.
                if (known is null) break;
                var all = new HashSet<string>();
                AllVars(t, all);
                all.IntersectWith(known);
                ins.UnionWith(all);
                break;
            }
        }
    }
}

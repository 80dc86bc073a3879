using Steward.Rego.Syntax;

namespace Steward.Rego.Compilation;

/// <summary>
/// Which variables a literal binds once others are bound (OPA's outputVarsForExpr). This drives
/// the safety reordering in <see cref="BodyOrderer"/>.
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

    /// <summary>Whether a bare name is a builtin function (a `with` value may name one).</summary>
    public bool IsFunctionName(string name) => _arity(name, null) is not null;

    /// <summary>
    /// OPA's outputVarsForExpr: the variables the literal binds when those in <paramref name="safe"/>
    /// are bound. A negated literal binds nothing; nor does one whose `with` values are not safe.
    /// </summary>
    public HashSet<string> Outputs(Literal l, IReadOnlySet<string> safe)
    {
        var none = new HashSet<string>(StringComparer.Ordinal);
        if (l.Negated) return none;
        foreach (var w in l.With)
        {
            if (SafetyVars.FunctionName(w.Value) is { } fn && IsFunctionName(fn)) continue;
            if (!SafetyVars.Check.Of(w.Value).IsSubsetOf(safe)) return none;
        }
        switch (l.Expr)
        {
            case TermExpr { Term: CallTerm c }: return CallOutputs(c, safe);
            case TermExpr te: return TermOutputs([te.Term], safe);
            case UnifyExpr u: return EqualityOutputs(u.Left, u.Right, safe);
            case AssignExpr a: return EqualityOutputs(a.Left, a.Right, safe);
            case SomeInExpr si:
            {
                // OPA rewrites `some k, v in xs` into unifications with xs[k]: once the collection is
                // safe, the key and value patterns are bound.
                var outs = TermOutputs([si.Collection], safe);
                var known = new HashSet<string>(safe, StringComparer.Ordinal);
                known.UnionWith(outs);
                if (!SafetyVars.Check.Of(si.Collection).IsSubsetOf(known)) return outs;
                if (si.Key is not null) SafetyVars.Pattern.Walk(si.Key, outs);
                SafetyVars.Pattern.Walk(si.Value, outs);
                outs.ExceptWith(safe);
                return outs;
            }
            case EveryExpr ev: return TermOutputs([ev.Domain], safe);
            default: return none;
        }
    }

    private static HashSet<string> EqualityOutputs(Term left, Term right, IReadOnlySet<string> safe)
    {
        var output = TermOutputs([left, right], safe);
        output.UnionWith(safe);
        output.UnionWith(SafetyUnifier.Unify(output, left, right));
        output.ExceptWith(safe);
        return output;
    }

    /// <summary>OPA's outputVarsForExprCall: output arguments are bound once the input arguments are safe.</summary>
    private HashSet<string> CallOutputs(CallTerm c, IReadOnlySet<string> safe)
    {
        var output = TermOutputs([c], safe);
        if (_arity(c.Name, c.DataPath) is not { } arity || arity >= c.Args.Count) return output;
        var inputs = new HashSet<string>(StringComparer.Ordinal);
        for (var i = 0; i < arity; i++) SafetyVars.CallArgs.Walk(c.Args[i], inputs);
        inputs.ExceptWith(output);
        inputs.RemoveWhere(safe.Contains);
        if (inputs.Count > 0) return new HashSet<string>(StringComparer.Ordinal);
        for (var i = arity; i < c.Args.Count; i++) SafetyVars.CallArgs.Walk(c.Args[i], output);
        return output;
    }

    /// <summary>OPA's outputVarsForTerms: the variables in the paths of references whose heads are safe.</summary>
    private static HashSet<string> TermOutputs(IEnumerable<Term> terms, IReadOnlySet<string> safe)
    {
        var output = new HashSet<string>(StringComparer.Ordinal);
        foreach (var t in terms) TermOutputs(t, safe, output);
        return output;
    }

    private static void TermOutputs(Term t, IReadOnlySet<string> safe, HashSet<string> output)
    {
        switch (t)
        {
            case RefTerm r:
                if (SafetyUnifier.IsRefSafe(r, safe)) SafetyVars.RefOutputs.Walk(r, output);
                break;
            case ArrayTerm a: foreach (var i in a.Items) TermOutputs(i, safe, output); break;
            case SetTerm s: foreach (var i in s.Items) TermOutputs(i, safe, output); break;
            case ObjectTerm o:
                foreach (var kv in o.Items) { TermOutputs(kv.Key, safe, output); TermOutputs(kv.Value, safe, output); }
                break;
            case CallTerm c: foreach (var a in c.Args) TermOutputs(a, safe, output); break;
            // A template string, like a comprehension, binds nothing outside itself.
        }
    }
}

using Steward.Rego.Syntax;

namespace Steward.Rego.Compilation;

/// <summary>
/// The variable visitors of OPA's safety analysis (ast.VarVisitor with its parameters): which
/// variables of a term count, depending on whether closures, object keys, sets and reference
/// heads are skipped. The roots data and input are never variables here.
/// </summary>
internal readonly record struct SafetyVars(bool SkipClosures, bool SkipRefHead, bool SkipObjectKeys, bool SkipSets)
{
    /// <summary>OPA's SafetyCheckVisitorParams: every variable outside closures (comprehensions, every bodies).</summary>
    public static readonly SafetyVars Check = new(SkipClosures: true, SkipRefHead: false, SkipObjectKeys: false, SkipSets: false);

    /// <summary>The unifier's visitor: variables a pattern binds (not reference heads, object keys or closures).</summary>
    public static readonly SafetyVars Pattern = new(SkipClosures: true, SkipRefHead: true, SkipObjectKeys: true, SkipSets: false);

    /// <summary>The visitor of a call's arguments: as <see cref="Pattern"/>, and sets are skipped too.</summary>
    public static readonly SafetyVars CallArgs = new(SkipClosures: true, SkipRefHead: true, SkipObjectKeys: true, SkipSets: true);

    /// <summary>Ref.OutputVars: every variable of a reference but its head.</summary>
    public static readonly SafetyVars RefOutputs = new(SkipClosures: true, SkipRefHead: true, SkipObjectKeys: false, SkipSets: false);

    public HashSet<string> Of(Term t)
    {
        var into = new HashSet<string>(StringComparer.Ordinal);
        Walk(t, into);
        return into;
    }

    public void Walk(Term t, HashSet<string> into)
    {
        switch (t)
        {
            case VarTerm v:
                if (!VarAnalysis.IsRoot(v.Name)) into.Add(v.Name);
                break;
            case RefTerm r:
                if (!SkipRefHead || r.Head is not VarTerm) Walk(r.Head, into);
                foreach (var p in r.Path) Walk(p, into);
                break;
            case ArrayTerm a:
                foreach (var i in a.Items) Walk(i, into);
                break;
            case SetTerm s:
                if (SkipSets) break;
                foreach (var i in s.Items) Walk(i, into);
                break;
            case ObjectTerm o:
                foreach (var kv in o.Items)
                {
                    if (!SkipObjectKeys) Walk(kv.Key, into);
                    Walk(kv.Value, into);
                }
                break;
            case CallTerm c:
                foreach (var a in c.Args) Walk(a, into);
                break;
            case TemplateTerm tt:
                foreach (var p in tt.Parts) Walk(p, into);
                break;
            case ArrayComprehension or SetComprehension or ObjectComprehension when !SkipClosures:
                VarAnalysis.AllVars(t, into);
                break;
        }
    }

    /// <summary>The dotted name a `with` value spells (count, opa.runtime), or null when it is not a bare name.</summary>
    public static string? FunctionName(Term t) => t switch
    {
        VarTerm v => v.Name,
        RefTerm { Head: VarTerm h } r when r.Path.All(p => p is ScalarTerm { Value: Values.RegoString }) =>
            string.Join('.', r.Path.Select(p => ((Values.RegoString)((ScalarTerm)p).Value).Value).Prepend(h.Name)),
        _ => null,
    };

    /// <summary>
    /// The variables of a literal that must be safe before it runs (OPA's Expr.Vars with
    /// SafetyCheckVisitorParams): closures and with targets are skipped, an every contributes its
    /// domain, a some declaration nothing (OPA drops it before the check).
    /// </summary>
    public static HashSet<string> OfLiteral(Literal l, Func<string, bool> isFunctionName)
    {
        var into = new HashSet<string>(StringComparer.Ordinal);
        switch (l.Expr)
        {
            case TermExpr te: Check.Walk(te.Term, into); break;
            case UnifyExpr u: Check.Walk(u.Left, into); Check.Walk(u.Right, into); break;
            case AssignExpr a: Check.Walk(a.Left, into); Check.Walk(a.Right, into); break;
            case SomeInExpr si:
                if (si.Key is not null) Check.Walk(si.Key, into);
                Check.Walk(si.Value, into);
                Check.Walk(si.Collection, into);
                break;
            case EveryExpr ev: Check.Walk(ev.Domain, into); break;
        }
        foreach (var w in l.With)
        {
            // `with f as g` names a function by a bare name; OPA has resolved it to a reference by now.
            if (FunctionName(w.Value) is { } fn && isFunctionName(fn)) continue;
            Check.Walk(w.Value, into);
        }
        return into;
    }
}

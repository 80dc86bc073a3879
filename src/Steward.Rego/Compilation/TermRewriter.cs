using Steward.Rego.Syntax;

namespace Steward.Rego.Compilation;

/// <summary>Rebuilding a term around rewritten children, for the compiler's passes over terms.</summary>
internal static class TermRewriter
{
    /// <summary>
    /// The term with <paramref name="f"/> applied to each direct child of a reference, array, set,
    /// object, call or template; other terms (scalars, variables, comprehensions) as they are.
    /// </summary>
    public static Term MapChildren(Term t, Func<Term, Term> f) => t switch
    {
        RefTerm r => new RefTerm(f(r.Head), [.. r.Path.Select(f)], r.Loc),
        ArrayTerm a => new ArrayTerm([.. a.Items.Select(f)], a.Loc),
        SetTerm s => new SetTerm([.. s.Items.Select(f)], s.Loc),
        ObjectTerm o => new ObjectTerm([.. o.Items.Select(kv => new KeyValuePair<Term, Term>(f(kv.Key), f(kv.Value)))], o.Loc),
        CallTerm c => c with { Args = [.. c.Args.Select(f)] },
        TemplateTerm tt => tt with { Parts = [.. tt.Parts.Select(f)] },
        _ => t,
    };

    /// <summary>The terms of a literal outside its closures (an every contributes its domain), then its `with` values.</summary>
    public static IEnumerable<Term> Terms(Literal l)
    {
        IEnumerable<Term> terms = l.Expr switch
        {
            TermExpr te => [te.Term],
            UnifyExpr u => [u.Left, u.Right],
            AssignExpr a => [a.Left, a.Right],
            SomeInExpr si => si.Key is null ? [si.Value, si.Collection] : [si.Key, si.Value, si.Collection],
            EveryExpr ev => [ev.Domain],
            _ => [],
        };
        return terms.Concat(l.With.Select(w => w.Value));
    }
}

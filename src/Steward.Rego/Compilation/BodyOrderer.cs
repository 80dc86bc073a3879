using Steward.Rego.Syntax;

namespace Steward.Rego.Compilation;

/// <summary>Reorders literals so that each runs once the variables it reads are bound (OPA's safety reordering).</summary>
internal sealed class BodyOrderer
{
    private readonly VarAnalysis _analysis;

    public BodyOrderer(VarAnalysis analysis) => _analysis = analysis;

    public Body Order(Body body, HashSet<string> outerBound)
    {
        var lits = body.Literals.Select(l => OrderNested(l, outerBound, body)).ToList();
        var known = new HashSet<string>(outerBound);
        foreach (var l in lits) known.UnionWith(_analysis.Outputs(l));
        var bound = new HashSet<string>(outerBound);
        var result = new List<Literal>(lits.Count);
        var remaining = new List<Literal>(lits);
        while (remaining.Count > 0)
        {
            var pick = -1;
            for (var i = 0; i < remaining.Count; i++)
            {
                var needs = _analysis.Needs(remaining[i], known);
                needs.IntersectWith(known);
                if (needs.IsSubsetOf(bound)) { pick = i; break; }
            }
            if (pick < 0) pick = 0;
            var lit = remaining[pick];
            remaining.RemoveAt(pick);
            result.Add(lit);
            bound.UnionWith(_analysis.Outputs(lit));
        }
        CheckSafety(result, outerBound, known);
        return new Body(result);
    }

    /// <summary>
    /// OPA's safety check: every variable a literal reads must be bound by an earlier literal
    /// (or the enclosing scope); otherwise rego_unsafe_var_error at the variable's literal.
    /// </summary>
    private void CheckSafety(List<Literal> ordered, HashSet<string> outerBound, HashSet<string> known)
    {
        var bound = new HashSet<string>(outerBound);
        foreach (var lit in ordered)
        {
            var needs = _analysis.Needs(lit, known);
            needs.ExceptWith(bound);
            needs.RemoveWhere(v => v.StartsWith("__wildcard", StringComparison.Ordinal));
            // A literal's own outputs are not its inputs (x = [x | ...] closes over nothing yet).
            needs.ExceptWith(_analysis.Outputs(lit));
            if (!lit.Negated && lit.Expr is UnifyExpr { Left: VarTerm lv, Right: VarTerm rv })
            {
                // x = y needs one side bound, either one.
                needs.Remove(lv.Name);
                needs.Remove(rv.Name);
                if (!bound.Contains(lv.Name) && !bound.Contains(rv.Name) && !VarAnalysis.IsRoot(lv.Name) && !VarAnalysis.IsRoot(rv.Name))
                    needs.Add(string.CompareOrdinal(lv.Name, rv.Name) < 0 ? lv.Name : rv.Name);
            }
            if (needs.Count > 0)
            {
                var name = needs.Order(StringComparer.Ordinal).First();
                throw new RegoException(RegoErrorCodes.UnsafeVar, $"var {name} is unsafe", lit.Loc);
            }
            bound.UnionWith(_analysis.Outputs(lit));
        }
    }

    /// <summary>Orders the bodies nested in a literal; they see every var the enclosing body can bind.</summary>
    private Literal OrderNested(Literal l, HashSet<string> outerBound, Body enclosing)
    {
        var scope = new HashSet<string>(outerBound);
        foreach (var s in enclosing.Literals) scope.UnionWith(_analysis.Outputs(s));
        Expr e = l.Expr switch
        {
            TermExpr te => new TermExpr(Term(te.Term, scope)),
            UnifyExpr u => new UnifyExpr(Term(u.Left, scope), Term(u.Right, scope)),
            AssignExpr a => new AssignExpr(a.Left, Term(a.Right, scope)),
            SomeInExpr si => new SomeInExpr(si.Key, si.Value, Term(si.Collection, scope)),
            EveryExpr ev => Every(ev, scope),
            _ => l.Expr,
        };
        var withs = l.With.Select(w => w with { Value = Term(w.Value, scope) }).ToList();
        return l with { Expr = e, With = withs };
    }

    private EveryExpr Every(EveryExpr ev, HashSet<string> scope)
    {
        var inner = new HashSet<string>(scope);
        if (ev.Key is not null) VarAnalysis.AllVars(ev.Key, inner);
        VarAnalysis.AllVars(ev.Value, inner);
        return ev with { Domain = Term(ev.Domain, scope), Body = Order(ev.Body, inner) };
    }

    private Term Term(Term t, HashSet<string> scope) => t switch
    {
        RefTerm r => new RefTerm(Term(r.Head, scope), [.. r.Path.Select(p => Term(p, scope))], r.Loc),
        ArrayTerm a => new ArrayTerm([.. a.Items.Select(i => Term(i, scope))], a.Loc),
        SetTerm s => new SetTerm([.. s.Items.Select(i => Term(i, scope))], s.Loc),
        ObjectTerm o => new ObjectTerm([.. o.Items.Select(kv => new KeyValuePair<Term, Term>(Term(kv.Key, scope), Term(kv.Value, scope)))], o.Loc),
        CallTerm c => c with { Args = [.. c.Args.Select(a => Term(a, scope))] },
        TemplateTerm tt => tt with { Parts = [.. tt.Parts.Select(p => Term(p, scope))] },
        ArrayComprehension ac => Comprehension(ac.Body, scope, b => new ArrayComprehension(ac.Head, b, ac.Loc)),
        SetComprehension sc => Comprehension(sc.Body, scope, b => new SetComprehension(sc.Head, b, sc.Loc)),
        ObjectComprehension oc => Comprehension(oc.Body, scope, b => new ObjectComprehension(oc.Key, oc.Value, b, oc.Loc)),
        _ => t,
    };

    private Term Comprehension(Body body, HashSet<string> scope, Func<Body, Term> make)
    {
        // Vars of the comprehension that are also bound outside are closures; the rest are local.
        var inner = new HashSet<string>();
        VarAnalysis.AllVars(body, inner);
        inner.IntersectWith(scope);
        return make(Order(body, inner));
    }
}

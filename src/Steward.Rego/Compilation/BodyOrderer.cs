using Steward.Rego.Syntax;

namespace Steward.Rego.Compilation;

/// <summary>
/// OPA's reorderBodyForSafety (v1: closures checked in the same passes): literals run in written order, except that one waits until the
/// literals before it have bound the variables it reads (through references, calls and
/// unification with array and object patterns), and a literal whose comprehension closes over a
/// variable of the body waits until that variable is bound. Comprehension and every bodies are
/// ordered the same way, seeing the variables of the literals before theirs. A variable that no
/// order can bind is rego_unsafe_var_error at the first literal (by position) that reads it.
/// </summary>
internal sealed class BodyOrderer
{
    private readonly VarAnalysis _analysis;

    private readonly ShadowRenamer _shadows = new();

    public BodyOrderer(VarAnalysis analysis) => _analysis = analysis;

    public bool IsFunctionName(string name) => _analysis.IsFunctionName(name);

    /// <summary>An unsafe variable and the literal that reads it.</summary>
    private readonly record struct UnsafeVar(string Name, SourceLocation? Loc);

    public Body Order(Body body, HashSet<string> outerBound)
    {
        var problems = new List<UnsafeVar>();
        var ordered = Order(body, outerBound, problems);
        ThrowIfUnsafe(problems);
        return ordered;
    }

    /// <summary>Orders the comprehensions of a rule head (OPA moves them into the body first).</summary>
    public Term OrderHeadTerm(Term t, HashSet<string> globals)
    {
        var problems = new List<UnsafeVar>();
        var ordered = Closures(t, globals, null, problems);
        ThrowIfUnsafe(problems);
        return ordered;
    }

    private static void ThrowIfUnsafe(List<UnsafeVar> problems)
    {
        if (problems.Count == 0) return;
        // OPA reports every unsafe variable at its first literal; the first error is the earliest one.
        var first = problems
            .OrderBy(p => p.Loc?.Line ?? int.MaxValue).ThenBy(p => p.Loc?.Column ?? int.MaxValue)
            .ThenBy(p => p.Name, StringComparer.Ordinal).First();
        throw new RegoException(RegoErrorCodes.UnsafeVar, $"var {ShadowRenamer.Original(first.Name)} is unsafe", first.Loc);
    }

    private Body Order(Body body, IReadOnlySet<string> globals, List<UnsafeVar> problems)
    {
        var literals = _shadows.Apply(body.Literals);
        var vars = literals.Select(l => SafetyVars.OfLiteral(l, _analysis.IsFunctionName)).ToList();
        var bodyVars = new HashSet<string>(StringComparer.Ordinal);
        foreach (var v in vars) bodyVars.UnionWith(v);
        var closed = literals.Select(ClosureVars).ToList();

        // Each pass adds, in written order, every literal whose variables are all safe by then and
        // whose closures only use variables that the literals already added bind.
        var safe = new HashSet<string>(bodyVars.Where(globals.Contains), StringComparer.Ordinal);
        var pending = vars.Select(v => new HashSet<string>(v.Where(x => !safe.Contains(x)), StringComparer.Ordinal)).ToList();
        var order = new List<int>(literals.Count);
        var placed = new bool[literals.Count];
        int before;
        do
        {
            before = order.Count;
            for (var i = 0; i < literals.Count; i++)
            {
                if (placed[i]) continue;
                var outputs = _analysis.Outputs(literals[i], safe);
                var closedOver = new HashSet<string>(closed[i], StringComparer.Ordinal);
                closedOver.IntersectWith(bodyVars);
                closedOver.ExceptWith(globals);
                if (closedOver.Count > 0) closedOver.ExceptWith(OutputsOfBody(order.Select(j => literals[j]), safe));
                if (closedOver.Count > 0)
                {
                    // x = [x | x = 1] closes over its own output: it can never run.
                    if (closedOver.SetEquals(outputs)) continue;
                    pending[i] = closedOver;
                }
                pending[i].RemoveWhere(v => outputs.Contains(v) || safe.Contains(v));
                if (pending[i].Count == 0)
                {
                    order.Add(i);
                    placed[i] = true;
                    safe.UnionWith(outputs);
                }
            }
        }
        while (order.Count != before);

        var unplaced = Enumerable.Range(0, literals.Count).Where(i => !placed[i]).ToList();
        foreach (var i in unplaced)
        {
            foreach (var v in pending[i].Where(v => !IsGenerated(v))) problems.Add(new UnsafeVar(v, literals[i].Loc));
        }
        if (unplaced.Count > 0 && problems.Count > 0) return body;
        // A literal left unsafe only by wildcards keeps its place at the end; evaluation decides.
        order.AddRange(unplaced);

        // Closures see the variables of the literals before theirs.
        var result = new List<Literal>(order.Count);
        var scope = new HashSet<string>(globals, StringComparer.Ordinal);
        for (var n = 0; n < order.Count; n++)
        {
            if (n > 0) scope.UnionWith(vars[order[n - 1]]);
            result.Add(Closures(literals[order[n]], scope, problems));
        }
        return new Body(result);
    }

    private HashSet<string> OutputsOfBody(IEnumerable<Literal> body, IReadOnlySet<string> safe)
    {
        var o = new HashSet<string>(safe, StringComparer.Ordinal);
        foreach (var l in body) o.UnionWith(_analysis.Outputs(l, o));
        o.ExceptWith(safe);
        return o;
    }

    /// <summary>Every variable inside the literal's closures (comprehensions, every bodies).</summary>
    private static HashSet<string> ClosureVars(Literal l)
    {
        var into = new HashSet<string>(StringComparer.Ordinal);
        void Walk(Term t)
        {
            switch (t)
            {
                case ArrayComprehension or SetComprehension or ObjectComprehension: into.UnionWith(FreeVars(t)); break;
                case RefTerm r: Walk(r.Head); foreach (var p in r.Path) Walk(p); break;
                case ArrayTerm a: foreach (var i in a.Items) Walk(i); break;
                case SetTerm s: foreach (var i in s.Items) Walk(i); break;
                case ObjectTerm o: foreach (var kv in o.Items) { Walk(kv.Key); Walk(kv.Value); } break;
                case CallTerm c: foreach (var a in c.Args) Walk(a); break;
                case TemplateTerm tt: foreach (var p in tt.Parts) Walk(p); break;
            }
        }
        foreach (var t in TermRewriter.Terms(l)) Walk(t);
        if (l.Expr is EveryExpr ev)
        {
            var inner = new HashSet<string>(StringComparer.Ordinal);
            VarAnalysis.AllVars(ev.Body, inner);
            inner.ExceptWith(NameResolver.Declared(ev.Body, null));
            if (ev.Key is not null) inner.ExceptWith(SafetyVars.Pattern.Of(ev.Key));
            inner.ExceptWith(SafetyVars.Pattern.Of(ev.Value));
            into.UnionWith(inner);
        }
        return into;
    }

    /// <summary>
    /// The variables of a comprehension that may refer to the enclosing body: all but those its
    /// bodies declare (:=, some), which OPA renames into fresh locals.
    /// </summary>
    private static HashSet<string> FreeVars(Term comprehension)
    {
        var vars = new HashSet<string>(StringComparer.Ordinal);
        VarAnalysis.AllVars(comprehension, vars);
        vars.ExceptWith(DeclaredInside(comprehension));
        return vars;
    }

    private static HashSet<string> DeclaredInside(Term comprehension) => comprehension switch
    {
        ArrayComprehension ac => NameResolver.Declared(ac.Body, null),
        SetComprehension sc => NameResolver.Declared(sc.Body, null),
        ObjectComprehension oc => NameResolver.Declared(oc.Body, null),
        _ => [],
    };

    private static bool IsGenerated(string name) => name.StartsWith("__", StringComparison.Ordinal) && !ShadowRenamer.IsRenamed(name);

    /// <summary>Orders the bodies of the literal's closures, each seeing <paramref name="scope"/>.</summary>
    private Literal Closures(Literal l, HashSet<string> scope, List<UnsafeVar> problems)
    {
        Term T(Term t) => Closures(t, scope, l.Loc, problems);
        Expr e = l.Expr switch
        {
            TermExpr te => new TermExpr(T(te.Term)),
            UnifyExpr u => new UnifyExpr(T(u.Left), T(u.Right)),
            AssignExpr a => new AssignExpr(T(a.Left), T(a.Right)),
            SomeInExpr si => new SomeInExpr(si.Key, si.Value, T(si.Collection)),
            EveryExpr ev => Every(ev, scope, problems),
            _ => l.Expr,
        };
        var withs = l.With.Select(w => w with { Value = T(w.Value) }).ToList();
        return l with { Expr = e, With = withs };
    }

    private EveryExpr Every(EveryExpr ev, HashSet<string> scope, List<UnsafeVar> problems)
    {
        var inner = new HashSet<string>(scope, StringComparer.Ordinal);
        inner.ExceptWith(NameResolver.Declared(ev.Body, null));
        if (ev.Key is not null) VarAnalysis.AllVars(ev.Key, inner);
        VarAnalysis.AllVars(ev.Value, inner);
        return ev with { Domain = Closures(ev.Domain, scope, null, problems), Body = Order(ev.Body, inner, problems) };
    }

    private Term Closures(Term t, HashSet<string> scope, SourceLocation? at, List<UnsafeVar> problems)
    {
        Term T(Term x) => Closures(x, scope, at, problems);
        return t switch
        {
            ArrayComprehension ac => new ArrayComprehension(ac.Head, Comprehension([ac.Head], ac.Body, scope, at ?? ac.Loc, problems), ac.Loc),
            SetComprehension sc => new SetComprehension(sc.Head, Comprehension([sc.Head], sc.Body, scope, at ?? sc.Loc, problems), sc.Loc),
            ObjectComprehension oc => new ObjectComprehension(oc.Key, oc.Value, Comprehension([oc.Key, oc.Value], oc.Body, scope, at ?? oc.Loc, problems), oc.Loc),
            _ => TermRewriter.MapChildren(t, T),
        };
    }

    /// <summary>
    /// OPA's reorderComprehensionSafety: the head may only use variables of the body or of the
    /// scope (else unsafe at the enclosing literal); the body is ordered with the scope as bound.
    /// </summary>
    private Body Comprehension(IEnumerable<Term> head, Body body, HashSet<string> outer, SourceLocation? at, List<UnsafeVar> problems)
    {
        // Names the body declares are its own, even when the enclosing body uses them too.
        var scope = new HashSet<string>(outer, StringComparer.Ordinal);
        scope.ExceptWith(NameResolver.Declared(body, null));
        var headVars = new HashSet<string>(StringComparer.Ordinal);
        foreach (var h in head) VarAnalysis.AllVars(h, headVars);
        var bodyVars = new HashSet<string>(scope, StringComparer.Ordinal);
        foreach (var l in body.Literals) bodyVars.UnionWith(SafetyVars.OfLiteral(l, _analysis.IsFunctionName));
        foreach (var v in headVars.Where(v => !bodyVars.Contains(v) && !IsGenerated(v))) problems.Add(new UnsafeVar(v, at));
        return Order(body, scope, problems);
    }
}

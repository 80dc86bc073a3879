using Steward.Rego.Syntax;
using Steward.Rego.Values;

namespace Steward.Rego.Compilation;

/// <summary>
/// Rewrites names that refer to rules of the package or to imports into data/input references, and
/// marks calls of user functions with their data path. Locally declared names shadow globals.
/// </summary>
internal sealed class NameResolver
{
    private readonly Dictionary<string, IReadOnlyList<string>> _globals;

    public NameResolver(Dictionary<string, IReadOnlyList<string>> globals) => _globals = globals;

    /// <summary>Names declared in a body (some, :=, some..in, every) or bound as function arguments.</summary>
    public static HashSet<string> Declared(Body body, IEnumerable<Term>? args)
    {
        var set = new HashSet<string>();
        if (args is not null)
        {
            foreach (var a in args) VarAnalysis.AllVars(a, set);
        }
        foreach (var l in body.Literals)
        {
            switch (l.Expr)
            {
                case SomeExpr s: foreach (var v in s.Vars) set.Add(v.Name); break;
                case AssignExpr a: PatternVars(a.Left, set); break;
                case SomeInExpr si:
                    if (si.Key is not null) PatternVars(si.Key, set);
                    PatternVars(si.Value, set);
                    break;
            }
        }
        return set;
    }

    private static void PatternVars(Term t, HashSet<string> into)
    {
        switch (t)
        {
            case VarTerm v: into.Add(v.Name); break;
            case ArrayTerm a: foreach (var i in a.Items) PatternVars(i, into); break;
            case ObjectTerm o: foreach (var kv in o.Items) PatternVars(kv.Value, into); break;
        }
    }

    private static Term DataRef(IReadOnlyList<string> path, SourceLocation? loc)
    {
        Term head = new VarTerm(path[0], loc);
        if (path.Count == 1) return head;
        return new RefTerm(head, [.. path.Skip(1).Select(p => (Term)new ScalarTerm(new RegoString(p), loc))], loc);
    }

    public Body Body(Body body, HashSet<string> locals)
    {
        var inner = new HashSet<string>(locals);
        inner.UnionWith(Declared(body, null));
        return new Body([.. body.Literals.Select(l => Literal(l, inner))]);
    }

    private Literal Literal(Literal l, HashSet<string> locals)
    {
        Expr e = l.Expr switch
        {
            TermExpr te => new TermExpr(Term(te.Term, locals)),
            UnifyExpr u => new UnifyExpr(Term(u.Left, locals), Term(u.Right, locals)),
            AssignExpr a => new AssignExpr(Term(a.Left, locals), Term(a.Right, locals)),
            SomeInExpr si => new SomeInExpr(si.Key is null ? null : Term(si.Key, locals), Term(si.Value, locals), Term(si.Collection, locals)),
            EveryExpr ev => Every(ev, locals),
            _ => l.Expr,
        };
        var withs = l.With.Select(w => new WithModifier(Term(w.Target, locals), Term(w.Value, locals), w.Loc)).ToList();
        return l with { Expr = e, With = withs };
    }

    private EveryExpr Every(EveryExpr ev, HashSet<string> locals)
    {
        var inner = new HashSet<string>(locals);
        if (ev.Key is not null) VarAnalysis.AllVars(ev.Key, inner);
        VarAnalysis.AllVars(ev.Value, inner);
        return new EveryExpr(ev.Key, ev.Value, Term(ev.Domain, locals), Body(ev.Body, inner));
    }

    public Term Term(Term t, HashSet<string> locals)
    {
        switch (t)
        {
            case VarTerm v:
                if (!locals.Contains(v.Name) && _globals.TryGetValue(v.Name, out var path)) return DataRef(path, v.Loc);
                return v;
            case RefTerm r:
            {
                var head = Term(r.Head, locals);
                var rest = r.Path.Select(p => Term(p, locals)).ToList();
                if (head is RefTerm hr) return new RefTerm(hr.Head, [.. hr.Path, .. rest], r.Loc);
                return new RefTerm(head, rest, r.Loc);
            }
            case ArrayTerm a: return new ArrayTerm([.. a.Items.Select(i => Term(i, locals))], a.Loc);
            case SetTerm s: return new SetTerm([.. s.Items.Select(i => Term(i, locals))], s.Loc);
            case ObjectTerm o: return new ObjectTerm([.. o.Items.Select(kv => new KeyValuePair<Term, Term>(Term(kv.Key, locals), Term(kv.Value, locals)))], o.Loc);
            case TemplateTerm tt: return tt with { Parts = [.. tt.Parts.Select(p => Term(p, locals))] };
            case CallTerm c:
            {
                var args = c.Args.Select(a => Term(a, locals)).ToList();
                var names = c.Name.Split('.');
                IReadOnlyList<string>? dataPath = null;
                if (names[0] == "data") dataPath = [.. names.Skip(1)];
                else if (!locals.Contains(names[0]) && _globals.TryGetValue(names[0], out var gp) && gp[0] == "data")
                    dataPath = [.. gp.Skip(1), .. names.Skip(1)];
                return new CallTerm(c.Name, args, c.Loc, dataPath);
            }
            case ArrayComprehension ac:
            {
                var body = Body(ac.Body, locals);
                return new ArrayComprehension(Term(ac.Head, WithDeclared(locals, ac.Body)), body, ac.Loc);
            }
            case SetComprehension sc:
            {
                var body = Body(sc.Body, locals);
                return new SetComprehension(Term(sc.Head, WithDeclared(locals, sc.Body)), body, sc.Loc);
            }
            case ObjectComprehension oc:
            {
                var body = Body(oc.Body, locals);
                var inner = WithDeclared(locals, oc.Body);
                return new ObjectComprehension(Term(oc.Key, inner), Term(oc.Value, inner), body, oc.Loc);
            }
            default: return t;
        }
    }

    private static HashSet<string> WithDeclared(HashSet<string> locals, Body body)
    {
        var inner = new HashSet<string>(locals);
        inner.UnionWith(Declared(body, null));
        return inner;
    }
}

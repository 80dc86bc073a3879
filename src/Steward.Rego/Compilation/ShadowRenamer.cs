using System.Globalization;
using Steward.Rego.Syntax;

namespace Steward.Rego.Compilation;

/// <summary>
/// OPA renames a variable declared with := or some from its declaration on (rewriteLocalVars), so a
/// comprehension or every body written before the declaration uses a variable of its own with the
/// same name, not the declared one. This gives such uses a fresh name, __shadow_N_name, that
/// errors print as the original.
/// </summary>
internal sealed class ShadowRenamer
{
    private const string Prefix = "__shadow_";
    private int _next;

    /// <summary>The name as written, for a renamed variable.</summary>
    public static string Original(string name)
    {
        if (!name.StartsWith(Prefix, StringComparison.Ordinal)) return name;
        var rest = name[Prefix.Length..];
        var cut = rest.IndexOf('_', StringComparison.Ordinal);
        return cut < 0 ? name : rest[(cut + 1)..];
    }

    public static bool IsRenamed(string name) => name.StartsWith(Prefix, StringComparison.Ordinal);

    /// <summary>The body with the closures of each literal renamed away from the names declared after it.</summary>
    public IReadOnlyList<Literal> Apply(IReadOnlyList<Literal> literals)
    {
        var declaredAfter = new HashSet<string>(StringComparer.Ordinal);
        var result = new Literal[literals.Count];
        for (var i = literals.Count - 1; i >= 0; i--)
        {
            var lit = literals[i];
            result[i] = declaredAfter.Count == 0 ? lit : InClosures(lit, declaredAfter);
            declaredAfter.UnionWith(NameResolver.Declared(new Body([lit]), null));
        }
        return result;
    }

    private Literal InClosures(Literal l, HashSet<string> names)
    {
        Term T(Term t) => ClosureTerm(t, names);
        Expr e = l.Expr switch
        {
            TermExpr te => new TermExpr(T(te.Term)),
            UnifyExpr u => new UnifyExpr(T(u.Left), T(u.Right)),
            AssignExpr a => new AssignExpr(T(a.Left), T(a.Right)),
            SomeInExpr si => new SomeInExpr(si.Key, si.Value, T(si.Collection)),
            EveryExpr ev => RenameEvery(ev with { Domain = T(ev.Domain) }, Fresh(names, ev)),
            _ => l.Expr,
        };
        return l with { Expr = e, With = [.. l.With.Select(w => w with { Value = T(w.Value) })] };
    }

    /// <summary>Outside closures nothing changes; a closure is renamed as a whole.</summary>
    private Term ClosureTerm(Term t, HashSet<string> names)
    {
        Term T(Term x) => ClosureTerm(x, names);
        switch (t)
        {
            case ArrayComprehension or SetComprehension or ObjectComprehension:
            {
                var used = new HashSet<string>(StringComparer.Ordinal);
                VarAnalysis.AllVars(t, used);
                used.IntersectWith(names);
                if (used.Count == 0) return t;
                var map = used.ToDictionary(n => n, n => Prefix + (_next++).ToString(CultureInfo.InvariantCulture) + "_" + n, StringComparer.Ordinal);
                return Rename(t, map);
            }
            default: return TermRewriter.MapChildren(t, T);
        }
    }

    /// <summary>The key, value and body of an every are one scope: renamed together.</summary>
    private static EveryExpr RenameEvery(EveryExpr ev, Dictionary<string, string> map)
        => ev with { Key = ev.Key is null ? null : Rename(ev.Key, map), Value = Rename(ev.Value, map), Body = Rename(ev.Body, map) };

    private Dictionary<string, string> Fresh(HashSet<string> names, EveryExpr ev)
    {
        var used = new HashSet<string>(StringComparer.Ordinal);
        VarAnalysis.AllVars(ev.Body, used);
        if (ev.Key is not null) VarAnalysis.AllVars(ev.Key, used);
        VarAnalysis.AllVars(ev.Value, used);
        used.IntersectWith(names);
        return used.ToDictionary(n => n, n => Prefix + (_next++).ToString(CultureInfo.InvariantCulture) + "_" + n, StringComparer.Ordinal);
    }

    private static Term Rename(Term t, Dictionary<string, string> map)
    {
        Term T(Term x) => Rename(x, map);
        return t switch
        {
            VarTerm v when map.TryGetValue(v.Name, out var n) => v with { Name = n },
            ArrayComprehension ac => new ArrayComprehension(T(ac.Head), Rename(ac.Body, map), ac.Loc),
            SetComprehension sc => new SetComprehension(T(sc.Head), Rename(sc.Body, map), sc.Loc),
            ObjectComprehension oc => new ObjectComprehension(T(oc.Key), T(oc.Value), Rename(oc.Body, map), oc.Loc),
            _ => TermRewriter.MapChildren(t, T),
        };
    }

    private static Body Rename(Body b, Dictionary<string, string> map)
    {
        if (map.Count == 0) return b;
        return new Body([.. b.Literals.Select(l => Rename(l, map))]);
    }

    private static Literal Rename(Literal l, Dictionary<string, string> map)
    {
        Term T(Term x) => Rename(x, map);
        Expr e = l.Expr switch
        {
            TermExpr te => new TermExpr(T(te.Term)),
            UnifyExpr u => new UnifyExpr(T(u.Left), T(u.Right)),
            AssignExpr a => new AssignExpr(T(a.Left), T(a.Right)),
            SomeExpr s => new SomeExpr([.. s.Vars.Select(v => map.TryGetValue(v.Name, out var n) ? v with { Name = n } : v)]),
            SomeInExpr si => new SomeInExpr(si.Key is null ? null : T(si.Key), T(si.Value), T(si.Collection)),
            EveryExpr ev => new EveryExpr(ev.Key is null ? null : T(ev.Key), T(ev.Value), T(ev.Domain), Rename(ev.Body, map)),
            _ => l.Expr,
        };
        return l with { Expr = e, With = [.. l.With.Select(w => w with { Value = T(w.Value) })] };
    }
}

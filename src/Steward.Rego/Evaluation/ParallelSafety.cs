using System.Runtime.CompilerServices;
using Steward.Rego.Compilation;
using Steward.Rego.Syntax;

namespace Steward.Rego.Evaluation;

/// <summary>
/// Whether a policy's rules may be evaluated by several workers at once and still give exactly
/// what one core gives. Not when they call print (the lines would interleave in another order)
/// or the builtins whose value is drawn once per query and then remembered (rand.intn,
/// uuid.rfc4122: each worker would draw its own). time.now_ns is fixed per query already.
/// Decided once per compiled policy.
/// </summary>
internal static class ParallelSafety
{
    private static readonly ConditionalWeakTable<CompiledPolicy, StrongBox<(bool Prints, bool DrawsPerQuery)>> Scans = new();

    /// <summary>True when the policy neither draws per-query values nor, with print output wanted, prints.</summary>
    public static bool Allows(CompiledPolicy policy, bool printsAreWritten)
    {
        var scan = Scans.GetValue(policy, p => new StrongBox<(bool, bool)>(Scan(p.Root))).Value;
        return !scan.DrawsPerQuery && !(printsAreWritten && scan.Prints);
    }

    private static (bool Prints, bool DrawsPerQuery) Scan(RuleNode root)
    {
        var names = new HashSet<string>(StringComparer.Ordinal);
        var nodes = new Stack<RuleNode>([root]);
        while (nodes.Count > 0)
        {
            var node = nodes.Pop();
            foreach (var child in node.Children.Values) nodes.Push(child);
            foreach (var rule in node.Rules.Concat(node.Defaults))
            {
                for (var r = rule; r is not null; r = r.Else)
                {
                    foreach (var k in r.Keys) Names(k, names);
                    foreach (var a in r.Args ?? []) Names(a, names);
                    Names(r.Value, names);
                    Names(r.Body, names);
                }
            }
        }
        return (names.Contains("print"), names.Contains("rand.intn") || names.Contains("uuid.rfc4122"));
    }

    /// <summary>Every name a body calls, and every name a `with` replaces or replaces with.</summary>
    private static void Names(Body body, HashSet<string> names)
    {
        foreach (var l in body.Literals)
        {
            switch (l.Expr)
            {
                case EveryExpr ev:
                    if (ev.Key is not null) Names(ev.Key, names);
                    Names(ev.Value, names);
                    Names(ev.Domain, names);
                    Names(ev.Body, names);
                    break;
                default:
                    foreach (var t in TermRewriter.Terms(l)) Names(t, names);
                    break;
            }
            foreach (var w in l.With)
            {
                Names(w.Target, names);
                if (DottedName(w.Target) is { } target) names.Add(target);
                if (DottedName(w.Value) is { } value) names.Add(value);
            }
        }
    }

    private static void Names(Term t, HashSet<string> names)
    {
        switch (t)
        {
            case CallTerm c:
                names.Add(c.Name);
                foreach (var a in c.Args) Names(a, names);
                break;
            case RefTerm r:
                Names(r.Head, names);
                foreach (var p in r.Path) Names(p, names);
                break;
            case ArrayTerm a:
                foreach (var x in a.Items) Names(x, names);
                break;
            case SetTerm s:
                foreach (var x in s.Items) Names(x, names);
                break;
            case ObjectTerm o:
                foreach (var (k, v) in o.Items)
                {
                    Names(k, names);
                    Names(v, names);
                }
                break;
            case TemplateTerm tt:
                foreach (var p in tt.Parts) Names(p, names);
                break;
            case ArrayComprehension ac:
                Names(ac.Head, names);
                Names(ac.Body, names);
                break;
            case SetComprehension sc:
                Names(sc.Head, names);
                Names(sc.Body, names);
                break;
            case ObjectComprehension oc:
                Names(oc.Key, names);
                Names(oc.Value, names);
                Names(oc.Body, names);
                break;
        }
    }

    private static string? DottedName(Term t) => t switch
    {
        VarTerm v => v.Name,
        RefTerm { Head: VarTerm hv } r when r.Path.All(p => p is ScalarTerm { Value: Values.RegoString }) =>
            hv.Name + "." + string.Join('.', r.Path.Select(p => ((Values.RegoString)((ScalarTerm)p).Value).Value)),
        _ => null,
    };
}

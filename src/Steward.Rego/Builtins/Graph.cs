using Steward.Rego.Values;
using static Steward.Rego.Builtins.Arg;

namespace Steward.Rego.Builtins;

/// <summary>walk (a relation over every [path, value]) and graph.reachable / reachable_paths.</summary>
internal static class Graph
{
    public static void Register(Registrar r)
    {
        r.Rel("walk", 1, (_, a) => Walk(a[0], []));
        r.Add("graph.reachable", a =>
        {
            var g = Obj("graph.reachable", a, 0);
            var seen = new HashSet<RegoValue>();
            var queue = new Queue<RegoValue>(Arg.Elements("graph.reachable", a, 1));
            while (queue.Count > 0)
            {
                var n = queue.Dequeue();
                if (g.Get(n) is null || !seen.Add(n)) continue;
                foreach (var next in Neighbours(g, n)) queue.Enqueue(next);
            }
            return new RegoSet(seen);
        }, 2);
        r.Add("graph.reachable_paths", a =>
        {
            var g = Obj("graph.reachable_paths", a, 0);
            var paths = new List<RegoValue>();
            foreach (var start in Arg.Elements("graph.reachable_paths", a, 1))
            {
                if (g.Get(start) is null) continue;
                Paths(g, start, [start], paths);
            }
            return new RegoSet(paths);
        }, 2);
    }

    private static IEnumerable<RegoValue> Neighbours(RegoObject g, RegoValue n) => g.Get(n) switch
    {
        RegoArray arr => arr.Items,
        RegoSet s => s.Items,
        _ => [],
    };

    private static void Paths(RegoObject g, RegoValue node, List<RegoValue> path, List<RegoValue> into)
    {
        var next = Neighbours(g, node).Where(n => !path.Contains(n) && g.Get(n) is not null).ToList();
        if (next.Count == 0) { into.Add(new RegoArray(path)); return; }
        foreach (var n in next) Paths(g, n, [.. path, n], into);
    }

    private static IEnumerable<RegoValue> Walk(RegoValue v, List<RegoValue> path)
    {
        yield return new RegoArray([new RegoArray(path), v]);
        switch (v)
        {
            case RegoArray arr:
                for (var i = 0; i < arr.Count; i++)
                {
                    foreach (var x in Walk(arr[i], [.. path, RegoNumber.FromInteger(i)])) yield return x;
                }
                break;
            case RegoObject o:
                foreach (var kv in o.Items)
                {
                    foreach (var x in Walk(kv.Value, [.. path, kv.Key])) yield return x;
                }
                break;
            case RegoSet s:
                foreach (var e in s.Items)
                {
                    foreach (var x in Walk(e, [.. path, e])) yield return x;
                }
                break;
        }
    }
}

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
                var edges = Neighbours(g, start).ToList();
                if (edges.Count == 0) paths.Add(new RegoArray([start]));
                // Each first edge starts a fresh visited set holding only the start node.
                foreach (var next in edges) Paths(g, next, [start], paths, new HashSet<RegoValue> { start });
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

    /// <summary>
    /// OPA's pathBuilder: a node outside the graph ends the path before it; a node without edges
    /// ends it with itself; an edge to a node already reached (in this depth-first walk, not just
    /// this path) ends the path there. As in OPA, the ends found at one node accumulate, so a
    /// second already-reached edge yields the path written twice.
    /// </summary>
    private static void Paths(RegoObject g, RegoValue node, List<RegoValue> path, List<RegoValue> into, HashSet<RegoValue> reached)
    {
        if (g.Get(node) is null) { into.Add(new RegoArray(path)); return; }
        path = [.. path, node];
        var edges = Neighbours(g, node).ToList();
        if (edges.Count == 0) { into.Add(new RegoArray(path)); return; }
        var ended = new List<RegoValue>();
        foreach (var next in edges)
        {
            if (reached.Contains(next))
            {
                ended.AddRange(path);
                into.Add(new RegoArray(ended));
            }
            else
            {
                reached.Add(node);
                Paths(g, next, path, into, reached);
            }
        }
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

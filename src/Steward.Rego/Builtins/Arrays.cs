using Steward.Rego.Values;
using static Steward.Rego.Builtins.Arg;

namespace Steward.Rego.Builtins;

/// <summary>array.concat, array.slice, array.reverse.</summary>
internal static class Arrays
{
    // One level only: [[1], [2, [3]]] becomes [1, 2, [3]].
    private static IEnumerable<RegoValue> Flatten(RegoValue v) => v is RegoArray arr ? arr.Items : [v];

    public static void Register(Registrar r)
    {
        r.Add("array.concat", 2, (ctx, a) =>
        {
            var (x, y) = (Arr("array.concat", a, 0), Arr("array.concat", a, 1));
            ctx.CheckSize("array.concat", (long)x.Count + y.Count);
            return new RegoArray(x.Items.AddRange(y.Items));
        });
        r.Add("array.reverse", a => new RegoArray(Arr("array.reverse", a, 0).Items.Reverse()), 1);
        r.Add("array.flatten", a => new RegoArray(Arr("array.flatten", a, 0).Items.SelectMany(Flatten)), 1);
        r.Add("array.slice", a =>
        {
            var arr = Arr("array.slice", a, 0);
            var lo = Num("array.slice", a, 1);
            var hi = Num("array.slice", a, 2);
            if (!lo.TryGetInt32(out var start)) throw TypeError("array.slice", 1, "integer", a[1]);
            if (!hi.TryGetInt32(out var end)) throw TypeError("array.slice", 2, "integer", a[2]);
            start = Math.Max(0, start);
            end = Math.Min(arr.Count, end);
            if (start >= end) return RegoArray.Empty;
            return new RegoArray(arr.Items.Skip(start).Take(end - start));
        }, 3);
    }
}

using Steward.Rego.Values;
using static Steward.Rego.Builtins.Arg;

namespace Steward.Rego.Builtins;

/// <summary>==, !=, &lt;, ... and membership (in).</summary>
internal static class Comparison
{
    public static void Register(Registrar r)
    {
        r.Add("equal", a => B(a[0].Equals(a[1])), 2);
        r.Add("neq", a => B(!a[0].Equals(a[1])), 2);
        r.Add("lt", a => B(a[0].CompareTo(a[1]) < 0), 2);
        r.Add("lte", a => B(a[0].CompareTo(a[1]) <= 0), 2);
        r.Add("gt", a => B(a[0].CompareTo(a[1]) > 0), 2);
        r.Add("gte", a => B(a[0].CompareTo(a[1]) >= 0), 2);
        r.Add("internal.member_2", a => B(a[1] switch
        {
            RegoArray arr => arr.Items.Contains(a[0]),
            RegoSet s => s.Contains(a[0]),
            RegoObject o => o.Items.ContainsValue(a[0]),
            _ => false,
        }), 2);
        r.Add("internal.member_3", a => B(a[2] switch
        {
            RegoArray arr => a[0] is RegoNumber n && n.TryGetInt32(out var i) && i >= 0 && i < arr.Count && arr[i].Equals(a[1]),
            RegoObject o => o.Get(a[0]) is { } v && v.Equals(a[1]),
            RegoSet s => a[0].Equals(a[1]) && s.Contains(a[0]),
            _ => false,
        }), 3);
    }
}

using Steward.Rego.Values;
using static Steward.Rego.Builtins.Arg;

namespace Steward.Rego.Builtins;

/// <summary>Set algebra: &amp;, |, intersection, union.</summary>
internal static class Sets
{
    public static void Register(Registrar r)
    {
        r.Add("and", a => new RegoSet(Set("and", a, 0).Items.Intersect(Set("and", a, 1).Items)), 2);
        r.Add("or", a => new RegoSet(Set("or", a, 0).Items.Union(Set("or", a, 1).Items)), 2);
        r.Add("intersection", a =>
        {
            var sets = Set("intersection", a, 0).Items.Select(s => s as RegoSet ?? throw TypeError("intersection", 0, "set of sets", s)).ToList();
            if (sets.Count == 0) return RegoSet.Empty;
            var acc = sets[0].Items;
            foreach (var s in sets.Skip(1)) acc = acc.Intersect(s.Items);
            return new RegoSet(acc);
        }, 1);
        r.Add("union", a =>
        {
            var acc = RegoSet.Empty.Items;
            foreach (var s in Set("union", a, 0).Items) acc = acc.Union((s as RegoSet ?? throw TypeError("union", 0, "set of sets", s)).Items);
            return new RegoSet(acc);
        }, 1);
    }
}

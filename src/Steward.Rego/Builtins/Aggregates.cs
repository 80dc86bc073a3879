using System.Globalization;
using Steward.Rego.Values;
using static Steward.Rego.Builtins.Arg;

namespace Steward.Rego.Builtins;

/// <summary>count, sum, product, max, min, sort, all, any.</summary>
internal static class Aggregates
{
    public static void Register(Registrar r)
    {
        r.Add("count", a => N(a[0] switch
        {
            RegoArray arr => arr.Count,
            RegoSet s => s.Count,
            RegoObject o => o.Count,
            RegoString s => new StringInfo(s.Value).LengthInTextElements == s.Value.Length ? s.Value.Length : s.Value.EnumerateRunes().Count(),
            _ => throw TypeError("count", 0, "one of {array, object, set, string}", a[0]),
        }), 1);
        r.Add("sum", a =>
        {
            RegoNumber acc = RegoNumber.Zero;
            foreach (var v in Collection("sum", a)) acc = RegoNumber.Add(acc, v as RegoNumber ?? throw TypeError("sum", 0, "array or set of numbers", v));
            return acc;
        }, 1);
        r.Add("product", a =>
        {
            RegoNumber acc = RegoNumber.One;
            foreach (var v in Collection("product", a)) acc = RegoNumber.Multiply(acc, v as RegoNumber ?? throw TypeError("product", 0, "array or set of numbers", v));
            return acc;
        }, 1);
        r.Add("max", a => { var items = Collection("max", a).ToList(); return items.Count == 0 ? null : items.Max(); }, 1);
        r.Add("min", a => { var items = Collection("min", a).ToList(); return items.Count == 0 ? null : items.Min(); }, 1);
        r.Add("sort", a => new RegoArray(Collection("sort", a).Order(RegoValueComparer.Instance)), 1);
        r.Add("all", a => B(Collection("all", a).All(v => v is RegoBool { Value: true })), 1);
        r.Add("any", a => B(Collection("any", a).Any(v => v is RegoBool { Value: true })), 1);
    }

    private static IEnumerable<RegoValue> Collection(string fn, RegoValue[] a) => a[0] switch
    {
        RegoArray arr => arr.Items,
        RegoSet s => s.Items,
        _ => throw TypeError(fn, 0, "one of {array, set}", a[0]),
    };
}

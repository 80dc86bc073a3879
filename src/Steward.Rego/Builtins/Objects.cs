using Steward.Rego.Values;
using static Steward.Rego.Builtins.Arg;

namespace Steward.Rego.Builtins;

/// <summary>object.get/keys/remove/filter/union/union_n/subset.</summary>
internal static class Objects
{
    public static void Register(Registrar r)
    {
        r.Add("object.get", a =>
        {
            var obj = Obj("object.get", a, 0);
            if (a[1] is RegoArray path)
            {
                RegoValue cur = obj;
                foreach (var k in path.Items)
                {
                    var next = cur switch
                    {
                        RegoObject o => o.Get(k),
                        RegoArray arr when k is RegoNumber n && n.TryGetInt32(out var i) && i >= 0 && i < arr.Count => arr[i],
                        RegoSet s when s.Contains(k) => k,
                        _ => null,
                    };
                    if (next is null) return a[2];
                    cur = next;
                }
                return cur;
            }
            return obj.Get(a[1]) ?? a[2];
        }, 3);
        r.Add("object.keys", a => new RegoSet(Obj("object.keys", a, 0).Items.Keys), 1);
        r.Add("object.remove", a =>
        {
            var obj = Obj("object.remove", a, 0);
            foreach (var k in KeysOf("object.remove", a, 1)) obj = obj.Remove(k);
            return obj;
        }, 2);
        r.Add("object.filter", a =>
        {
            var obj = Obj("object.filter", a, 0);
            var keep = KeysOf("object.filter", a, 1).ToHashSet();
            return new RegoObject(obj.Items.Where(kv => keep.Contains(kv.Key)));
        }, 2);
        r.Add("object.union", a => Union(Obj("object.union", a, 0), Obj("object.union", a, 1)), 2);
        r.Add("object.union_n", a =>
        {
            var acc = RegoObject.Empty;
            foreach (var o in Arr("object.union_n", a, 0).Items)
                acc = Union(acc, o as RegoObject ?? throw TypeError("object.union_n", 0, "array of objects", o));
            return acc;
        }, 1);
        r.Add("object.subset", a =>
        {
            if (a[0] is not (RegoObject or RegoArray or RegoSet)) throw TypeError("object.subset", 0, "one of {object, array, set}", a[0]);
            if (a[1] is not (RegoObject or RegoArray or RegoSet)) throw TypeError("object.subset", 1, "one of {object, array, set}", a[1]);
            return B(Subset(a[0], a[1]));
        }, 2);
    }

    private static IEnumerable<RegoValue> KeysOf(string fn, RegoValue[] a, int i) => a[i] switch
    {
        RegoArray arr => arr.Items,
        RegoSet s => s.Items,
        RegoObject o => o.Items.Keys,
        _ => throw TypeError(fn, i, "one of {object, array, set}", a[i]),
    };

    public static RegoObject Union(RegoObject a, RegoObject b)
    {
        var result = a;
        foreach (var kv in b.Items)
        {
            if (result.Get(kv.Key) is RegoObject ea && kv.Value is RegoObject eb) result = result.Set(kv.Key, Union(ea, eb));
            else result = result.Set(kv.Key, kv.Value);
        }
        return result;
    }

    private static bool Subset(RegoValue sup, RegoValue sub)
    {
        switch (sup, sub)
        {
            case (RegoObject po, RegoObject bo):
                foreach (var kv in bo.Items)
                {
                    var v = po.Get(kv.Key);
                    if (v is null) return false;
                    if (v is RegoObject or RegoSet or RegoArray && kv.Value.Kind == v.Kind) { if (!Subset(v, kv.Value)) return false; }
                    else if (!v.Equals(kv.Value)) return false;
                }
                return true;
            case (RegoSet ps, RegoSet bs):
                return bs.Items.IsSubsetOf(ps.Items);
            case (RegoArray pa, RegoSet bs2):
                return bs2.Items.All(x => pa.Items.Contains(x));
            case (RegoArray pa, RegoArray ba):
            {
                if (ba.Count == 0) return true;
                for (var start = 0; start + ba.Count <= pa.Count; start++)
                {
                    var ok = true;
                    for (var j = 0; j < ba.Count && ok; j++) ok = pa[start + j].Equals(ba[j]);
                    if (ok) return true;
                }
                return false;
            }
            default:
                return sup.Equals(sub);
        }
    }
}

using Steward.Rego.Values;
using static Steward.Rego.Builtins.Arg;

namespace Steward.Rego.Builtins;

/// <summary>json.filter, json.remove, json.patch (RFC 6902).</summary>
internal static class JsonBuiltins
{
    public static void Register(Registrar r)
    {
        r.Add("json.filter", a =>
        {
            var obj = Obj("json.filter", a, 0);
            var trie = Trie.Build("json.filter", a[1]);
            return trie.IsLeaf ? obj : Filter(obj, trie);
        }, 2);
        r.Add("json.remove", a =>
        {
            var obj = Obj("json.remove", a, 0);
            var trie = Trie.Build("json.remove", a[1]);
            return Remove(obj, trie);
        }, 2);
        r.Add("json.patch", a =>
        {
            var doc = a[0];
            foreach (var p in Arr("json.patch", a, 1).Items)
            {
                var next = Patch(doc, p);
                if (next is null) return null;
                doc = next;
            }
            return doc;
        }, 2);
    }

    private sealed class Trie
    {
        public Dictionary<RegoValue, Trie> Children { get; } = [];
        public bool IsLeaf { get; set; }

        public static Trie Build(string fn, RegoValue paths)
        {
            var root = new Trie();
            IEnumerable<RegoValue> items = paths switch
            {
                RegoArray arr => arr.Items,
                RegoSet s => s.Items,
                _ => throw TypeError(fn, 1, "one of {array, set}", paths),
            };
            foreach (var p in items)
            {
                var segs = p switch
                {
                    RegoString s => s.Value.TrimStart('/').Split('/').Where(x => x.Length > 0).Select(x => (RegoValue)new RegoString(x.Replace("~1", "/", StringComparison.Ordinal).Replace("~0", "~", StringComparison.Ordinal))).ToList(),
                    RegoArray arr => [.. arr.Items],
                    _ => throw TypeError(fn, 1, "set or array of strings or arrays", p),
                };
                var n = root;
                if (segs.Count == 0) { root.IsLeaf = true; continue; }
                foreach (var s in segs)
                {
                    if (n.IsLeaf) break;
                    if (!n.Children.TryGetValue(s, out var c)) n.Children[s] = c = new Trie();
                    n = c;
                }
                n.IsLeaf = true;
                n.Children.Clear();
            }
            return root;
        }

        public Trie? Child(RegoValue key)
        {
            if (Children.TryGetValue(key, out var c)) return c;
            if (key is RegoNumber n && Children.TryGetValue(new RegoString(n.ToJsonText()), out c)) return c;
            return null;
        }
    }

    private static RegoValue Filter(RegoValue v, Trie t)
    {
        if (t.IsLeaf) return v;
        switch (v)
        {
            case RegoObject o:
                var items = new List<KeyValuePair<RegoValue, RegoValue>>();
                foreach (var kv in o.Items)
                {
                    var c = t.Child(kv.Key);
                    if (c is not null) items.Add(new(kv.Key, Filter(kv.Value, c)));
                }
                return new RegoObject(items);
            case RegoArray arr:
                var list = new List<RegoValue>();
                for (var i = 0; i < arr.Count; i++)
                {
                    var c = t.Child(RegoNumber.FromInteger(i));
                    if (c is not null) list.Add(Filter(arr[i], c));
                }
                return new RegoArray(list);
            case RegoSet s:
                return new RegoSet(s.Items.Where(x => t.Child(x) is not null).Select(x => Filter(x, t.Child(x)!)));
            default:
                return v;
        }
    }

    private static RegoValue Remove(RegoValue v, Trie t)
    {
        switch (v)
        {
            case RegoObject o:
                var items = new List<KeyValuePair<RegoValue, RegoValue>>();
                foreach (var kv in o.Items)
                {
                    var c = t.Child(kv.Key);
                    if (c is null) items.Add(kv);
                    else if (!c.IsLeaf) items.Add(new(kv.Key, Remove(kv.Value, c)));
                }
                return new RegoObject(items);
            case RegoArray arr:
                var list = new List<RegoValue>();
                for (var i = 0; i < arr.Count; i++)
                {
                    var c = t.Child(RegoNumber.FromInteger(i));
                    if (c is null) list.Add(arr[i]);
                    else if (!c.IsLeaf) list.Add(Remove(arr[i], c));
                }
                return new RegoArray(list);
            case RegoSet s:
                return new RegoSet(s.Items.Where(x => t.Child(x) is not { IsLeaf: true }).Select(x => t.Child(x) is { } c ? Remove(x, c) : x));
            default:
                return v;
        }
    }

    private static List<RegoValue>? ParsePointer(RegoValue path)
    {
        switch (path)
        {
            case RegoString s:
                if (s.Value.Length == 0) return [];
                if (!s.Value.StartsWith('/')) return [.. s.Value.Split('/').Select(x => (RegoValue)new RegoString(Unescape(x)))];
                return [.. s.Value[1..].Split('/').Select(x => (RegoValue)new RegoString(Unescape(x)))];
            case RegoArray arr:
                return [.. arr.Items];
            default:
                return null;
        }
    }

    private static string Unescape(string s) => s.Replace("~1", "/", StringComparison.Ordinal).Replace("~0", "~", StringComparison.Ordinal);

    private static RegoValue? Patch(RegoValue doc, RegoValue op)
    {
        if (op is not RegoObject o) return null;
        if (o.Get("op") is not RegoString opName) return null;
        var path = o.Get("path") is { } pv ? ParsePointer(pv) : null;
        if (path is null) return null;
        switch (opName.Value)
        {
            case "add": return o.Get("value") is { } av ? Add(doc, path, 0, av) : null;
            case "remove": return RemoveAt(doc, path, 0);
            case "replace":
            {
                if (o.Get("value") is not { } rv || Get(doc, path) is null) return null;
                if (path.Count == 0) return rv;
                var removed = RemoveAt(doc, path, 0);
                return removed is null ? null : Add(removed, path, 0, rv);
            }
            case "move":
            {
                var from = o.Get("from") is { } fv ? ParsePointer(fv) : null;
                if (from is null) return null;
                var value = Get(doc, from);
                if (value is null) return null;
                var removed = RemoveAt(doc, from, 0);
                return removed is null ? null : Add(removed, path, 0, value);
            }
            case "copy":
            {
                var from = o.Get("from") is { } fv ? ParsePointer(fv) : null;
                if (from is null) return null;
                var value = Get(doc, from);
                return value is null ? null : Add(doc, path, 0, value);
            }
            case "test":
            {
                var value = Get(doc, path);
                return value is not null && o.Get("value") is { } tv && value.Equals(tv) ? doc : null;
            }
            default: return null;
        }
    }

    private static RegoValue? Get(RegoValue doc, List<RegoValue> path)
    {
        var cur = doc;
        foreach (var seg in path)
        {
            RegoValue? next = cur switch
            {
                RegoObject o => o.Get(seg),
                RegoArray arr => ArrayIndex(seg, arr.Count, false) is { } i ? arr[i] : null,
                RegoSet s => s.Contains(seg) ? seg : null,
                _ => null,
            };
            if (next is null) return null;
            cur = next;
        }
        return cur;
    }

    private static int? ArrayIndex(RegoValue seg, int count, bool allowEnd)
    {
        if (seg is RegoString s && s.Value == "-" && allowEnd) return count;
        var text = seg switch { RegoString ss => ss.Value, RegoNumber n => n.ToJsonText(), _ => null };
        if (text is null || (text.Length > 1 && text[0] == '0') || !int.TryParse(text, System.Globalization.NumberStyles.None, System.Globalization.CultureInfo.InvariantCulture, out var i)) return null;
        if (i < 0 || i > count || (i == count && !allowEnd)) return null;
        return i;
    }

    private static RegoValue? Add(RegoValue doc, List<RegoValue> path, int i, RegoValue value)
    {
        if (i == path.Count) return value;
        var seg = path[i];
        var last = i == path.Count - 1;
        switch (doc)
        {
            case RegoObject o:
                if (last) return o.Set(seg, value);
                var child = o.Get(seg);
                if (child is null) return null;
                var nc = Add(child, path, i + 1, value);
                return nc is null ? null : o.Set(seg, nc);
            case RegoArray arr:
                var idx = ArrayIndex(seg, arr.Count, last);
                if (idx is null) return null;
                if (last) return new RegoArray(arr.Items.Insert(idx.Value, value));
                var na = Add(arr[idx.Value], path, i + 1, value);
                return na is null ? null : new RegoArray(arr.Items.SetItem(idx.Value, na));
            case RegoSet s:
                if (last) return seg.Equals(value) || (seg is RegoString ss && value is RegoString vs && ss.Value == vs.Value) ? s.Add(value) : null;
                if (!s.Contains(seg)) return null;
                var inner = Add(seg, path, i + 1, value);
                return inner is null ? null : new RegoSet(s.Items.Remove(seg).Add(inner));
            default:
                return null;
        }
    }

    private static RegoValue? RemoveAt(RegoValue doc, List<RegoValue> path, int i)
    {
        if (path.Count == 0) return null;
        var seg = path[i];
        var last = i == path.Count - 1;
        switch (doc)
        {
            case RegoObject o:
                var child = o.Get(seg);
                if (child is null) return null;
                if (last) return o.Remove(seg);
                var nc = RemoveAt(child, path, i + 1);
                return nc is null ? null : o.Set(seg, nc);
            case RegoArray arr:
                var idx = ArrayIndex(seg, arr.Count, false);
                if (idx is null) return null;
                if (last) return new RegoArray(arr.Items.RemoveAt(idx.Value));
                var na = RemoveAt(arr[idx.Value], path, i + 1);
                return na is null ? null : new RegoArray(arr.Items.SetItem(idx.Value, na));
            case RegoSet s:
                if (last && s.Contains(seg)) return new RegoSet(s.Items.Remove(seg));
                return null;
            default:
                return null;
        }
    }
}

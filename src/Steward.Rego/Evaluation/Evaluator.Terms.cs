using System.Collections.Immutable;
using System.Text;
using Steward.Rego.Compilation;
using Steward.Rego.Syntax;
using Steward.Rego.Values;

namespace Steward.Rego.Evaluation;

/// <summary>Evaluation of terms: each term may have zero, one or many values (refs enumerate).</summary>
internal sealed partial class Evaluator
{
    private bool EvalTerm(Term t, Bindings? b, ValueCont k)
    {
        switch (t)
        {
            case ScalarTerm s:
                return k(s.Value, b);
            case VarTerm v:
            {
                if (Bindings.Lookup(b, v.Name) is { } value) return k(value, b);
                if (v.Name == "input") return _ctx.Input is null || k(_ctx.Input, b);
                if (v.Name == "data") return EvalData([], 0, Root, [], b, k);
                throw new RegoException(RegoErrorCodes.UnsafeVar, $"var {v.Name} is unsafe", v.Loc);
            }
            case RefTerm r:
                return EvalRef(r, b, k);
            case ArrayTerm a:
                return EvalArray(a, b, k);
            case SetTerm s:
                return EvalSet(s, b, k);
            case ObjectTerm o:
                return EvalObject(o, 0, b, RegoObject.Empty, k);
            case CallTerm c:
                return EvalCall(c, b, k);
            case ArrayComprehension ac:
                return k(ArrayComprehensionValue(ac, b), b);
            case SetComprehension sc:
                return k(SetComprehensionValue(sc, b), b);
            case ObjectComprehension oc:
                return k(ObjectComprehensionValue(oc, b), b);
            case TemplateTerm tt:
                return k(EvalTemplate(tt, b), b);
            default:
                throw new RegoException(RegoErrorCodes.Internal, "unknown term", t.Loc);
        }
    }

    // The lambdas live in helpers of their own: a lambda capturing a parameter of EvalTerm (or
    // EvalRef, EvalData...) would cost an allocation on every call of it, whichever branch runs.
    private bool EvalArray(ArrayTerm a, Bindings? b, ValueCont k)
        => EvalList(a.Items, 0, b, ImmutableArray.CreateBuilder<RegoValue>(a.Items.Count), (vals, b2) => k(new RegoArray(vals), b2));

    private bool EvalSet(SetTerm s, Bindings? b, ValueCont k)
        => EvalList(s.Items, 0, b, ImmutableArray.CreateBuilder<RegoValue>(s.Items.Count), (vals, b2) => k(new RegoSet(vals), b2));

    private RegoArray ArrayComprehensionValue(ArrayComprehension ac, Bindings? b)
    {
        var items = new List<RegoValue>();
        EvalBody(ac.Body.Literals, 0, b, b2 => EvalTerm(ac.Head, b2, (v, _) => { items.Add(v); Built("array comprehension", items.Count); return true; }));
        return new RegoArray(items);
    }

    private RegoSet SetComprehensionValue(SetComprehension sc, Bindings? b)
    {
        var items = ImmutableSortedSet.CreateBuilder<RegoValue>(RegoValueComparer.Instance);
        EvalBody(sc.Body.Literals, 0, b, b2 => EvalTerm(sc.Head, b2, (v, _) => { if (items.Add(v)) Built("set comprehension", items.Count); return true; }));
        return new RegoSet(items.ToImmutable());
    }

    private RegoObject ObjectComprehensionValue(ObjectComprehension oc, Bindings? b)
    {
        var items = ImmutableSortedDictionary.CreateBuilder<RegoValue, RegoValue>(RegoValueComparer.Instance);
        EvalBody(oc.Body.Literals, 0, b, b2 => EvalTerm(oc.Key, b2, (key, b3) => EvalTerm(oc.Value, b3, (val, _) =>
        {
            if (items.TryGetValue(key, out var existing) && !existing.Equals(val))
                throw new RegoException(RegoErrorCodes.Conflict, "object keys must be unique", oc.Loc);
            items[key] = val;
            Built("object comprehension", items.Count);
            return true;
        })));
        return new RegoObject(items.ToImmutable());
    }

    private RegoString EvalTemplate(TemplateTerm tt, Bindings? b)
    {
        var sb = new StringBuilder();
        for (var i = 0; i < tt.Parts.Count; i++)
        {
            var part = tt.Parts[i];
            if (part is ScalarTerm { Value: RegoString s }) { sb.Append(s.Value); continue; }
            var values = new List<RegoValue>();
            if (tt.CollectedParts.Contains(i)) EvalTerm(part, b, (v, _) => { values.AddRange(((RegoSet)v).Items); return true; });
            else EvalTerm(part, b, (v, _) => { values.Add(v); return true; });
            if (values.Count == 0) sb.Append("<undefined>");
            else if (values.Distinct().Count() > 1)
                throw new RegoException(RegoErrorCodes.Conflict, "template expression produced multiple outputs", part.Loc);
            else sb.Append(values[0] is RegoString vs ? vs.Value : RegoJson.Format(values[0]));
        }
        return new RegoString(sb.ToString());
    }

    private bool EvalList(IReadOnlyList<Term> items, int i, Bindings? b, ImmutableArray<RegoValue>.Builder acc, Func<ImmutableArray<RegoValue>, Bindings?, bool> k)
    {
        if (i == items.Count) return k(acc.ToImmutable(), b);
        return EvalTerm(items[i], b, (v, b2) =>
        {
            var next = ImmutableArray.CreateBuilder<RegoValue>(items.Count);
            next.AddRange(acc);
            next.Add(v);
            return EvalList(items, i + 1, b2, next, k);
        });
    }

    private bool EvalObject(ObjectTerm o, int i, Bindings? b, RegoObject acc, ValueCont k)
    {
        if (i == o.Items.Count) return k(acc, b);
        var (kt, vt) = (o.Items[i].Key, o.Items[i].Value);
        return EvalTerm(kt, b, (key, b2) => EvalTerm(vt, b2, (val, b3) => EvalObject(o, i + 1, b3, acc.Set(key, val), k)));
    }

    // ---- references ----

    private bool EvalRef(RefTerm r, Bindings? b, ValueCont k)
    {
        if (r.Head is VarTerm hv && Bindings.Lookup(b, hv.Name) is null)
        {
            if (hv.Name == "data") return EvalData(r.Path, 0, Root, [], b, k);
            if (hv.Name == "input") return _ctx.Input is null || WalkValue(_ctx.Input, r.Path, 0, b, k);
        }
        if (IsDirect(r.Head, b))
        {
            var head = DirectValue(r.Head, b);
            return head is null || WalkValue(head, r.Path, 0, b, k);
        }
        return EvalRefHead(r, b, k);
    }

    private bool EvalRefHead(RefTerm r, Bindings? b, ValueCont k) => EvalTerm(r.Head, b, (v, b2) => WalkValue(v, r.Path, 0, b2, k));

    private bool WalkValue(RegoValue v, IReadOnlyList<Term> path, int i, Bindings? b, ValueCont k, bool isData = false)
    {
        // Steps along keys already known are taken in this loop; a step that enumerates, or whose
        // key needs the general path, continues in continuation-passing style. (No lambda here:
        // captured parameters would cost an allocation on every call.)
        for (; i < path.Count; i++)
        {
            var p = path[i];
            if (p is VarTerm pv && Bindings.Lookup(b, pv.Name) is null && pv.Name is not ("input" or "data"))
                return WalkEach(v, pv.Name, path, i + 1, b, k);
            if (p is ArrayTerm or ObjectTerm && HasUnboundVars(p, b))
                return WalkUnifyingKeys(v, p, path, i + 1, b, k);
            if (!IsDirect(p, b))
                return WalkGeneral(v, p, path, i + 1, b, k, isData);
            var key = DirectValue(p, b);
            if (key is null) return true;
            var child = IndexStep(v, key, isData);
            if (child is null) return true;
            v = child;
        }
        return k(v, b);
    }

    /// <summary>A step x[k] with k unbound: every member, k bound to its key.</summary>
    private bool WalkEach(RegoValue v, string name, IReadOnlyList<Term> path, int next, Bindings? b, ValueCont k)
    {
        switch (v)
        {
            case RegoArray a:
                for (var j = 0; j < a.Count; j++)
                {
                    if (!WalkValue(a[j], path, next, Bindings.Bind(b, name, RegoNumber.FromInteger(j)), k)) return false;
                }
                return true;
            case RegoObject o:
                foreach (var (key, child) in o.Entries)
                {
                    if (!WalkValue(child, path, next, Bindings.Bind(b, name, key), k)) return false;
                }
                return true;
            case RegoSet s:
                foreach (var x in s.Items)
                {
                    if (!WalkValue(x, path, next, Bindings.Bind(b, name, x), k)) return false;
                }
                return true;
            default:
                return true;
        }
    }

    /// <summary>A step x[[a, b]] whose key pattern has unbound variables: every member whose key unifies.</summary>
    private bool WalkUnifyingKeys(RegoValue v, Term p, IReadOnlyList<Term> path, int next, Bindings? b, ValueCont k)
    {
        foreach (var (key, child) in Members(v))
        {
            if (!UnifyValue(p, key, b, b2 => WalkValue(child, path, next, b2, k))) return false;
        }
        return true;
    }

    /// <summary>A step whose key may have several values.</summary>
    private bool WalkGeneral(RegoValue v, Term p, IReadOnlyList<Term> path, int next, Bindings? b, ValueCont k, bool isData)
        => EvalTerm(p, b, (key, b2) =>
        {
            var child = IndexStep(v, key, isData);
            return child is null || WalkValue(child, path, next, b2, k, isData);
        });

    /// <summary>One step of a reference; the data document's keys are strings, so data[2] also finds "2".</summary>
    private static RegoValue? IndexStep(RegoValue v, RegoValue key, bool isData)
    {
        var child = Index(v, key);
        if (child is null && isData && v is RegoObject && key is RegoNumber kn) child = Index(v, new RegoString(kn.ToJsonText()));
        return child;
    }

    private static RegoValue? Index(RegoValue v, RegoValue key) => v switch
    {
        RegoArray a when key is RegoNumber n && n.TryGetInt32(out var idx) => idx >= 0 && idx < a.Count ? a[idx] : null,
        RegoObject o => o.Get(key),
        RegoSet s => s.Contains(key) ? key : null,
        _ => null,
    };

    /// <summary>Walks the data document: rule tree nodes and base data side by side.</summary>
    private bool EvalData(IReadOnlyList<Term> path, int i, RuleNode? node, ImmutableList<string> soFar, Bindings? b, ValueCont k)
    {
        if (soFar.Count > 0 && _ctx.DataOverrides.Count > 0 && _ctx.IsOverridden(soFar)) node = null;
        if (node is null)
        {
            var baseValue = BaseData(soFar);
            return baseValue is null || WalkValue(baseValue, path, i, b, k, isData: true);
        }
        if (node.HasRules)
        {
            if (node.IsFunction)
            {
                // A function without parameters, named without a call, is its value.
                if (node.Rules.Concat(node.Defaults).Any(r => r.Args!.Count != 0)) return true;
                var fv = CallFunction(node, [], null);
                return fv is null || WalkValue(fv, path, i, b, k);
            }
            var value = RuleNodeValue(node);
            return value is null || WalkValue(value, path, i, b, k);
        }
        if (i == path.Count) return k(NodeDocument(node, soFar), b);
        var p = path[i];
        if (p is VarTerm pv && Bindings.Lookup(b, pv.Name) is null)
        {
            var keys = new SortedSet<string>(node.Children.Keys, StringComparer.Ordinal);
            if (BaseData(soFar) is RegoObject baseObj)
            {
                foreach (var key in baseObj.Items.Keys)
                {
                    if (key is RegoString ks) keys.Add(ks.Value);
                }
            }
            foreach (var key in keys)
            {
                node.Children.TryGetValue(key, out var child);
                if (!EvalData(path, i + 1, child, soFar.Add(key), Bindings.Bind(b, pv.Name, new RegoString(key)), k)) return false;
            }
            return true;
        }
        return EvalDataStep(path, i, node, soFar, p, b, k);
    }

    private bool EvalDataStep(IReadOnlyList<Term> path, int i, RuleNode node, ImmutableList<string> soFar, Term p, Bindings? b, ValueCont k)
    {
        return EvalTerm(p, b, (key, b2) =>
        {
            // data[2] finds the key "2": the data document's keys are strings.
            if (key is RegoNumber kn) key = new RegoString(kn.ToJsonText());
            if (key is not RegoString ks)
            {
                var baseValue = BaseData(soFar);
                return baseValue is null || WalkValue(baseValue, path, i, b2, k);
            }
            node.Children.TryGetValue(ks.Value, out var child);
            return EvalData(path, i + 1, child, soFar.Add(ks.Value), b2, k);
        });
    }

    private RegoValue? BaseData(IReadOnlyList<string> path)
    {
        var v = _ctx.Data;
        foreach (var p in path)
        {
            if (v is not RegoObject o) return null;
            var next = o.Get(p);
            if (next is null) return null;
            v = next;
        }
        return v;
    }

    /// <summary>The document at a package node: its rules' values merged over base data.</summary>
    private RegoObject NodeDocument(RuleNode node, ImmutableList<string> path)
    {
        var obj = BaseData(path) as RegoObject ?? RegoObject.Empty;
        foreach (var (name, child) in node.Children)
        {
            var childPath = path.Add(name);
            RegoValue? value;
            if (_ctx.DataOverrides.Count > 0 && _ctx.IsOverridden(childPath)) value = BaseData(childPath);
            else if (child.HasRules) value = child.IsFunction ? null : RuleNodeValue(child);
            else value = NodeDocument(child, childPath);
            if (value is null) continue;
            var key = new RegoString(name);
            var existingBase = obj.Get(key);
            // Base data wins over a virtual document of the same name, except that objects merge.
            if (existingBase is RegoObject eo && value is RegoObject vo) value = Merge(eo, vo);
            else if (existingBase is not null) continue;
            obj = obj.Set(key, value);
        }
        return obj;
    }

    private static RegoObject Merge(RegoObject a, RegoObject b)
    {
        var result = a;
        foreach (var kv in b.Items)
        {
            if (result.Get(kv.Key) is RegoObject ea && kv.Value is RegoObject eb) result = result.Set(kv.Key, Merge(ea, eb));
            else result = result.Set(kv.Key, kv.Value);
        }
        return result;
    }

    private static bool HasUnboundVars(Term t, Bindings? b)
    {
        switch (t)
        {
            case VarTerm v: return !VarAnalysis.IsRoot(v.Name) && Bindings.Lookup(b, v.Name) is null;
            case ArrayTerm a: return a.Items.Any(i => HasUnboundVars(i, b));
            case ObjectTerm o: return o.Items.Any(kv => HasUnboundVars(kv.Value, b));
            default: return false;
        }
    }

    /// <summary>One more element in a comprehension: counted against the collection size and allocation limits.</summary>
    private void Built(string what, int count)
    {
        _meter.CheckCollection(what, count);
        _meter.Charge(what, 16);
    }
}

using Steward.Rego.Values;

namespace Steward.Rego.Builtins.GraphQL;

/// <summary>
/// Validates a schema (types referenced exist, objects have fields, inputs hold input types) and a
/// query against it (fields and arguments exist, required arguments are given, variables are
/// defined and used, fragments resolve). Works on the AST objects that the parser produces, so
/// ASTs passed in by policies validate the same way.
/// </summary>
internal sealed class GqlSchema
{
    private static readonly string[] Scalars = ["Int", "Float", "String", "Boolean", "ID"];

    private sealed class TypeInfo
    {
        public required string Kind { get; set; }
        public Dictionary<string, RegoObject> Fields { get; } = new(StringComparer.Ordinal);
        public List<string> Interfaces { get; } = [];
        public List<string> Types { get; } = [];
        public List<string> EnumValues { get; } = [];
    }

    private readonly Dictionary<string, TypeInfo> _types = new(StringComparer.Ordinal);
    private readonly Dictionary<string, string> _roots = new(StringComparer.Ordinal);

    private static string Str(RegoValue? v) => (v as RegoString)?.Value ?? "";

    private static IEnumerable<RegoObject> List(RegoObject o, string key)
        => o.Get(key) is RegoArray arr ? arr.Items.OfType<RegoObject>() : [];

    public static GqlSchema Load(RegoObject doc)
    {
        var s = new GqlSchema();
        foreach (var sc in Scalars) s._types[sc] = new TypeInfo { Kind = "SCALAR" };
        foreach (var def in List(doc, "Definitions").Concat(List(doc, "Extensions")))
        {
            var name = Str(def.Get("Name"));
            var kind = Str(def.Get("Kind"));
            if (!s._types.TryGetValue(name, out var t)) s._types[name] = t = new TypeInfo { Kind = kind };
            else if (t.Kind != kind) throw new GqlException($"cannot extend type {name} with a different kind");
            foreach (var f in List(def, "Fields"))
            {
                var fname = Str(f.Get("Name"));
                if (!t.Fields.TryAdd(fname, f)) throw new GqlException($"Field {name}.{fname} can only be defined once.");
            }
            if (def.Get("Interfaces") is RegoArray ifs) t.Interfaces.AddRange(ifs.Items.Select(Str));
            if (def.Get("Types") is RegoArray ts) t.Types.AddRange(ts.Items.Select(Str));
            foreach (var ev in List(def, "EnumValues"))
            {
                var en = Str(ev.Get("Name"));
                if (t.EnumValues.Contains(en)) throw new GqlException($"Enum value {name}.{en} can only be defined once.");
                t.EnumValues.Add(en);
            }
        }
        foreach (var sd in List(doc, "Schema").Concat(List(doc, "SchemaExtension")))
        {
            foreach (var op in List(sd, "OperationTypes")) s._roots[Str(op.Get("Operation"))] = Str(op.Get("Type"));
        }
        s.Validate();
        return s;
    }

    private static string NamedType(RegoObject type)
        => type.Get("Elem") is RegoObject elem ? NamedType(elem) : Str(type.Get("NamedType"));

    private bool IsInput(string name) => _types.TryGetValue(name, out var t) && t.Kind is "SCALAR" or "ENUM" or "INPUT_OBJECT";

    private bool IsOutput(string name) => _types.TryGetValue(name, out var t) && t.Kind is not "INPUT_OBJECT";

    private void Validate()
    {
        foreach (var (name, t) in _types)
        {
            switch (t.Kind)
            {
                case "OBJECT" or "INTERFACE" or "INPUT_OBJECT":
                    if (t.Fields.Count == 0) throw new GqlException($"{t.Kind} {name} must define one or more fields.");
                    break;
                case "ENUM":
                    if (t.EnumValues.Count == 0) throw new GqlException($"ENUM {name} must define one or more unique enum values.");
                    break;
                case "UNION":
                    if (t.Types.Count == 0) throw new GqlException($"UNION {name} must define one or more member types.");
                    foreach (var m in t.Types)
                    {
                        if (!_types.TryGetValue(m, out var mt) || mt.Kind != "OBJECT") throw new GqlException($"Undefined type {m}.");
                    }
                    break;
            }
            if (t.Kind == "INTERFACE" && t.Interfaces.Count > 0) throw new GqlException($"INTERFACE {name} must not implement other interfaces.");
            foreach (var i in t.Interfaces)
            {
                if (!_types.TryGetValue(i, out var it) || it.Kind != "INTERFACE") throw new GqlException($"Undefined type {i}.");
            }
            foreach (var (fname, f) in t.Fields)
            {
                var ft = NamedType((RegoObject)f.Get("Type")!);
                if (!_types.ContainsKey(ft)) throw new GqlException($"Undefined type {ft}.");
                if (t.Kind == "INPUT_OBJECT" && !IsInput(ft)) throw new GqlException($"{name}.{fname} must be an input type.");
                if (t.Kind != "INPUT_OBJECT" && !IsOutput(ft)) throw new GqlException($"{name}.{fname} must be an output type.");
                foreach (var a in List(f, "Arguments"))
                {
                    var at = NamedType((RegoObject)a.Get("Type")!);
                    if (!IsInput(at)) throw new GqlException($"Undefined or non-input type {at}.");
                }
            }
        }
        foreach (var (_, root) in _roots)
        {
            if (!_types.TryGetValue(root, out var rt) || rt.Kind != "OBJECT") throw new GqlException($"Undefined type {root}.");
        }
    }

    private string? Root(string op)
    {
        if (_roots.TryGetValue(op, out var r)) return r;
        var name = op switch { "query" => "Query", "mutation" => "Mutation", _ => "Subscription" };
        return _types.ContainsKey(name) ? name : null;
    }

    /// <summary>
    /// gqlparser's order: the operations are walked first (each fragment spread walked once per
    /// operation), then each fragment definition gets its own rules (FragmentsOnCompositeTypes,
    /// KnownTypeNames, NoFragmentCycles, NoUnusedFragments, UniqueFragmentNames).
    /// </summary>
    public void ValidateQuery(RegoObject doc)
    {
        var definitions = List(doc, "Fragments").ToList();
        var fragments = new Dictionary<string, RegoObject>(StringComparer.Ordinal);
        foreach (var f in definitions) fragments.TryAdd(Str(f.Get("Name")), f);
        var ops = List(doc, "Operations").ToList();
        if (ops.Count > 1 && ops.Any(o => Str(o.Get("Name")).Length == 0)) throw new GqlException("This anonymous operation must be the only defined operation.");
        var usedFragments = new HashSet<string>(StringComparer.Ordinal);
        foreach (var op in ops)
        {
            var root = Root(Str(op.Get("Operation"))) ?? throw new GqlException($"Schema does not support operation type \"{Str(op.Get("Operation"))}\"");
            var defined = List(op, "VariableDefinitions").ToDictionary(v => Str(v.Get("Variable")), v => v, StringComparer.Ordinal);
            foreach (var v in defined.Values)
            {
                if (!IsInput(NamedType((RegoObject)v.Get("Type")!))) throw new GqlException($"Variable {Str(v.Get("Variable"))} cannot be non-input type.");
            }
            var used = new HashSet<string>(StringComparer.Ordinal);
            var walk = new Walk(fragments, used, new HashSet<string>(StringComparer.Ordinal), usedFragments);
            Selections(root, List(op, "SelectionSet"), walk, 0);
            foreach (var u in used)
            {
                if (!defined.ContainsKey(u)) throw new GqlException($"Variable \"{u}\" is not defined.");
            }
            foreach (var d in defined.Keys)
            {
                if (!used.Contains(d)) throw new GqlException($"Variable \"{d}\" is never used.");
            }
        }
        var named = new HashSet<string>(StringComparer.Ordinal);
        var cycleChecked = new HashSet<string>(StringComparer.Ordinal);
        foreach (var f in definitions)
        {
            var name = Str(f.Get("Name"));
            var condition = Str(f.Get("TypeCondition"));
            if (_types.TryGetValue(condition, out var ct) && ct.Kind is not ("OBJECT" or "INTERFACE" or "UNION"))
                throw new GqlException($"Fragment \"{name}\" cannot condition on non composite type \"{condition}\".");
            if (!_types.ContainsKey(condition)) throw new GqlException($"Unknown type \"{condition}\".");
            CheckCycles(f, fragments, cycleChecked, [], new Dictionary<string, int>(StringComparer.Ordinal));
            if (!usedFragments.Contains(name)) throw new GqlException($"Fragment \"{name}\" is never used.");
            if (!named.Add(name)) throw new GqlException($"There can be only one fragment named \"{name}\".");
        }
    }

    /// <summary>The state of one operation's walk: fragments, variables used, fragments walked, fragments spread.</summary>
    private sealed record Walk(Dictionary<string, RegoObject> Fragments, HashSet<string> Variables, HashSet<string> Walked, HashSet<string> Spread);

    /// <summary>gqlparser's NoFragmentCycles: a spread back into the path is "within itself via" the fragments between.</summary>
    private static void CheckCycles(RegoObject fragment, Dictionary<string, RegoObject> fragments, HashSet<string> visited, List<string> path, Dictionary<string, int> indexByName)
    {
        var name = Str(fragment.Get("Name"));
        if (!visited.Add(name)) return;
        var spreads = Spreads(List(fragment, "SelectionSet"));
        if (spreads.Count == 0) return;
        indexByName[name] = path.Count;
        foreach (var spread in spreads)
        {
            path.Add(spread);
            if (indexByName.TryGetValue(spread, out var cycleIndex))
            {
                var via = path.Skip(cycleIndex).Take(path.Count - 1 - cycleIndex).ToList();
                throw new GqlException($"Cannot spread fragment \"{spread}\" within itself{(via.Count == 0 ? "" : " via " + string.Join(", ", via))}.");
            }
            if (fragments.TryGetValue(spread, out var next)) CheckCycles(next, fragments, visited, path, indexByName);
            path.RemoveAt(path.Count - 1);
        }
        indexByName.Remove(name);
    }

    /// <summary>gqlparser's getFragmentSpreads: the spreads of a selection set, through fields and inline fragments.</summary>
    private static List<string> Spreads(IEnumerable<RegoObject> selectionSet)
    {
        var spreads = new List<string>();
        var sets = new Stack<IEnumerable<RegoObject>>();
        sets.Push(selectionSet);
        while (sets.Count > 0)
        {
            foreach (var sel in sets.Pop())
            {
                if (sel.Get("Alias") is null && sel.Get("SelectionSet") is null) spreads.Add(Str(sel.Get("Name")));
                else sets.Push(List(sel, "SelectionSet"));
            }
        }
        return spreads;
    }

    private void Selections(string type, IEnumerable<RegoObject> sels, Walk walk, int depth)
    {
        if (depth > 100) throw new GqlException("selection too deep");
        var t = _types[type];
        var used = walk.Variables;
        foreach (var sel in sels)
        {
            CollectDirectiveVars(sel, used);
            if (sel.Get("Alias") is null)
            {
                if (sel.Get("SelectionSet") is not null)
                {
                    var cond = Str(sel.Get("TypeCondition"));
                    var target = cond.Length == 0 ? type : cond;
                    if (!_types.TryGetValue(target, out var tt)) throw new GqlException($"Unknown type \"{target}\".");
                    if (tt.Kind is not ("OBJECT" or "INTERFACE" or "UNION")) throw new GqlException($"Fragment cannot condition on non composite type \"{target}\".");
                    Selections(target, List(sel, "SelectionSet"), walk, depth + 1);
                }
                else
                {
                    var name = Str(sel.Get("Name"));
                    if (!walk.Fragments.TryGetValue(name, out var frag)) throw new GqlException($"Unknown fragment \"{name}\".");
                    walk.Spread.Add(name);
                    // Each fragment is walked once per operation (gqlparser's guard against cycles).
                    if (walk.Walked.Add(name) && _types.ContainsKey(Str(frag.Get("TypeCondition"))))
                        Selections(Str(frag.Get("TypeCondition")), List(frag, "SelectionSet"), walk, depth + 1);
                }
                continue;
            }
            var fieldName = Str(sel.Get("Name"));
            if (fieldName == "__typename") continue;
            if (!t.Fields.TryGetValue(fieldName, out var field)) throw new GqlException($"Cannot query field \"{fieldName}\" on type \"{type}\".");
            var argDefs = List(field, "Arguments").ToDictionary(a => Str(a.Get("Name")), a => a, StringComparer.Ordinal);
            var given = new HashSet<string>(StringComparer.Ordinal);
            foreach (var arg in List(sel, "Arguments"))
            {
                var an = Str(arg.Get("Name"));
                if (!argDefs.ContainsKey(an)) throw new GqlException($"Unknown argument \"{an}\" on field \"{type}.{fieldName}\".");
                given.Add(an);
                CollectVars((RegoObject)arg.Get("Value")!, used);
            }
            foreach (var (an, ad) in argDefs)
            {
                if (((RegoObject)ad.Get("Type")!).Get("NonNull") is RegoBool { Value: true } && ad.Get("DefaultValue") is null && !given.Contains(an))
                    throw new GqlException($"Field \"{fieldName}\" argument \"{an}\" is required, but it was not provided.");
            }
            var ft = NamedType((RegoObject)field.Get("Type")!);
            var leaf = _types[ft].Kind is "SCALAR" or "ENUM";
            var sub = List(sel, "SelectionSet").ToList();
            if (leaf && sub.Count > 0) throw new GqlException($"Field \"{fieldName}\" must not have a selection since type \"{ft}\" has no subfields.");
            if (!leaf && sub.Count == 0) throw new GqlException($"Field \"{fieldName}\" of type \"{ft}\" must have a selection of subfields.");
            if (!leaf) Selections(ft, sub, walk, depth + 1);
        }
    }

    private static void CollectDirectiveVars(RegoObject sel, HashSet<string> used)
    {
        foreach (var d in List(sel, "Directives"))
        {
            foreach (var a in List(d, "Arguments")) CollectVars((RegoObject)a.Get("Value")!, used);
        }
    }

    private static void CollectVars(RegoObject value, HashSet<string> used)
    {
        if (value.Get("Kind") is RegoNumber n && n.TryGetInt32(out var k) && k == 0) used.Add(Str(value.Get("Raw")));
        foreach (var c in List(value, "Children"))
        {
            if (c.Get("Value") is RegoObject cv) CollectVars(cv, used);
        }
    }
}

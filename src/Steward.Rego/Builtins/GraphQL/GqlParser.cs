using Steward.Rego.Values;

namespace Steward.Rego.Builtins.GraphQL;

/// <summary>A failure to parse or validate GraphQL text.</summary>
internal sealed class GqlException(string message) : Exception(message);

/// <summary>
/// Parses GraphQL schema and query documents straight into the JSON shape that OPA returns
/// (gqlparser's AST without positions; empty lists are left out).
/// </summary>
internal sealed class GqlParser
{
    private static readonly HashSet<string> DirectiveLocations =
    [
        "QUERY", "MUTATION", "SUBSCRIPTION", "FIELD", "FRAGMENT_DEFINITION", "FRAGMENT_SPREAD", "INLINE_FRAGMENT", "VARIABLE_DEFINITION",
        "SCHEMA", "SCALAR", "OBJECT", "FIELD_DEFINITION", "ARGUMENT_DEFINITION", "INTERFACE", "UNION", "ENUM", "ENUM_VALUE", "INPUT_OBJECT", "INPUT_FIELD_DEFINITION",
    ];

    private readonly List<GqlToken> _t;
    private int _p;

    private GqlParser(string src) => _t = GqlLexer.Lex(src);

    private GqlToken Cur => _t[_p];

    private GqlToken Take() => _t[_p < _t.Count - 1 ? _p++ : _p];

    private GqlException Unexpected(GqlToken? t = null)
    {
        t ??= Cur;
        var what = t.Kind switch
        {
            GqlKind.Eof => "<EOF>",
            GqlKind.Invalid => "<Invalid>",
            GqlKind.Name => $"Name \"{t.Text}\"",
            GqlKind.String or GqlKind.BlockString => $"String \"{t.Text}\"",
            GqlKind.Int => $"Int \"{t.Text}\"",
            GqlKind.Float => $"Float \"{t.Text}\"",
            _ => t.Text,
        };
        return new GqlException($"Unexpected {what} in GraphQL string at location {t.Line}:{t.Col}");
    }

    private GqlException Expected(string what) => new($"Expected {what}, found {(Cur.Kind == GqlKind.Eof ? "<EOF>" : Cur.Text)} in GraphQL string at location {Cur.Line}:{Cur.Col}");

    private bool Is(string punct) => Cur.Kind == GqlKind.Punct && Cur.Text == punct;

    private bool IsName(string name) => Cur.Kind == GqlKind.Name && Cur.Text == name;

    private void Expect(string punct)
    {
        if (!Is(punct)) throw Expected(punct);
        Take();
    }

    private string Name()
    {
        if (Cur.Kind != GqlKind.Name) throw Expected("Name");
        return Take().Text;
    }

    public static RegoObject ParseSchema(string src) => new GqlParser(src).SchemaDocument();

    public static RegoObject ParseQuery(string src) => new GqlParser(src).QueryDocument();

    internal static RegoObject O(params (string Key, RegoValue? Value)[] items)
        => RegoObject.FromStrings(items.Where(i => i.Value is not null && i.Value is not RegoArray { Count: 0 })
            .Select(i => new KeyValuePair<string, RegoValue>(i.Key, i.Value!)));

    private static RegoValue S(string s) => new RegoString(s);

    private static RegoValue Bool(bool b) => b ? RegoBool.True : RegoBool.False;

    private static RegoArray A(IEnumerable<RegoValue> items) => new(items);

    // ---- schema ----

    private RegoObject SchemaDocument()
    {
        List<RegoValue> schema = [], schemaExt = [], directives = [], defs = [], exts = [];
        while (Cur.Kind != GqlKind.Eof)
        {
            string? desc = null;
            if (Cur.Kind is GqlKind.String or GqlKind.BlockString) desc = Take().Text;
            if (Cur.Kind != GqlKind.Name) throw Unexpected();
            var kw = Cur.Text;
            switch (kw)
            {
                case "schema":
                    Take();
                    schema.Add(SchemaDef(desc));
                    break;
                case "extend":
                {
                    if (desc is not null) throw Unexpected(_t[_p - 1]);
                    Take();
                    if (Cur.Kind is GqlKind.String or GqlKind.BlockString) throw Unexpected();
                    if (IsName("schema"))
                    {
                        Take();
                        schemaExt.Add(SchemaDef("", extension: true));
                    }
                    else exts.Add(TypeDef("", extension: true));
                    break;
                }
                case "directive":
                    Take();
                    directives.Add(DirectiveDef(desc ?? ""));
                    break;
                default:
                    defs.Add(TypeDef(desc ?? "", extension: false));
                    break;
            }
        }
        return O(("Schema", A(schema)), ("SchemaExtension", A(schemaExt)), ("Directives", A(directives)), ("Definitions", A(defs)), ("Extensions", A(exts)));
    }

    private RegoObject SchemaDef(string? desc, bool extension = false)
    {
        var dirs = Directives();
        var ops = new List<RegoValue>();
        if (Is("{"))
        {
            Take();
            do
            {
                var op = Name();
                Expect(":");
                ops.Add(O(("Operation", S(op)), ("Type", S(Name()))));
            }
            while (!Is("}"));
            Take();
        }
        else if (!extension || dirs.Count == 0) throw Expected("{");
        return O(("Description", S(desc ?? "")), ("Directives", dirs), ("OperationTypes", A(ops)));
    }

    private RegoObject DirectiveDef(string desc)
    {
        Expect("@");
        var name = Name();
        var args = Is("(") ? ArgDefs("(", ")") : RegoArray.Empty;
        var repeatable = false;
        if (IsName("repeatable")) { Take(); repeatable = true; }
        if (!IsName("on")) throw Expected("on");
        Take();
        if (Is("|")) Take();
        var locs = new List<RegoValue>();
        while (true)
        {
            if (Cur.Kind != GqlKind.Name) throw Expected("Name");
            if (!DirectiveLocations.Contains(Cur.Text)) throw Unexpected();
            locs.Add(S(Take().Text));
            if (!Is("|")) break;
            Take();
        }
        return O(("Description", S(desc)), ("Name", S(name)), ("Arguments", args), ("Locations", A(locs)), ("IsRepeatable", Bool(repeatable)));
    }

    private RegoObject TypeDef(string desc, bool extension)
    {
        var kw = Name();
        var kind = kw switch
        {
            "type" => "OBJECT",
            "interface" => "INTERFACE",
            "union" => "UNION",
            "enum" => "ENUM",
            "input" => "INPUT_OBJECT",
            "scalar" => "SCALAR",
            _ => throw Unexpected(_t[_p - 1]),
        };
        var name = Name();
        var interfaces = new List<RegoValue>();
        if (kind is "OBJECT" or "INTERFACE" && IsName("implements"))
        {
            Take();
            if (Is("&")) Take();
            interfaces.Add(S(Name()));
            while (Is("&")) { Take(); interfaces.Add(S(Name())); }
        }
        var dirs = Directives();
        RegoArray fields = RegoArray.Empty, enumValues = RegoArray.Empty;
        var types = new List<RegoValue>();
        switch (kind)
        {
            case "OBJECT" or "INTERFACE":
                if (Is("{")) fields = FieldDefs();
                break;
            case "INPUT_OBJECT":
                if (Is("{")) fields = ArgDefs("{", "}");
                break;
            case "ENUM":
                if (Is("{"))
                {
                    Take();
                    var values = new List<RegoValue>();
                    if (Is("}")) throw new GqlException($"expected at least one definition, found }} in GraphQL string at location {Cur.Line}:{Cur.Col}");
                    while (!Is("}"))
                    {
                        string vd = Cur.Kind is GqlKind.String or GqlKind.BlockString ? Take().Text : "";
                        var vn = Name();
                        values.Add(O(("Description", S(vd)), ("Name", S(vn)), ("Directives", Directives())));
                    }
                    Take();
                    enumValues = A(values);
                }
                break;
            case "UNION":
                if (Is("="))
                {
                    Take();
                    if (Is("|")) Take();
                    types.Add(S(Name()));
                    while (Is("|")) { Take(); types.Add(S(Name())); }
                }
                break;
        }
        if (extension && interfaces.Count == 0 && dirs.Count == 0 && fields.Count == 0 && enumValues.Count == 0 && types.Count == 0 && kind != "SCALAR")
            throw Unexpected();
        return O(("Kind", S(kind)), ("Description", S(desc)), ("Name", S(name)), ("Directives", dirs), ("Interfaces", A(interfaces)),
            ("Fields", fields), ("Types", A(types)), ("EnumValues", enumValues), ("BuiltIn", RegoBool.False));
    }

    private RegoArray FieldDefs()
    {
        Expect("{");
        if (Is("}")) throw new GqlException($"expected at least one definition, found }} in GraphQL string at location {Cur.Line}:{Cur.Col}");
        var fields = new List<RegoValue>();
        while (!Is("}"))
        {
            string d = Cur.Kind is GqlKind.String or GqlKind.BlockString ? Take().Text : "";
            var name = Name();
            var args = Is("(") ? ArgDefs("(", ")") : RegoArray.Empty;
            Expect(":");
            var type = Type();
            fields.Add(O(("Description", S(d)), ("Name", S(name)), ("Arguments", args), ("Type", type), ("Directives", Directives())));
        }
        Take();
        return A(fields);
    }

    private RegoArray ArgDefs(string open, string close)
    {
        Expect(open);
        if (Is(close)) throw new GqlException($"expected at least one definition, found {close} in GraphQL string at location {Cur.Line}:{Cur.Col}");
        var args = new List<RegoValue>();
        while (!Is(close))
        {
            string d = Cur.Kind is GqlKind.String or GqlKind.BlockString ? Take().Text : "";
            var name = Name();
            Expect(":");
            var type = Type();
            RegoValue? def = null;
            if (Is("=")) { Take(); def = Value(true); }
            args.Add(O(("Description", S(d)), ("Name", S(name)), ("DefaultValue", def), ("Type", type), ("Directives", Directives())));
        }
        Take();
        return A(args);
    }

    private RegoObject Type()
    {
        RegoObject t;
        if (Is("["))
        {
            Take();
            var elem = Type();
            Expect("]");
            t = O(("NamedType", S("")), ("Elem", elem));
        }
        else t = O(("NamedType", S(Name())));
        var nonNull = false;
        if (Is("!")) { Take(); nonNull = true; }
        return t.Set(new RegoString("NonNull"), Bool(nonNull));
    }

    private RegoArray Directives(bool isConst = true)
    {
        var list = new List<RegoValue>();
        while (Is("@"))
        {
            Take();
            var name = Name();
            var args = Is("(") ? Arguments(isConst) : RegoArray.Empty;
            list.Add(O(("Name", S(name)), ("Arguments", args), ("Location", S(""))));
        }
        return A(list);
    }

    private RegoArray Arguments(bool isConst)
    {
        Expect("(");
        if (Is(")")) throw Expected("Name");
        var args = new List<RegoValue>();
        while (!Is(")"))
        {
            var name = Name();
            Expect(":");
            args.Add(O(("Name", S(name)), ("Value", Value(isConst))));
        }
        Take();
        return A(args);
    }

    private RegoObject Value(bool isConst)
    {
        var t = Cur;
        RegoObject V(int kind, string raw, RegoArray? children = null)
            => O(("Raw", S(raw)), ("Children", children), ("Kind", RegoNumber.FromInteger(kind)), ("ExpectedTypeHasDefault", RegoBool.False));
        switch (t.Kind)
        {
            case GqlKind.Punct when t.Text == "$" && !isConst:
                Take();
                return V(0, Name());
            case GqlKind.Int: Take(); return V(1, t.Text);
            case GqlKind.Float: Take(); return V(2, t.Text);
            case GqlKind.String: Take(); return V(3, t.Text);
            case GqlKind.BlockString: Take(); return V(4, t.Text);
            case GqlKind.Name:
                Take();
                return t.Text switch
                {
                    "true" or "false" => V(5, t.Text),
                    "null" => V(6, t.Text),
                    _ => V(7, t.Text),
                };
            case GqlKind.Punct when t.Text == "[":
            {
                Take();
                var items = new List<RegoValue>();
                while (!Is("]"))
                {
                    if (Cur.Kind == GqlKind.Eof) throw Unexpected();
                    items.Add(O(("Name", S("")), ("Value", Value(isConst))));
                }
                Take();
                return V(8, "", A(items));
            }
            case GqlKind.Punct when t.Text == "{":
            {
                Take();
                var items = new List<RegoValue>();
                while (!Is("}"))
                {
                    var n = Name();
                    Expect(":");
                    items.Add(O(("Name", S(n)), ("Value", Value(isConst))));
                }
                Take();
                return V(9, "", A(items));
            }
            default:
                throw Unexpected();
        }
    }

    // ---- queries ----

    private RegoObject QueryDocument()
    {
        List<RegoValue> ops = [], frags = [];
        while (Cur.Kind != GqlKind.Eof)
        {
            if (Is("{"))
            {
                ops.Add(O(("Operation", S("query")), ("Name", S("")), ("SelectionSet", SelectionSet())));
                continue;
            }
            if (Cur.Kind != GqlKind.Name) throw Unexpected();
            var kw = Take().Text;
            if (kw == "fragment")
            {
                var name = Name();
                if (!IsName("on")) throw Expected("on");
                Take();
                var cond = Name();
                frags.Add(O(("Name", S(name)), ("TypeCondition", S(cond)), ("Directives", Directives()), ("SelectionSet", SelectionSet())));
                continue;
            }
            if (kw is not ("query" or "mutation" or "subscription")) throw Unexpected(_t[_p - 1]);
            var opName = Cur.Kind == GqlKind.Name ? Take().Text : "";
            var vars = new List<RegoValue>();
            if (Is("("))
            {
                Take();
                while (!Is(")"))
                {
                    Expect("$");
                    var v = Name();
                    Expect(":");
                    var type = Type();
                    RegoValue? def = null;
                    if (Is("=")) { Take(); def = Value(true); }
                    vars.Add(O(("Variable", S(v)), ("Type", type), ("DefaultValue", def), ("Directives", Directives()), ("Used", RegoBool.False)));
                }
                Take();
            }
            var dirs = Directives();
            ops.Add(O(("Operation", S(kw)), ("Name", S(opName)), ("VariableDefinitions", A(vars)), ("Directives", dirs), ("SelectionSet", SelectionSet())));
        }
        return O(("Operations", A(ops)), ("Fragments", A(frags)));
    }

    private RegoArray SelectionSet()
    {
        Expect("{");
        if (Is("}")) throw Expected("Name");
        var sels = new List<RegoValue>();
        while (!Is("}"))
        {
            if (Cur.Kind == GqlKind.Eof) throw Unexpected();
            if (Is("..."))
            {
                Take();
                if (IsName("on"))
                {
                    Take();
                    var cond = Name();
                    sels.Add(O(("TypeCondition", S(cond)), ("Directives", Directives(false)), ("SelectionSet", SelectionSet())));
                }
                else if (Cur.Kind == GqlKind.Name)
                {
                    var n = Take().Text;
                    sels.Add(O(("Name", S(n)), ("Directives", Directives(false))));
                }
                else sels.Add(O(("TypeCondition", S("")), ("Directives", Directives()), ("SelectionSet", SelectionSet())));
                continue;
            }
            var alias = Name();
            var name = alias;
            if (Is(":")) { Take(); name = Name(); }
            var args = Is("(") ? Arguments(false) : RegoArray.Empty;
            var dirs = Directives(false);
            var sub = Is("{") ? SelectionSet() : RegoArray.Empty;
            sels.Add(O(("Alias", S(alias)), ("Name", S(name)), ("Arguments", args), ("Directives", dirs), ("SelectionSet", sub)));
        }
        Take();
        return A(sels);
    }
}

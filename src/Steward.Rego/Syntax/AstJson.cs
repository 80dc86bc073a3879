using Steward.Rego.Values;

namespace Steward.Rego.Syntax;

/// <summary>
/// A parsed module as OPA's JSON AST (what rego.parse_module returns): terms are
/// {"type", "value"}, expressions {"index", "terms"}, rules {"head", "body"}. Locations are left out.
/// </summary>
internal static class AstJson
{
    public static RegoObject Module(Module m)
    {
        var package = Obj(("path", Arr([Var("data"), .. m.Package.Select(Str)])));
        return Obj(
            ("package", package),
            ("imports", Arr(m.Imports.Select(Import))),
            ("rules", Arr(m.Rules.Select(Rule))));
    }

    private static RegoValue Import(Import i)
    {
        var path = Typed("ref", Arr([Var(i.Path[0]), .. i.Path.Skip(1).Select(Str)]));
        var defaultAlias = i.Path[^1];
        return string.IsNullOrEmpty(i.Alias) || i.Alias == defaultAlias ? Obj(("path", path)) : Obj(("path", path), ("alias", S(i.Alias)));
    }

    private static RegoValue Rule(Rule r)
    {
        var head = new List<(string, RegoValue)>();
        if (r.Head.Count > 0 && r.Head[0] is VarTerm name) head.Add(("name", S(name.Name)));
        head.Add(("ref", Arr(r.Head.Select((t, i) => i == 0 && t is VarTerm v ? Var(v.Name) : Term(t)))));
        if (r.Args is { } args) head.Add(("args", Arr(args.Select(Term))));
        if (r.Kind == RuleKind.Multi) head.Add(("key", Term(r.Value)));
        else head.Add(("value", Term(r.Value)));
        var fields = new List<(string, RegoValue)> { ("head", Obj([.. head])), ("body", Body(r.Body)) };
        if (r.IsDefault) fields.Add(("default", RegoBool.True));
        if (r.Else is { } e) fields.Add(("else", Rule(e)));
        return Obj([.. fields]);
    }

    private static RegoArray Body(Body b)
    {
        // OPA gives a rule without a body the body `true`.
        if (b.Literals.Count == 0) return Arr([Obj(("index", Num(0)), ("terms", Typed("boolean", RegoBool.True)))]);
        return Arr(b.Literals.Select((l, i) => Literal(l, i)));
    }

    private static RegoValue Literal(Literal l, int index)
    {
        var fields = new List<(string, RegoValue)> { ("index", Num(index)) };
        if (l.Negated) fields.Add(("negated", RegoBool.True));
        fields.Add(("terms", Expr(l.Expr)));
        if (l.With.Count > 0) fields.Add(("with", Arr(l.With.Select(w => Obj(("target", Term(w.Target)), ("value", Term(w.Value)))))));
        return Obj([.. fields]);
    }

    private static RegoValue Expr(Expr e) => e switch
    {
        TermExpr { Term: CallTerm c } => Arr([Operator(c.Name), .. c.Args.Select(Term)]),
        TermExpr t => Term(t.Term),
        UnifyExpr u => Arr([Operator("eq"), Term(u.Left), Term(u.Right)]),
        AssignExpr a => Arr([Operator("assign"), Term(a.Left), Term(a.Right)]),
        SomeExpr s => Obj(("symbols", Arr(s.Vars.Select(Term)))),
        SomeInExpr si => Obj(("symbols", Arr([Typed("call", Arr(si.Key is null
            ? [Operator("internal.member_2"), Term(si.Value), Term(si.Collection)]
            : [Operator("internal.member_3"), Term(si.Key), Term(si.Value), Term(si.Collection)]))]))),
        EveryExpr ev => Obj([.. (ev.Key is null ? Array.Empty<(string, RegoValue)>() : [("key", Term(ev.Key))]),
            ("value", Term(ev.Value)), ("domain", Term(ev.Domain)), ("body", Body(ev.Body))]),
        _ => RegoValue.Null,
    };

    private static RegoValue Term(Term t) => t switch
    {
        ScalarTerm { Value: RegoNull } => Typed("null", RegoValue.Null),
        ScalarTerm { Value: RegoBool b } => Typed("boolean", b),
        ScalarTerm { Value: RegoNumber n } => Typed("number", n),
        ScalarTerm { Value: RegoString s } => Typed("string", s),
        ScalarTerm sc => Typed("string", S(sc.Value.ToJson())),
        VarTerm v => Var(v.Name),
        RefTerm r => Typed("ref", Arr([Term(r.Head), .. r.Path.Select(Term)])),
        ArrayTerm a => Typed("array", Arr(a.Items.Select(Term))),
        SetTerm s => Typed("set", Arr(s.Items.Select(Term))),
        ObjectTerm o => Typed("object", Arr(o.Items.Select(kv => (RegoValue)Arr([Term(kv.Key), Term(kv.Value)])))),
        CallTerm c => Typed("call", Arr([Operator(c.Name), .. c.Args.Select(Term)])),
        ArrayComprehension ac => Typed("arraycomprehension", Obj(("term", Term(ac.Head)), ("body", Body(ac.Body)))),
        SetComprehension sc => Typed("setcomprehension", Obj(("term", Term(sc.Head)), ("body", Body(sc.Body)))),
        ObjectComprehension oc => Typed("objectcomprehension", Obj(("key", Term(oc.Key)), ("value", Term(oc.Value)), ("body", Body(oc.Body)))),
        TemplateTerm tt => Typed("templatestring", Arr(tt.Parts.Select(Term))),
        _ => RegoValue.Null,
    };

    /// <summary>An operator is a ref: `json.match_schema` is var json, string "match_schema".</summary>
    private static RegoValue Operator(string name)
    {
        var parts = name.Split('.');
        return Typed("ref", Arr([Var(parts[0]), .. parts.Skip(1).Select(Str)]));
    }

    private static RegoValue Var(string name) => Typed("var", S(name));

    private static RegoValue Str(string s) => Typed("string", S(s));

    private static RegoValue Typed(string type, RegoValue value) => Obj(("type", S(type)), ("value", value));

    private static RegoString S(string s) => new(s);

    private static RegoNumber Num(int i) => RegoNumber.FromInteger(i);

    private static RegoArray Arr(IEnumerable<RegoValue> items) => new(items);

    private static RegoObject Obj(params (string Key, RegoValue Value)[] fields)
        => RegoObject.FromStrings(fields.Select(f => new KeyValuePair<string, RegoValue>(f.Key, f.Value)));
}

using System.Text;
using Steward.Rego.Values;

namespace Steward.Rego.Syntax;

/// <summary>Recursive-descent parser for Rego v1 (and v0 with <see cref="ParserOptions.V0Compatible"/>).</summary>
public sealed class ParserOptions
{
    public bool V0Compatible { get; init; }
}

internal sealed partial class Parser
{
    private static readonly HashSet<string> BaseKeywords = ["package", "import", "default", "not", "with", "as", "else", "some", "true", "false", "null"];
    private static readonly string[] FutureKeywords = ["if", "contains", "in", "every"];

    private readonly Lexer _lexer;
    private readonly List<Token> _tokens;
    private readonly string _file;
    private readonly string _source;
    private readonly HashSet<string> _keywords;
    private readonly bool _v0;
    private int _pos;
    private int _nesting;
    private int _depth;
    private int _wildcards;

    public Parser(string file, string source, ParserOptions? options = null)
    {
        _file = file;
        _source = source;
        _lexer = new Lexer(file, source);
        _tokens = _lexer.Tokenize();
        _v0 = options?.V0Compatible ?? false;
        _keywords = [.. BaseKeywords];
        if (!_v0) _keywords.UnionWith(FutureKeywords);
    }

    private Token Cur => _tokens[_pos];

    private Token PeekTok(int k = 1) => _tokens[Math.Min(_pos + k, _tokens.Count - 1)];

    private Token Take() => _tokens[_pos < _tokens.Count - 1 ? _pos++ : _pos];

    private SourceLocation LocOf(Token t) => _lexer.Loc(t.Line, t.Column);

    private RegoException Error(string message, Token? at = null) => new(RegoErrorCodes.Parse, message, LocOf(at ?? Cur));

    private bool AtKeyword(string word) => Cur.Kind == TokenKind.Ident && Cur.Text == word && _keywords.Contains(word) && !IsUsedAsName(_pos);

    /// <summary>A keyword right before or after a dot is a name (data.foo.if, not.foo).</summary>
    private bool IsUsedAsName(int i)
    {
        var t = _tokens[i];
        var next = i + 1 < _tokens.Count ? _tokens[i + 1] : null;
        var prev = i > 0 ? _tokens[i - 1] : null;
        return (next is { Kind: TokenKind.Dot, SpaceBefore: false } && i + 2 < _tokens.Count && _tokens[i + 2] is { Kind: TokenKind.Ident, SpaceBefore: false })
            || (prev is { Kind: TokenKind.Dot } && !t.SpaceBefore);
    }

    private Token Expect(TokenKind kind, string what)
    {
        if (Cur.Kind != kind) throw Error($"expected {what} but found {Describe(Cur)}");
        return Take();
    }

    private static string Describe(Token t) => t.Kind == TokenKind.Eof ? "end of file" : $"'{t.Text}'";

    private void EnterDepth()
    {
        if (++_depth > 300) throw Error("nesting too deep");
    }

    // ---- module ----

    public Module ParseModule()
    {
        if (!AtKeyword("package")) throw Error("package expected");
        var packageLine = Take().Line;
        var pkg = ParseDottedNames();
        var imports = new List<Import>();
        var rules = new List<Rule>();
        while (Cur.Kind != TokenKind.Eof)
        {
            if (AtKeyword("import")) imports.Add(ParseImport());
            else if (Cur.Kind == TokenKind.Semicolon) Take();
            else rules.AddRange(ParseRule());
        }
        var module = new Module { File = _file, Package = pkg, Imports = imports, Rules = rules };
        foreach (var r in rules)
        {
            for (var e = r; e is not null; e = e.Else) e.Module = module;
        }
        MetadataComments.Attach(_source, module, packageLine);
        return module;
    }

    private List<string> ParseDottedNames()
    {
        var names = new List<string> { ExpectName() };
        while (true)
        {
            if (Cur.Kind == TokenKind.Dot && !Cur.SpaceBefore) { Take(); names.Add(ExpectName()); }
            else if (Cur.Kind == TokenKind.LBracket && !Cur.SpaceBefore && PeekTok().Kind == TokenKind.String)
            {
                Take();
                names.Add(Take().Text);
                Expect(TokenKind.RBracket, "']'");
            }
            else return names;
        }
    }

    private string ExpectName()
    {
        if (Cur.Kind != TokenKind.Ident) throw Error($"expected a name but found {Describe(Cur)}");
        return Take().Text;
    }

    private Import ParseImport()
    {
        var at = Take();
        var path = ParseDottedNames();
        if (path[0] is not ("data" or "input" or "future" or "rego"))
            throw Error($"invalid import {string.Join('.', path)}: must begin with input or data", at);
        var alias = path[^1];
        if (AtKeyword("as")) { Take(); alias = ExpectName(); }
        if (path[0] == "future" && path.Count >= 2 && path[1] == "keywords")
        {
            if (path.Count == 2) _keywords.UnionWith(FutureKeywords);
            else _keywords.Add(path[2]);
        }
        if (path[0] == "rego" && path.Count == 2 && path[1] == "v1") _keywords.UnionWith(FutureKeywords);
        return new Import(path, alias, LocOf(at));
    }

    // ---- rules ----

    private List<Rule> ParseRule()
    {
        var start = Cur;
        var isDefault = false;
        if (AtKeyword("default")) { Take(); isDefault = true; }
        if (Cur.Kind != TokenKind.Ident || (_keywords.Contains(Cur.Text) && !IsUsedAsName(_pos)))
            throw Error($"unexpected {Describe(Cur)}: expected a rule");
        var headTok = Take();
        var head = new List<Term> { new VarTerm(headTok.Text, LocOf(headTok)) };
        while (true)
        {
            if (Cur.Kind == TokenKind.Dot && !Cur.SpaceBefore)
            {
                Take();
                var n = Take();
                if (n.Kind != TokenKind.Ident) throw Error("expected a name after '.'", n);
                head.Add(new ScalarTerm(new RegoString(n.Text), LocOf(n)));
            }
            else if (Cur.Kind == TokenKind.LBracket && !Cur.SpaceBefore)
            {
                Take();
                _nesting++;
                head.Add(ParseTermInfix());
                _nesting--;
                Expect(TokenKind.RBracket, "']'");
            }
            else break;
        }
        var loc = LocOf(start);
        List<Term>? args = null;
        if (Cur.Kind == TokenKind.LParen && !Cur.SpaceBefore)
        {
            Take();
            _nesting++;
            args = [];
            while (Cur.Kind != TokenKind.RParen)
            {
                args.Add(ParseTermInfix());
                if (Cur.Kind == TokenKind.Comma) Take();
                else if (Cur.Kind != TokenKind.RParen) throw Error("expected ',' or ')'");
            }
            Take();
            _nesting--;
        }

        RuleKind kind;
        Term? value = null;
        if (AtKeyword("contains"))
        {
            Take();
            kind = RuleKind.Multi;
            value = ParseTermInfix();
        }
        else
        {
            kind = args is null ? RuleKind.Single : RuleKind.Function;
            if (Cur.Kind is TokenKind.Assign or TokenKind.Unify)
            {
                Take();
                value = ParseTermInfix();
            }
            else if (_v0 && args is null && head.Count == 2 && head[1] is not ScalarTerm { Value: RegoString })
            {
                // v0: p[x] { ... } is a partial set.
                kind = RuleKind.Multi;
                value = head[1];
                head.RemoveAt(1);
            }
        }
        value ??= new ScalarTerm(RegoBool.True, loc);
        if (isDefault && head.Count > 1 && head.Skip(1).Any(t => t is not ScalarTerm { Value: RegoString }))
            throw Error("default rules must not have variables in their reference", start);

        var body = ParseRuleBody(out var hasBody);
        if (isDefault && hasBody) throw Error("default rules must not have a body", start);
        var rule = new Rule { Head = head, Kind = kind, Args = args, Value = value, Body = body, IsDefault = isDefault, Loc = loc };
        var rules = new List<Rule> { rule };
        var last = rule;
        while (AtKeyword("else"))
        {
            var elseTok = Take();
            Term elseValue = new ScalarTerm(RegoBool.True, LocOf(elseTok));
            if (Cur.Kind is TokenKind.Assign or TokenKind.Unify)
            {
                Take();
                elseValue = ParseTermInfix();
            }
            var elseBody = ParseRuleBody(out _);
            var e = new Rule { Head = head, Kind = kind, Args = args, Value = elseValue, Body = elseBody, Loc = LocOf(elseTok) };
            last.Else = e;
            last = e;
        }
        // v0 allows p { a } { b }: several bodies that each define the rule.
        while (Cur.Kind == TokenKind.LBrace && !Cur.NewlineBefore)
        {
            var extra = ParseBraceBody();
            rules.Add(new Rule { Head = head, Kind = kind, Args = args, Value = value, Body = extra, Loc = loc });
        }
        return rules;
    }

    private Body ParseRuleBody(out bool hasBody)
    {
        hasBody = true;
        if (AtKeyword("if"))
        {
            Take();
            if (Cur.Kind == TokenKind.LBrace)
            {
                var save = _pos;
                try { return ParseBraceBody(); }
                catch (RegoException) { _pos = save; }
            }
            var saveNesting = _nesting;
            _nesting = 0;
            var lit = ParseLiteral();
            _nesting = saveNesting;
            return new Body([lit]);
        }
        if (Cur.Kind == TokenKind.LBrace && !Cur.NewlineBefore)
        {
            // Rego v1 (OPA 1.x) rejects v0 rule bodies: `p { ... }` must be `p if { ... }`.
            if (!_v0) throw new RegoException(RegoErrorCodes.Parse, "`if` keyword is required before rule body", LocOf(Cur));
            return ParseBraceBody();
        }
        hasBody = false;
        return Body.Empty;
    }

    private Body ParseBraceBody()
    {
        Expect(TokenKind.LBrace, "'{'");
        var saveNesting = _nesting;
        _nesting = 0;
        var lits = new List<Literal>();
        try
        {
            while (Cur.Kind != TokenKind.RBrace)
            {
                if (Cur.Kind == TokenKind.Eof) throw Error("unexpected end of file: missing '}'");
                if (Cur.Kind == TokenKind.Semicolon) { Take(); continue; }
                lits.Add(ParseLiteral());
                if (Cur.Kind is not (TokenKind.RBrace or TokenKind.Semicolon) && !Cur.NewlineBefore)
                    throw Error($"unexpected {Describe(Cur)}");
            }
            Take();
        }
        finally { _nesting = saveNesting; }
        if (lits.Count == 0) throw Error("found empty body");
        return new Body(lits);
    }

    /// <summary>Parses a query: literals separated by ';' or newlines.</summary>
    public Body ParseQuery()
    {
        var lits = new List<Literal>();
        while (Cur.Kind != TokenKind.Eof)
        {
            if (Cur.Kind == TokenKind.Semicolon) { Take(); continue; }
            lits.Add(ParseLiteral());
            if (Cur.Kind is not (TokenKind.Eof or TokenKind.Semicolon) && !Cur.NewlineBefore)
                throw Error($"unexpected {Describe(Cur)}");
        }
        if (lits.Count == 0) throw Error("empty query");
        return new Body(lits);
    }

    public Term ParseSingleTerm()
    {
        var t = ParseTermInfix();
        if (Cur.Kind != TokenKind.Eof) throw Error($"unexpected {Describe(Cur)}");
        return t;
    }

    /// <summary>
    /// The expression inside a template string's braces: a term, or a term with `with` modifiers,
    /// which becomes {v | v = term with ...} so the template can read the values it produces.
    /// </summary>
    internal (Term Part, bool Collected) ParseTemplateExpression(int index)
    {
        var lit = ParseLiteral();
        if (Cur.Kind != TokenKind.Eof) throw Error($"unexpected {Describe(Cur)}");
        if (lit.Negated || lit.Expr is not TermExpr te) throw Error("a template expression must be a term");
        if (lit.With.Count == 0) return (te.Term, false);
        var v = new VarTerm($"__template{index}__", lit.Loc);
        return (new SetComprehension(v, new Body([lit with { Expr = new UnifyExpr(v, te.Term) }]), lit.Loc), true);
    }

    // ---- literals ----

    private Literal ParseLiteral()
    {
        EnterDepth();
        try
        {
            var start = Cur;
            var loc = LocOf(start);
            var negated = false;
            Expr expr;
            if (AtKeyword("some"))
            {
                Take();
                expr = ParseSome();
            }
            else if (AtKeyword("every"))
            {
                Take();
                expr = ParseEvery();
            }
            else
            {
                if (AtKeyword("not")) { Take(); negated = true; }
                expr = ParseExpr();
            }
            var withs = new List<WithModifier>();
            while (AtKeyword("with"))
            {
                var w = Take();
                var target = ParseTermInfix();
                if (!AtKeyword("as")) throw Error("expected 'as' after with target");
                Take();
                var value = ParseTermInfix();
                withs.Add(new WithModifier(target, value, LocOf(w)));
            }
            return new Literal(expr, negated, withs, loc);
        }
        finally { _depth--; }
    }

    private Expr ParseSome()
    {
        var terms = new List<Term> { ParseTermNoIn() };
        while (Cur.Kind == TokenKind.Comma) { Take(); terms.Add(ParseTermNoIn()); }
        if (AtKeyword("in"))
        {
            Take();
            var coll = ParseTermNoIn();
            return terms.Count switch
            {
                1 => new SomeInExpr(null, terms[0], coll),
                2 => new SomeInExpr(terms[0], terms[1], coll),
                _ => throw Error("too many terms in some ... in"),
            };
        }
        var vars = new List<VarTerm>();
        foreach (var t in terms)
        {
            if (t is not VarTerm v) throw Error("expected variables after some");
            vars.Add(v);
        }
        return new SomeExpr(vars);
    }

    private Expr ParseEvery()
    {
        var first = ParseTermNoIn();
        Term? key = null;
        var value = first;
        if (Cur.Kind == TokenKind.Comma)
        {
            Take();
            key = first;
            value = ParseTermNoIn();
        }
        if (!AtKeyword("in")) throw Error("expected 'in' in every");
        Take();
        var domain = ParseTermNoIn();
        var body = ParseBraceBody();
        return new EveryExpr(key, value, domain, body);
    }

    private Expr ParseExpr()
    {
        var left = ParseTermInfix();
        if (Cur.Kind == TokenKind.Comma && _nesting == 0)
        {
            // k, v in xs
            Take();
            var val = ParseTermNoIn();
            if (!AtKeyword("in")) throw Error("expected 'in'");
            var inTok = Take();
            var coll = ParseRelation(true);
            return new TermExpr(ContinueIn(new CallTerm("internal.member_3", [left, val, coll], LocOf(inTok))));
        }
        if (Cur.Kind == TokenKind.Assign && !Stop())
        {
            Take();
            return new AssignExpr(left, ParseTermInfix());
        }
        if (Cur.Kind == TokenKind.Unify && !Stop())
        {
            Take();
            return new UnifyExpr(left, ParseTermInfix());
        }
        return new TermExpr(left);
    }

    private bool Stop() => _nesting == 0 && Cur.NewlineBefore;

    // ---- infix terms (lowest to highest precedence: in, relation, |, &, + -, * / %) ----

    public Term ParseTermInfix() => ParseIn(allowIn: true, allowOr: true);

    private Term ParseTermNoIn() => ParseIn(allowIn: false, allowOr: true);

    private Term ParseIn(bool allowIn, bool allowOr)
    {
        var left = ParseRelation(allowOr);
        while (allowIn && AtKeyword("in") && !Stop())
        {
            var op = Take();
            var right = ParseRelation(allowOr);
            left = new CallTerm("internal.member_2", [left, right], LocOf(op));
        }
        return left;
    }

    private Term ContinueIn(Term left)
    {
        while (AtKeyword("in") && !Stop())
        {
            var op = Take();
            left = new CallTerm("internal.member_2", [left, ParseRelation(true)], LocOf(op));
        }
        return left;
    }

    private Term ParseRelation(bool allowOr)
    {
        var left = ParseOr(allowOr);
        while (!Stop())
        {
            var name = Cur.Kind switch
            {
                TokenKind.Eq => "equal",
                TokenKind.Neq => "neq",
                TokenKind.Lt => "lt",
                TokenKind.Lte => "lte",
                TokenKind.Gt => "gt",
                TokenKind.Gte => "gte",
                _ => null,
            };
            if (name is null) break;
            var op = Take();
            left = new CallTerm(name, [left, ParseOr(allowOr)], LocOf(op));
        }
        return left;
    }

    private Term ParseOr(bool allowOr)
    {
        var left = ParseAnd();
        while (allowOr && Cur.Kind == TokenKind.Pipe && !Stop())
        {
            var op = Take();
            left = new CallTerm("or", [left, ParseAnd()], LocOf(op));
        }
        return left;
    }

    private Term ParseAnd()
    {
        var left = ParseArith();
        while (Cur.Kind == TokenKind.Amp && !Stop())
        {
            var op = Take();
            left = new CallTerm("and", [left, ParseArith()], LocOf(op));
        }
        return left;
    }

    private Term ParseArith()
    {
        var left = ParseFactor();
        while (Cur.Kind is TokenKind.Plus or TokenKind.Minus && !Stop())
        {
            var op = Take();
            left = new CallTerm(op.Kind == TokenKind.Plus ? "plus" : "minus", [left, ParseFactor()], LocOf(op));
        }
        return left;
    }

    private Term ParseFactor()
    {
        var left = ParseTerm();
        while (Cur.Kind is TokenKind.Star or TokenKind.Slash or TokenKind.Percent && !Stop())
        {
            var op = Take();
            var name = op.Kind switch { TokenKind.Star => "mul", TokenKind.Slash => "div", _ => "rem" };
            left = new CallTerm(name, [left, ParseTerm()], LocOf(op));
        }
        return left;
    }
}

using System.Globalization;
using System.Text;
using Steward.Rego.Values;

namespace Steward.Rego.Syntax;

/// <summary>Primary terms: scalars, variables, refs, calls, collections and comprehensions.</summary>
internal sealed partial class Parser
{
    private Term ParseTerm()
    {
        EnterDepth();
        try
        {
            var t = ParsePrimary();
            return ParseRefTail(t);
        }
        finally { _depth--; }
    }

    private Term ParsePrimary()
    {
        var tok = Cur;
        var loc = LocOf(tok);
        switch (tok.Kind)
        {
            case TokenKind.Number:
                Take();
                return new ScalarTerm(ParseNumber(tok), loc);
            case TokenKind.String:
            case TokenKind.RawString:
                Take();
                return new ScalarTerm(new RegoString(tok.Text), loc);
            case TokenKind.Template:
            case TokenKind.RawTemplate:
                Take();
                return ParseTemplate(tok);
            case TokenKind.Minus when PeekTok().Kind == TokenKind.Number && !PeekTok().SpaceBefore:
                Take();
                var num = Take();
                return new ScalarTerm(RegoNumber.Negate(ParseNumber(num)), loc);
            case TokenKind.Minus:
                Take();
                return new CallTerm("minus", [new ScalarTerm(RegoNumber.Zero, loc), ParseTerm()], loc);
            case TokenKind.LParen:
            {
                Take();
                _nesting++;
                var inner = ParseTermInfix();
                if (Cur.Kind == TokenKind.Comma)
                {
                    // (k, v in xs)
                    Take();
                    var val = ParseTermNoIn();
                    if (!AtKeyword("in")) throw Error("expected 'in'");
                    var inTok = Take();
                    inner = new CallTerm("internal.member_3", [inner, val, ParseRelation(true)], LocOf(inTok));
                    inner = ContinueIn(inner);
                }
                _nesting--;
                Expect(TokenKind.RParen, "')'");
                return inner;
            }
            case TokenKind.LBracket:
                return ParseArray();
            case TokenKind.LBrace:
                return ParseObjectOrSet();
            case TokenKind.Ident:
                return ParseNameTerm();
            default:
                throw Error($"unexpected {Describe(tok)}");
        }
    }

    private RegoNumber ParseNumber(Token tok)
    {
        try { return RegoNumber.Parse(tok.Text); }
        catch (RegoException) { throw Error("invalid number " + tok.Text, tok); }
    }

    private Term ParseNameTerm()
    {
        var tok = Take();
        var loc = LocOf(tok);
        var asName = IsUsedAsName(_pos - 1);
        if (!asName)
        {
            switch (tok.Text)
            {
                case "true": return new ScalarTerm(RegoBool.True, loc);
                case "false": return new ScalarTerm(RegoBool.False, loc);
                case "null": return new ScalarTerm(RegoNull.Instance, loc);
            }
            // contains(...) is still the builtin, even where contains is a keyword.
            var isCall = Cur.Kind == TokenKind.LParen && !Cur.SpaceBefore && tok.Text == "contains";
            if (_keywords.Contains(tok.Text) && !isCall) throw Error($"unexpected keyword '{tok.Text}'", tok);
        }
        // A call: name(.name)*( args )
        var save = _pos;
        var names = new List<string> { tok.Text };
        while (Cur.Kind == TokenKind.Dot && !Cur.SpaceBefore && PeekTok().Kind == TokenKind.Ident && !PeekTok().SpaceBefore)
        {
            Take();
            names.Add(Take().Text);
        }
        if (Cur.Kind == TokenKind.LParen && !Cur.SpaceBefore)
        {
            var name = string.Join('.', names);
            var args = ParseArgs();
            if (name == "set" && args.Count == 0) return new SetTerm([], loc);
            return new CallTerm(name, args, loc);
        }
        _pos = save;
        // Every _ is a distinct variable.
        if (tok.Text == "_") return new VarTerm("__wildcard" + (_wildcards++).ToString(CultureInfo.InvariantCulture), loc);
        return new VarTerm(tok.Text, loc);
    }

    private List<Term> ParseArgs()
    {
        Expect(TokenKind.LParen, "'('");
        _nesting++;
        var args = new List<Term>();
        while (Cur.Kind != TokenKind.RParen)
        {
            args.Add(ParseTermInfix());
            if (Cur.Kind == TokenKind.Comma) Take();
            else if (Cur.Kind != TokenKind.RParen) throw Error($"expected ',' or ')' but found {Describe(Cur)}");
        }
        Take();
        _nesting--;
        return args;
    }

    private Term ParseRefTail(Term head)
    {
        var path = new List<Term>();
        while (true)
        {
            if (Cur.Kind == TokenKind.Dot && !Cur.SpaceBefore)
            {
                Take();
                var n = Cur;
                if (n.Kind != TokenKind.Ident) throw Error("expected a name after '.'");
                Take();
                path.Add(new ScalarTerm(new RegoString(n.Text), LocOf(n)));
            }
            else if (Cur.Kind == TokenKind.LBracket && !Cur.SpaceBefore)
            {
                Take();
                _nesting++;
                path.Add(ParseTermInfix());
                _nesting--;
                Expect(TokenKind.RBracket, "']'");
            }
            else break;
        }
        if (path.Count == 0) return head;
        if (head is RefTerm r) return new RefTerm(r.Head, [.. r.Path, .. path], r.Loc);
        if (head is ScalarTerm { Value: not RegoString })
            throw Error("illegal reference on a scalar");
        return new RefTerm(head, path, head.Loc);
    }

    private Term ParseArray()
    {
        var open = Take();
        var loc = LocOf(open);
        _nesting++;
        try
        {
            if (Cur.Kind == TokenKind.RBracket) { Take(); return new ArrayTerm([], loc); }
            if (TryComprehension(out var head, out var body))
            {
                Expect(TokenKind.RBracket, "']'");
                return new ArrayComprehension(head!, body!, loc);
            }
            var items = ParseItems(TokenKind.RBracket);
            return new ArrayTerm(items, loc);
        }
        finally { _nesting--; }
    }

    private List<Term> ParseItems(TokenKind close)
    {
        var items = new List<Term>();
        while (Cur.Kind != close)
        {
            items.Add(ParseTermInfix());
            if (Cur.Kind == TokenKind.Comma) Take();
            else if (Cur.Kind != close) throw Error($"expected ',' but found {Describe(Cur)}");
        }
        Take();
        return items;
    }

    /// <summary>Tries "head | body"; on failure rewinds so the caller parses a literal collection.</summary>
    private bool TryComprehension(out Term? head, out Body? body)
    {
        var save = _pos;
        head = null;
        body = null;
        try
        {
            var h = ParseIn(allowIn: true, allowOr: false);
            if (Cur.Kind != TokenKind.Pipe) { _pos = save; return false; }
            Take();
            body = ParseComprehensionBody();
            head = h;
            return true;
        }
        catch (RegoException)
        {
            _pos = save;
            return false;
        }
    }

    private Body ParseComprehensionBody()
    {
        var saveNesting = _nesting;
        _nesting = 0;
        var lits = new List<Literal>();
        while (Cur.Kind is not (TokenKind.RBracket or TokenKind.RBrace or TokenKind.Eof))
        {
            if (Cur.Kind == TokenKind.Semicolon) { Take(); continue; }
            lits.Add(ParseLiteral());
            if (Cur.Kind is not (TokenKind.RBracket or TokenKind.RBrace or TokenKind.Semicolon) && !Cur.NewlineBefore)
                throw Error($"unexpected {Describe(Cur)}");
        }
        _nesting = saveNesting;
        if (lits.Count == 0) throw Error("empty comprehension body");
        return new Body(lits);
    }

    private Term ParseObjectOrSet()
    {
        var open = Take();
        var loc = LocOf(open);
        _nesting++;
        try
        {
            if (Cur.Kind == TokenKind.RBrace) { Take(); return new ObjectTerm([], loc); }
            var save = _pos;
            // Object comprehension {k: v | body}
            try
            {
                var k = ParseIn(true, false);
                if (Cur.Kind == TokenKind.Colon)
                {
                    Take();
                    var v = ParseIn(true, false);
                    if (Cur.Kind == TokenKind.Pipe)
                    {
                        Take();
                        var body = ParseComprehensionBody();
                        Expect(TokenKind.RBrace, "'}'");
                        return new ObjectComprehension(k, v, body, loc);
                    }
                }
            }
            catch (RegoException) { }
            _pos = save;
            if (TryComprehension(out var head, out var sbody))
            {
                Expect(TokenKind.RBrace, "'}'");
                return new SetComprehension(head!, sbody!, loc);
            }
            var first = ParseTermInfix();
            if (Cur.Kind == TokenKind.Colon)
            {
                Take();
                var items = new List<KeyValuePair<Term, Term>> { new(first, ParseTermInfix()) };
                while (Cur.Kind == TokenKind.Comma)
                {
                    Take();
                    if (Cur.Kind == TokenKind.RBrace) break;
                    var key = ParseTermInfix();
                    Expect(TokenKind.Colon, "':'");
                    items.Add(new(key, ParseTermInfix()));
                }
                Expect(TokenKind.RBrace, "'}'");
                return new ObjectTerm(items, loc);
            }
            var set = new List<Term> { first };
            while (Cur.Kind == TokenKind.Comma)
            {
                Take();
                if (Cur.Kind == TokenKind.RBrace) break;
                set.Add(ParseTermInfix());
            }
            Expect(TokenKind.RBrace, "'}'");
            return new SetTerm(set, loc);
        }
        finally { _nesting--; }
    }

    /// <summary>Splits a template string into literal text and embedded expressions.</summary>
    private TemplateTerm ParseTemplate(Token tok)
    {
        var raw = tok.Text;
        var loc = LocOf(tok);
        var parts = new List<Term>();
        var sb = new StringBuilder();
        var rawForm = tok.Kind == TokenKind.RawTemplate;
        var collected = new HashSet<int>();
        var i = 0;
        while (i < raw.Length)
        {
            var c = raw[i];
            if (c == '\\' && i + 1 < raw.Length && (!rawForm || raw[i + 1] == '{'))
            {
                var e = raw[i + 1];
                i += 2;
                switch (e)
                {
                    case '{': sb.Append('{'); break;
                    case '}': sb.Append('}'); break;
                    case 'n': sb.Append('\n'); break;
                    case 't': sb.Append('\t'); break;
                    case 'r': sb.Append('\r'); break;
                    case '"': sb.Append('"'); break;
                    case '\\': sb.Append('\\'); break;
                    case '/': sb.Append('/'); break;
                    case 'b': sb.Append('\b'); break;
                    case 'f': sb.Append('\f'); break;
                    case 'u' when i + 4 <= raw.Length && int.TryParse(raw.AsSpan(i, 4), NumberStyles.HexNumber, CultureInfo.InvariantCulture, out var cp):
                        sb.Append((char)cp);
                        i += 4;
                        break;
                    default: throw Error($"invalid escape \\{e} in template string", tok);
                }
                continue;
            }
            if (c == '{')
            {
                var depth = 1;
                var j = i + 1;
                while (j < raw.Length && depth > 0)
                {
                    if (raw[j] == '"')
                    {
                        j++;
                        while (j < raw.Length && raw[j] != '"') { if (raw[j] == '\\') j++; j++; }
                    }
                    else if (raw[j] == '{') depth++;
                    else if (raw[j] == '}') depth--;
                    if (depth > 0) j++;
                }
                if (depth > 0) throw Error("unterminated expression in template string", tok);
                if (sb.Length > 0) { parts.Add(new ScalarTerm(new RegoString(sb.ToString()), loc)); sb.Clear(); }
                var exprText = raw[(i + 1)..j];
                if (string.IsNullOrWhiteSpace(exprText)) throw Error("empty expression in template string", tok);
                var sub = new Parser(_file, exprText, new ParserOptions { V0Compatible = _v0 });
                var (part, isCollected) = sub.ParseTemplateExpression(parts.Count);
                if (isCollected) collected.Add(parts.Count);
                parts.Add(part);
                i = j + 1;
                continue;
            }
            sb.Append(c);
            i++;
        }
        if (sb.Length > 0 || parts.Count == 0) parts.Add(new ScalarTerm(new RegoString(sb.ToString()), loc));
        return new TemplateTerm(parts, loc) { CollectedParts = collected };
    }
}

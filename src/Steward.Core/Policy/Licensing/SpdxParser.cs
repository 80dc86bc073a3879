namespace Steward.Core.Policy.Licensing;

/// <summary>Recursive-descent parser for SPDX license expressions; OR binds looser than AND, AND looser than WITH.</summary>
internal sealed class SpdxParser
{
    private readonly string _text;
    private readonly List<(string Text, int Column)> _tokens;
    private int _next;

    private SpdxParser(string text)
    {
        _text = text;
        _tokens = Tokenize(text);
    }

    public static SpdxExpression Parse(string text)
    {
        var parser = new SpdxParser(text);
        if (parser._tokens.Count == 0) throw new SpdxParseException("empty license expression", 1);
        var expression = parser.ParseOr();
        if (parser._next < parser._tokens.Count)
            throw parser.Unexpected();
        return expression;
    }

    private SpdxExpression ParseOr()
    {
        var left = ParseAnd();
        while (IsOperator("OR"))
        {
            _next++;
            left = new SpdxExpression.Or(left, ParseAnd());
        }
        return left;
    }

    private SpdxExpression ParseAnd()
    {
        var left = ParseWith();
        while (IsOperator("AND"))
        {
            _next++;
            left = new SpdxExpression.And(left, ParseWith());
        }
        return left;
    }

    private SpdxExpression ParseWith()
    {
        var primary = ParsePrimary();
        if (!IsOperator("WITH")) return primary;
        _next++;
        if (primary is not SpdxExpression.License license)
            throw new SpdxParseException("WITH must follow a license id, not a parenthesized expression", _tokens[_next - 1].Column);
        var exception = ExpectId("an exception id after WITH");
        return license with { Exception = exception };
    }

    private SpdxExpression ParsePrimary()
    {
        if (_next >= _tokens.Count)
            throw new SpdxParseException("expression ends where a license id was expected", _text.Length + 1);
        if (_tokens[_next].Text == "(")
        {
            _next++;
            var inner = ParseOr();
            if (_next >= _tokens.Count || _tokens[_next].Text != ")")
                throw new SpdxParseException("missing ')'", _next < _tokens.Count ? _tokens[_next].Column : _text.Length + 1);
            _next++;
            return inner;
        }
        var id = ExpectId("a license id");
        var orLater = id.EndsWith('+');
        if (orLater) id = id[..^1];
        if (_next < _tokens.Count && _tokens[_next].Text == "+")
        {
            orLater = true;
            _next++;
        }
        return new SpdxExpression.License(id, orLater, null);
    }

    private string ExpectId(string what)
    {
        if (_next >= _tokens.Count)
            throw new SpdxParseException($"expression ends where {what} was expected", _text.Length + 1);
        var (token, column) = _tokens[_next];
        if (token is "(" or ")" or "+" || IsOperatorText(token))
            throw new SpdxParseException($"expected {what}, found '{token}'", column);
        _next++;
        return token;
    }

    private bool IsOperator(string op) => _next < _tokens.Count && string.Equals(_tokens[_next].Text, op, StringComparison.OrdinalIgnoreCase);

    private static bool IsOperatorText(string token) =>
        token.Equals("AND", StringComparison.OrdinalIgnoreCase) || token.Equals("OR", StringComparison.OrdinalIgnoreCase) ||
        token.Equals("WITH", StringComparison.OrdinalIgnoreCase);

    private SpdxParseException Unexpected() => new($"unexpected '{_tokens[_next].Text}'", _tokens[_next].Column);

    private static List<(string, int)> Tokenize(string text)
    {
        var tokens = new List<(string, int)>();
        var i = 0;
        while (i < text.Length)
        {
            var c = text[i];
            if (char.IsWhiteSpace(c)) { i++; continue; }
            if (c is '(' or ')')
            {
                tokens.Add((c.ToString(), i + 1));
                i++;
                continue;
            }
            var start = i;
            while (i < text.Length && (char.IsAsciiLetterOrDigit(text[i]) || text[i] is '.' or '-' or ':' or '+'))
                i++;
            if (i == start)
                throw new SpdxParseException($"unexpected character '{c}'", i + 1);
            tokens.Add((text[start..i], start + 1));
        }
        return tokens;
    }
}

/// <summary>A malformed SPDX expression; <see cref="Column"/> is 1-based within the expression.</summary>
public sealed class SpdxParseException : Exception
{
    public SpdxParseException(string message, int column) : base(message) => Column = column;
    public SpdxParseException() { }
    public SpdxParseException(string message) : base(message) { }
    public SpdxParseException(string message, Exception inner) : base(message, inner) { }

    public int Column { get; }
}

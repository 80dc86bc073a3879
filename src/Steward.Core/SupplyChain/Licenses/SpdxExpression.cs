namespace Steward.Core.SupplyChain.Licenses;

/// <summary>
/// An SPDX license expression (SPDX specification, Annex D "SPDX License Expressions"):
/// license ids (optionally "+"), LicenseRef-s, "WITH" exceptions, "AND", "OR" and parentheses,
/// with precedence WITH &gt; AND &gt; OR.
/// </summary>
public abstract record SpdxExpression
{
    /// <summary>A license, possibly "or later" (+) and with an exception.</summary>
    public sealed record License(string Id, bool OrLater, string? Exception) : SpdxExpression
    {
        public override string ToString() => Id + (OrLater ? "+" : "") + (Exception is null ? "" : " WITH " + Exception);
    }

    public sealed record And(SpdxExpression Left, SpdxExpression Right) : SpdxExpression
    {
        public override string ToString() => $"{Wrap(Left)} AND {Wrap(Right)}";

        private static string Wrap(SpdxExpression e) => e is Or ? $"({e})" : e.ToString();
    }

    public sealed record Or(SpdxExpression Left, SpdxExpression Right) : SpdxExpression
    {
        public override string ToString() => $"{Left} OR {Right}";
    }

    /// <summary>Every license of the expression, left to right.</summary>
    public IEnumerable<License> Licenses() => this switch
    {
        License l => [l],
        And a => a.Left.Licenses().Concat(a.Right.Licenses()),
        Or o => o.Left.Licenses().Concat(o.Right.Licenses()),
        _ => [],
    };

    /// <exception cref="FormatException">Not an SPDX license expression.</exception>
    public static SpdxExpression Parse(string text)
    {
        var parser = new Parser(Tokenize(text), text);
        var result = parser.ParseOr();
        if (!parser.AtEnd) throw new FormatException($"'{text}': unexpected '{parser.Peek}'.");
        return result;
    }

    public static bool TryParse(string text, out SpdxExpression? expression)
    {
        try
        {
            expression = Parse(text);
            return true;
        }
        catch (FormatException)
        {
            expression = null;
            return false;
        }
    }

    private static List<string> Tokenize(string text)
    {
        var tokens = new List<string>();
        var i = 0;
        while (i < text.Length)
        {
            var c = text[i];
            if (char.IsWhiteSpace(c))
            {
                i++;
            }
            else if (c is '(' or ')')
            {
                tokens.Add(c.ToString());
                i++;
            }
            else
            {
                var start = i;
                while (i < text.Length && !char.IsWhiteSpace(text[i]) && text[i] is not '(' and not ')') i++;
                tokens.Add(text[start..i]);
            }
        }
        return tokens;
    }

    private sealed class Parser(List<string> tokens, string text)
    {
        private int _position;

        public bool AtEnd => _position >= tokens.Count;
        public string Peek => AtEnd ? "" : tokens[_position];

        // Operators: upper case per the specification; lower case is accepted as many SBOMs use it.
        private bool IsOperator(string op) => !AtEnd && string.Equals(Peek, op, StringComparison.Ordinal) || (!AtEnd && Peek == op.ToLowerInvariant());

        public SpdxExpression ParseOr()
        {
            var left = ParseAnd();
            while (IsOperator("OR"))
            {
                _position++;
                left = new Or(left, ParseAnd());
            }
            return left;
        }

        private SpdxExpression ParseAnd()
        {
            var left = ParseWith();
            while (IsOperator("AND"))
            {
                _position++;
                left = new And(left, ParseWith());
            }
            return left;
        }

        private SpdxExpression ParseWith()
        {
            if (AtEnd) throw new FormatException($"'{text}': expression ends too early.");
            if (Peek == "(")
            {
                _position++;
                var inner = ParseOr();
                if (Peek != ")") throw new FormatException($"'{text}': missing ')'.");
                _position++;
                return inner;
            }
            var id = tokens[_position++];
            if (id is ")" || IsKeyword(id)) throw new FormatException($"'{text}': expected a license id, found '{id}'.");
            var orLater = id.EndsWith('+');
            if (orLater) id = id[..^1];
            if (!IsIdString(id)) throw new FormatException($"'{text}': '{id}' is not a license id.");
            string? exception = null;
            if (IsOperator("WITH"))
            {
                _position++;
                if (AtEnd || !IsIdString(Peek)) throw new FormatException($"'{text}': WITH needs an exception id.");
                exception = tokens[_position++];
            }
            return new License(id, orLater, exception);
        }

        private static bool IsKeyword(string s) => s is "AND" or "OR" or "WITH" or "and" or "or" or "with";

        /// <summary>idstring = 1*(ALPHA / DIGIT / "-" / "."), with the ':' of DocumentRef-x:LicenseRef-y.</summary>
        private static bool IsIdString(string s) => s.Length > 0 && s.All(c => char.IsAsciiLetterOrDigit(c) || c is '-' or '.' or ':');
    }
}

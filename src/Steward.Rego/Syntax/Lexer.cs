using System.Globalization;
using System.Text;

namespace Steward.Rego.Syntax;

/// <summary>Turns Rego source into tokens; strings are unescaped here.</summary>
internal sealed class Lexer
{
    private readonly string _src;
    private readonly string _file;
    private readonly string[] _lines;
    private int _pos;
    private int _line = 1;
    private int _col = 1;

    public Lexer(string file, string src)
    {
        _file = file;
        _src = src;
        _lines = src.Split('\n');
    }

    public SourceLocation Loc(int line, int col)
        => new(_file, line, col, line - 1 < _lines.Length ? _lines[line - 1].TrimEnd('\r') : null);

    private RegoException Error(string msg) => new(RegoErrorCodes.Parse, msg, Loc(_line, _col));

    public List<Token> Tokenize()
    {
        var tokens = new List<Token>();
        while (true)
        {
            var (space, newline) = SkipTrivia();
            var line = _line;
            var col = _col;
            if (_pos >= _src.Length)
            {
                tokens.Add(new Token(TokenKind.Eof, "", line, col, space, true));
                return tokens;
            }
            var (kind, text) = Next();
            tokens.Add(new Token(kind, text, line, col, space, newline));
        }
    }

    private (bool Space, bool Newline) SkipTrivia()
    {
        bool space = false, newline = false;
        while (_pos < _src.Length)
        {
            var c = _src[_pos];
            if (c == '\n') { newline = true; space = true; Advance(); }
            else if (c is ' ' or '\t' or '\r') { space = true; Advance(); }
            else if (c == '#')
            {
                while (_pos < _src.Length && _src[_pos] != '\n') Advance();
            }
            else break;
        }
        return (space, newline);
    }

    private void Advance()
    {
        if (_src[_pos] == '\n') { _line++; _col = 1; }
        else _col++;
        _pos++;
    }

    private char Peek(int k = 0) => _pos + k < _src.Length ? _src[_pos + k] : '\0';

    private (TokenKind, string) Next()
    {
        var c = Peek();
        if (char.IsLetter(c) || c == '_') return (TokenKind.Ident, ReadIdent());
        if (char.IsDigit(c) || (c == '.' && char.IsDigit(Peek(1)) && !PrevIsTermEnd())) return (TokenKind.Number, ReadNumber());
        if (c == '"') { Advance(); return (TokenKind.String, ReadString('"')); }
        if (c == '`') return (TokenKind.RawString, ReadRaw());
        if (c == '$' && Peek(1) == '"') { Advance(); Advance(); return (TokenKind.Template, ReadTemplate(false)); }
        if (c == '$' && Peek(1) == '`') { Advance(); Advance(); return (TokenKind.RawTemplate, ReadTemplate(true)); }
        Advance();
        switch (c)
        {
            case '{': return (TokenKind.LBrace, "{");
            case '}': return (TokenKind.RBrace, "}");
            case '[': return (TokenKind.LBracket, "[");
            case ']': return (TokenKind.RBracket, "]");
            case '(': return (TokenKind.LParen, "(");
            case ')': return (TokenKind.RParen, ")");
            case '.': return (TokenKind.Dot, ".");
            case ',': return (TokenKind.Comma, ",");
            case ';': return (TokenKind.Semicolon, ";");
            case ':':
                if (Peek() == '=') { Advance(); return (TokenKind.Assign, ":="); }
                return (TokenKind.Colon, ":");
            case '=':
                if (Peek() == '=') { Advance(); return (TokenKind.Eq, "=="); }
                return (TokenKind.Unify, "=");
            case '!':
                if (Peek() == '=') { Advance(); return (TokenKind.Neq, "!="); }
                break;
            case '<':
                if (Peek() == '=') { Advance(); return (TokenKind.Lte, "<="); }
                return (TokenKind.Lt, "<");
            case '>':
                if (Peek() == '=') { Advance(); return (TokenKind.Gte, ">="); }
                return (TokenKind.Gt, ">");
            case '+': return (TokenKind.Plus, "+");
            case '-': return (TokenKind.Minus, "-");
            case '*': return (TokenKind.Star, "*");
            case '/': return (TokenKind.Slash, "/");
            case '%': return (TokenKind.Percent, "%");
            case '|': return (TokenKind.Pipe, "|");
            case '&': return (TokenKind.Amp, "&");
        }
        _col--;
        throw Error($"illegal token '{c}'");
    }

    private bool PrevIsTermEnd()
    {
        var p = _pos - 1;
        return p >= 0 && (char.IsLetterOrDigit(_src[p]) || _src[p] is ']' or ')' or '}' or '_');
    }

    private string ReadIdent()
    {
        var start = _pos;
        while (char.IsLetterOrDigit(Peek()) || Peek() == '_') Advance();
        return _src[start.._pos];
    }

    private string ReadNumber()
    {
        var start = _pos;
        while (char.IsDigit(Peek())) Advance();
        if (Peek() == '.' && char.IsDigit(Peek(1)))
        {
            Advance();
            while (char.IsDigit(Peek())) Advance();
        }
        if (Peek() is 'e' or 'E' && (char.IsDigit(Peek(1)) || (Peek(1) is '+' or '-' && char.IsDigit(Peek(2)))))
        {
            Advance();
            if (Peek() is '+' or '-') Advance();
            while (char.IsDigit(Peek())) Advance();
        }
        if (char.IsLetter(Peek()) || Peek() == '_') throw Error("invalid number");
        return _src[start.._pos];
    }

    private string ReadRaw()
    {
        Advance();
        var start = _pos;
        while (_pos < _src.Length && _src[_pos] != '`') Advance();
        if (_pos >= _src.Length) throw Error("unterminated raw string");
        var s = _src[start.._pos];
        Advance();
        return s;
    }

    private string ReadString(char quote)
    {
        var sb = new StringBuilder();
        while (true)
        {
            if (_pos >= _src.Length || _src[_pos] == '\n') throw Error("non-terminated string");
            var c = _src[_pos];
            if (c == quote) { Advance(); return sb.ToString(); }
            if (c == '\\')
            {
                Advance();
                var e = Peek();
                Advance();
                switch (e)
                {
                    case '"': sb.Append('"'); break;
                    case '\\': sb.Append('\\'); break;
                    case '/': sb.Append('/'); break;
                    case 'b': sb.Append('\b'); break;
                    case 'f': sb.Append('\f'); break;
                    case 'n': sb.Append('\n'); break;
                    case 'r': sb.Append('\r'); break;
                    case 't': sb.Append('\t'); break;
                    case 'u':
                        if (_pos + 4 > _src.Length || !int.TryParse(_src.AsSpan(_pos, 4), NumberStyles.HexNumber, CultureInfo.InvariantCulture, out var code))
                            throw Error("invalid unicode escape");
                        for (var i = 0; i < 4; i++) Advance();
                        sb.Append((char)code);
                        break;
                    default: throw Error($"invalid escape sequence \\{e}");
                }
                continue;
            }
            sb.Append(c);
            Advance();
        }
    }

    /// <summary>
    /// Template strings keep their raw text; the parser splits it into literal parts and {expr} parts.
    /// A literal brace is written \{ in both forms (the only escape of the raw form).
    /// </summary>
    private string ReadTemplate(bool raw)
    {
        var start = _pos;
        var depth = 0;
        var end = raw ? '`' : '"';
        while (true)
        {
            if (_pos >= _src.Length) throw Error("non-terminated template string");
            var c = _src[_pos];
            if (c == '\\' && (!raw || (depth == 0 && Peek(1) == '{'))) { Advance(); if (_pos < _src.Length) Advance(); continue; }
            if (c == '{') depth++;
            else if (c == '}' && depth > 0) depth--;
            else if (c == '"' && depth > 0 && !raw)
            {
                // A string inside an embedded expression.
                Advance();
                while (_pos < _src.Length && _src[_pos] != '"') { if (_src[_pos] == '\\') Advance(); Advance(); }
            }
            else if (c == end && depth == 0)
            {
                var s = _src[start.._pos];
                Advance();
                return s;
            }
            Advance();
        }
    }
}

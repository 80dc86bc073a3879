using System.Text;

namespace Steward.Rego.Builtins.GraphQL;

internal enum GqlKind { Eof, Name, Int, Float, String, BlockString, Punct, Invalid }

internal sealed record GqlToken(GqlKind Kind, string Text, int Line, int Col);

/// <summary>GraphQL's lexer (the spec's lexical grammar); errors read like gqlparser's.</summary>
internal static class GqlLexer
{
    public static List<GqlToken> Lex(string src)
    {
        var tokens = new List<GqlToken>();
        int i = 0, line = 1, lineStart = 0;
        while (true)
        {
            while (i < src.Length)
            {
                var c = src[i];
                if (c == '\n') { line++; i++; lineStart = i; }
                else if (c is ' ' or '\t' or '\r' or ',' or '\uFEFF') i++;
                else if (c == '#') { while (i < src.Length && src[i] != '\n') i++; }
                else break;
            }
            var col = i - lineStart + 1;
            if (i >= src.Length) { tokens.Add(new GqlToken(GqlKind.Eof, "<EOF>", line, col)); return tokens; }
            var ch = src[i];
            if (char.IsAsciiLetter(ch) || ch == '_')
            {
                var s = i;
                while (i < src.Length && (char.IsAsciiLetterOrDigit(src[i]) || src[i] == '_')) i++;
                tokens.Add(new GqlToken(GqlKind.Name, src[s..i], line, col));
            }
            else if (char.IsAsciiDigit(ch) || ch == '-')
            {
                var s = i;
                var isFloat = false;
                if (src[i] == '-') i++;
                while (i < src.Length && char.IsAsciiDigit(src[i])) i++;
                if (i < src.Length && src[i] == '.') { isFloat = true; i++; while (i < src.Length && char.IsAsciiDigit(src[i])) i++; }
                if (i < src.Length && src[i] is 'e' or 'E')
                {
                    isFloat = true;
                    i++;
                    if (i < src.Length && src[i] is '+' or '-') i++;
                    while (i < src.Length && char.IsAsciiDigit(src[i])) i++;
                }
                tokens.Add(new GqlToken(isFloat ? GqlKind.Float : GqlKind.Int, src[s..i], line, col));
            }
            else if (ch == '"')
            {
                if (i + 2 < src.Length && src[i + 1] == '"' && src[i + 2] == '"')
                {
                    var end = src.IndexOf("\"\"\"", i + 3, StringComparison.Ordinal);
                    if (end < 0) { tokens.Add(new GqlToken(GqlKind.Invalid, "<Invalid>", line, col)); return tokens; }
                    var raw = src[(i + 3)..end];
                    foreach (var x in raw) if (x == '\n') line++;
                    tokens.Add(new GqlToken(GqlKind.BlockString, BlockValue(raw), line, col));
                    i = end + 3;
                }
                else
                {
                    var sb = new StringBuilder();
                    i++;
                    var ok = false;
                    while (i < src.Length && src[i] != '\n')
                    {
                        if (src[i] == '"') { ok = true; i++; break; }
                        if (src[i] == '\\' && i + 1 < src.Length)
                        {
                            var e = src[i + 1];
                            i += 2;
                            switch (e)
                            {
                                case 'n': sb.Append('\n'); break;
                                case 't': sb.Append('\t'); break;
                                case 'r': sb.Append('\r'); break;
                                case 'b': sb.Append('\b'); break;
                                case 'f': sb.Append('\f'); break;
                                case 'u' when i + 4 <= src.Length: sb.Append((char)Convert.ToInt32(src.Substring(i, 4), 16)); i += 4; break;
                                default: sb.Append(e); break;
                            }
                            continue;
                        }
                        sb.Append(src[i++]);
                    }
                    if (!ok) { tokens.Add(new GqlToken(GqlKind.Invalid, "<Invalid>", line, col)); return tokens; }
                    tokens.Add(new GqlToken(GqlKind.String, sb.ToString(), line, col));
                }
            }
            else if (ch == '.' && i + 2 < src.Length && src[i + 1] == '.' && src[i + 2] == '.')
            {
                tokens.Add(new GqlToken(GqlKind.Punct, "...", line, col));
                i += 3;
            }
            else if ("!$&()[]{}:=@|".Contains(ch, StringComparison.Ordinal))
            {
                tokens.Add(new GqlToken(GqlKind.Punct, ch.ToString(), line, col));
                i++;
            }
            else
            {
                tokens.Add(new GqlToken(GqlKind.Invalid, "<Invalid>", line, col));
                return tokens;
            }
        }
    }

    /// <summary>Block strings drop the common indentation and blank first/last lines.</summary>
    private static string BlockValue(string raw)
    {
        var lines = raw.Replace("\r\n", "\n", StringComparison.Ordinal).Split('\n').ToList();
        var indent = lines.Skip(1).Where(l => l.Trim().Length > 0).Select(l => l.Length - l.TrimStart(' ', '\t').Length).DefaultIfEmpty(0).Min();
        for (var k = 1; k < lines.Count; k++) lines[k] = lines[k].Length >= indent ? lines[k][indent..] : lines[k].TrimStart();
        while (lines.Count > 0 && lines[0].Trim().Length == 0) lines.RemoveAt(0);
        while (lines.Count > 0 && lines[^1].Trim().Length == 0) lines.RemoveAt(lines.Count - 1);
        return string.Join('\n', lines).Replace("\\\"\"\"", "\"\"\"", StringComparison.Ordinal);
    }
}

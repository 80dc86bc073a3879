using Steward.Rego.Values;
using static Steward.Rego.Builtins.Arg;
using Rx = System.Text.RegularExpressions;

namespace Steward.Rego.Builtins;

/// <summary>regex.* builtins over .NET regular expressions (RE2 syntax is close enough for policies).</summary>
internal static class Regex
{
    public static void Register(Registrar r)
    {
        r.Add("regex.match", 2, (ctx, a) => B(Compile(ctx, "regex.match", Str("regex.match", a, 0)).IsMatch(Str("regex.match", a, 1))));
        r.Add("re_match", 2, (ctx, a) => B(Compile(ctx, "re_match", Str("re_match", a, 0)).IsMatch(Str("re_match", a, 1))));
        r.Add("regex.is_valid", 1, (ctx, a) =>
        {
            if (a[0] is not RegoString s) return RegoBool.False;
            try { Compile(ctx, "regex.is_valid", s.Value); return RegoBool.True; }
            catch (RegoException) { return RegoBool.False; }
        });
        r.Add("regex.split", 2, (ctx, a) => A(Compile(ctx, "regex.split", Str("regex.split", a, 0)).Split(Str("regex.split", a, 1)).Select(S)));
        r.Add("regex.find_n", 3, (ctx, a) =>
        {
            var rx = Compile(ctx, "regex.find_n", Str("regex.find_n", a, 0));
            var n = Int("regex.find_n", a, 2);
            var ms = rx.Matches(Str("regex.find_n", a, 1)).Select(m => S(m.Value));
            return A(n < 0 ? ms : ms.Take(n));
        });
        r.Add("regex.find_all_string_submatch_n", 3, (ctx, a) =>
        {
            var rx = Compile(ctx, "regex.find_all_string_submatch_n", Str("regex.find_all_string_submatch_n", a, 0));
            var n = Int("regex.find_all_string_submatch_n", a, 2);
            var ms = rx.Matches(Str("regex.find_all_string_submatch_n", a, 1)).Select(m => (RegoValue)A(m.Groups.Cast<Rx.Group>().Select(g => S(g.Value))));
            return A(n < 0 ? ms : ms.Take(n));
        });
        r.Add("regex.replace", 3, (ctx, a) =>
        {
            var s = Str("regex.replace", a, 0);
            var rx = Compile(ctx, "regex.replace", Str("regex.replace", a, 1));
            var repl = Str("regex.replace", a, 2);
            return S(rx.Replace(s, GoReplacement(repl)));
        });
        r.Add("regex.template_match", 4, (ctx, a) =>
        {
            var template = Str("regex.template_match", a, 0);
            var value = Str("regex.template_match", a, 1);
            var open = Str("regex.template_match", a, 2);
            var close = Str("regex.template_match", a, 3);
            if (open.Length != 1 || close.Length != 1) throw Error("regex.template_match", "delimiters must be single characters");
            var sb = new System.Text.StringBuilder("^");
            var i = 0;
            while (i < template.Length)
            {
                var start = template.IndexOf(open[0], i);
                if (start < 0) { sb.Append(Rx.Regex.Escape(template[i..])); break; }
                sb.Append(Rx.Regex.Escape(template[i..start]));
                var depth = 0;
                var j = start;
                for (; j < template.Length; j++)
                {
                    if (template[j] == open[0]) depth++;
                    else if (template[j] == close[0] && --depth == 0) break;
                }
                if (j >= template.Length) throw Error("regex.template_match", "unbalanced braces");
                sb.Append("(?:").Append(template[(start + 1)..j]).Append(')');
                i = j + 1;
            }
            sb.Append('$');
            return B(Compile(ctx, "regex.template_match", sb.ToString()).IsMatch(value));
        });
        r.Add("regex.globs_match", 2, (_, a) =>
            B(GlobIntersection.Intersect(Str("regex.globs_match", a, 0), Str("regex.globs_match", a, 1), "regex.globs_match")));
    }

    /// <summary>Go's $1, ${1}, ${name} expansions; .NET needs ${name} for named groups and $$ for a dollar.</summary>
    private static string GoReplacement(string repl)
    {
        var sb = new System.Text.StringBuilder();
        for (var i = 0; i < repl.Length; i++)
        {
            var c = repl[i];
            if (c != '$') { sb.Append(c); continue; }
            if (i + 1 < repl.Length && repl[i + 1] == '$') { sb.Append("$$"); i++; continue; }
            if (i + 1 < repl.Length && repl[i + 1] == '{')
            {
                var end = repl.IndexOf('}', i);
                if (end > 0) { sb.Append(repl, i, end - i + 1); i = end; continue; }
            }
            var j = i + 1;
            while (j < repl.Length && (char.IsLetterOrDigit(repl[j]) || repl[j] == '_')) j++;
            if (j == i + 1) { sb.Append("$$"); continue; }
            sb.Append("${").Append(repl, i + 1, j - i - 1).Append('}');
            i = j - 1;
        }
        return sb.ToString();
    }

    public static Rx.Regex Compile(BuiltinContext ctx, string fn, string pattern)
    {
        var key = "regex:" + pattern;
        if (ctx.Cache.TryGetValue(key, out var cached)) return (Rx.Regex)cached;
        try
        {
            // .NET's engine backtracks (RE2 does not): a match may take no longer than the query's budget.
            var rx = new Rx.Regex(Translate(pattern), Rx.RegexOptions.CultureInvariant, ctx.Meter.Limits.Timeout);
            ctx.Cache[key] = rx;
            return rx;
        }
        catch (ArgumentException e)
        {
            throw Error(fn, "error parsing regexp: " + e.Message);
        }
    }

    /// <summary>RE2 spellings .NET lacks: (?P&lt;name&gt;...) and \z.</summary>
    private static string Translate(string p) => p.Replace("(?P<", "(?<", StringComparison.Ordinal);
}

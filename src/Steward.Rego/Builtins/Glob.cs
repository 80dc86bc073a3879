using System.Text;
using Steward.Rego.Values;
using static Steward.Rego.Builtins.Arg;
using Rx = System.Text.RegularExpressions;

namespace Steward.Rego.Builtins;

/// <summary>glob.match (gobwas/glob syntax: * ** ? [..] {a,b}) and glob.quote_meta.</summary>
internal static class Glob
{
    public static void Register(Registrar r)
    {
        r.Add("glob.match", 3, (ctx, a) =>
        {
            var pattern = Str("glob.match", a, 0);
            List<string> delims;
            if (a[1] is RegoNull) delims = [];
            else
            {
                delims = [.. Arr("glob.match", a, 1).Items.Select(d => d is RegoString s ? s.Value : throw TypeError("glob.match", 1, "array of strings", d))];
                if (delims.Count == 0) delims = ["."];
            }
            var value = Str("glob.match", a, 2);
            var key = "glob:" + pattern + "\u0000" + string.Join("\u0000", delims);
            if (!ctx.Cache.TryGetValue(key, out var rx))
            {
                rx = new Rx.Regex("^" + Translate(pattern, delims) + "$", Rx.RegexOptions.Singleline | Rx.RegexOptions.CultureInvariant, ctx.Meter.Limits.Timeout);
                ctx.Cache[key] = rx;
            }
            return B(((Rx.Regex)rx).IsMatch(value));
        });
        r.Add("glob.quote_meta", a =>
        {
            var sb = new StringBuilder();
            foreach (var c in Str("glob.quote_meta", a, 0))
            {
                if ("*?\\[]{}".Contains(c, StringComparison.Ordinal)) sb.Append('\\');
                sb.Append(c);
            }
            return S(sb.ToString());
        }, 1);
    }

    private static string Translate(string p, List<string> delims)
    {
        var notSep = delims.Count == 0 ? "." : "[^" + string.Concat(delims.Select(d => Rx.Regex.Escape(d).Replace("]", "\\]", StringComparison.Ordinal))) + "]";
        var sb = new StringBuilder();
        var i = 0;
        Translate(p, ref i, sb, notSep, false);
        if (i < p.Length) throw Error("glob.match", "unexpected end of pattern");
        return sb.ToString();
    }

    private static void Translate(string p, ref int i, StringBuilder sb, string notSep, bool inAlt)
    {
        while (i < p.Length)
        {
            var c = p[i];
            if (inAlt && (c == ',' || c == '}')) return;
            switch (c)
            {
                case '*':
                    if (i + 1 < p.Length && p[i + 1] == '*') { sb.Append(".*"); i += 2; }
                    else { sb.Append(notSep).Append('*'); i++; }
                    break;
                case '?':
                    sb.Append(notSep);
                    i++;
                    break;
                case '\\':
                    if (i + 1 >= p.Length) throw Error("glob.match", "unexpected end of input");
                    sb.Append(Rx.Regex.Escape(p[i + 1].ToString()));
                    i += 2;
                    break;
                case '[':
                {
                    var end = p.IndexOf(']', i + 1);
                    if (end < 0) throw Error("glob.match", "unexpected end of input");
                    var body = p[(i + 1)..end];
                    var neg = body.StartsWith('!');
                    if (neg) body = body[1..];
                    sb.Append('[').Append(neg ? "^" : "").Append(body.Replace("\\", "\\\\", StringComparison.Ordinal).Replace("[", "\\[", StringComparison.Ordinal)).Append(']');
                    i = end + 1;
                    break;
                }
                case '{':
                {
                    i++;
                    sb.Append("(?:");
                    var first = true;
                    while (true)
                    {
                        if (!first) sb.Append('|');
                        first = false;
                        Translate(p, ref i, sb, notSep, true);
                        if (i >= p.Length) throw Error("glob.match", "unexpected end of input");
                        if (p[i] == '}') { i++; break; }
                        i++;
                    }
                    sb.Append(')');
                    break;
                }
                default:
                    sb.Append(Rx.Regex.Escape(c.ToString()));
                    i++;
                    break;
            }
        }
    }
}

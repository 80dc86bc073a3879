using System.Text;
using Steward.Rego.Values;

namespace Steward.Rego.Builtins;

/// <summary>
/// strings.render_template: the subset of Go's text/template that policies use: {{.a.b}},
/// {{$v}}, {{if}}/{{else}}/{{end}}, {{range $i, $v := .xs}}. Missing keys render as &lt;undefined&gt;.
/// </summary>
internal static class GoTemplate
{
    private abstract record Node;
    private sealed record TextNode(string Text) : Node;
    private sealed record PrintNode(string Expr) : Node;
    private sealed record IfNode(string Expr, List<Node> Then, List<Node> Else) : Node;
    private sealed record RangeNode(string? KeyVar, string? ValueVar, string Expr, List<Node> Body) : Node;

    public static string Render(string template, RegoValue data)
    {
        var tokens = Tokenize(template);
        var i = 0;
        var nodes = Parse(tokens, ref i, out var stop);
        if (stop is not null) throw new RegoException(RegoErrorCodes.Builtin, $"strings.render_template: unexpected {{{{{stop}}}}}");
        var sb = new StringBuilder();
        Exec(nodes, data, new Dictionary<string, RegoValue?>(StringComparer.Ordinal), sb);
        return sb.ToString();
    }

    private static List<(bool Action, string Text)> Tokenize(string t)
    {
        var list = new List<(bool, string)>();
        var i = 0;
        while (i < t.Length)
        {
            var open = t.IndexOf("{{", i, StringComparison.Ordinal);
            if (open < 0) { list.Add((false, t[i..])); break; }
            if (open > i) list.Add((false, t[i..open]));
            var close = t.IndexOf("}}", open + 2, StringComparison.Ordinal);
            if (close < 0) throw new RegoException(RegoErrorCodes.Builtin, "strings.render_template: unclosed action");
            list.Add((true, t[(open + 2)..close].Trim().Trim('-').Trim()));
            i = close + 2;
        }
        return list;
    }

    private static List<Node> Parse(List<(bool Action, string Text)> tokens, ref int i, out string? stop)
    {
        var nodes = new List<Node>();
        stop = null;
        while (i < tokens.Count)
        {
            var (action, text) = tokens[i++];
            if (!action) { nodes.Add(new TextNode(text)); continue; }
            if (text is "end" or "else") { stop = text; return nodes; }
            if (text.StartsWith("if ", StringComparison.Ordinal))
            {
                var then = Parse(tokens, ref i, out var s1);
                var els = new List<Node>();
                if (s1 == "else") els = Parse(tokens, ref i, out _);
                nodes.Add(new IfNode(text[3..].Trim(), then, els));
                continue;
            }
            if (text.StartsWith("range ", StringComparison.Ordinal))
            {
                var spec = text[6..].Trim();
                string? k = null, v = null;
                var assign = spec.IndexOf(":=", StringComparison.Ordinal);
                if (assign >= 0)
                {
                    var vars = spec[..assign].Split(',', StringSplitOptions.TrimEntries | StringSplitOptions.RemoveEmptyEntries);
                    if (vars.Length == 2) { k = vars[0]; v = vars[1]; }
                    else v = vars[0];
                    spec = spec[(assign + 2)..].Trim();
                }
                var body = Parse(tokens, ref i, out _);
                nodes.Add(new RangeNode(k, v, spec, body));
                continue;
            }
            nodes.Add(new PrintNode(text));
        }
        return nodes;
    }

    private static RegoValue? Eval(string expr, RegoValue dot, Dictionary<string, RegoValue?> vars)
    {
        if (expr == ".") return dot;
        if (expr.StartsWith('$')) return vars.TryGetValue(expr, out var v) ? v : null;
        if (!expr.StartsWith('.')) throw new RegoException(RegoErrorCodes.Builtin, $"strings.render_template: unsupported expression {expr}");
        RegoValue? cur = dot;
        foreach (var part in expr[1..].Split('.'))
        {
            cur = cur is RegoObject o ? o.Get(part) : null;
            if (cur is null) return null;
        }
        return cur;
    }

    private static bool Truthy(RegoValue? v) => v switch
    {
        null or RegoNull => false,
        RegoBool b => b.Value,
        RegoNumber n => n.Sign != 0,
        RegoString s => s.Value.Length > 0,
        RegoArray a => a.Count > 0,
        RegoObject o => o.Count > 0,
        RegoSet s => s.Count > 0,
        _ => true,
    };

    private static void Exec(List<Node> nodes, RegoValue dot, Dictionary<string, RegoValue?> vars, StringBuilder sb)
    {
        foreach (var n in nodes)
        {
            switch (n)
            {
                case TextNode t: sb.Append(t.Text); break;
                case PrintNode p:
                    var v = Eval(p.Expr, dot, vars);
                    sb.Append(v is null ? "<undefined>" : v is RegoString s ? s.Value : v is RegoNumber num ? num.ToJsonText() : RegoJson.Format(v));
                    break;
                case IfNode f:
                    Exec(Truthy(Eval(f.Expr, dot, vars)) ? f.Then : f.Else, dot, vars, sb);
                    break;
                case RangeNode r:
                    var coll = Eval(r.Expr, dot, vars);
                    IEnumerable<(RegoValue, RegoValue)> items = coll switch
                    {
                        RegoArray a => a.Items.Select((x, i) => ((RegoValue)RegoNumber.FromInteger(i), x)),
                        RegoObject o => o.Items.Select(kv => (kv.Key, kv.Value)),
                        RegoSet s2 => s2.Items.Select((x, i) => ((RegoValue)RegoNumber.FromInteger(i), x)),
                        _ => [],
                    };
                    foreach (var (key, value) in items)
                    {
                        var inner = new Dictionary<string, RegoValue?>(vars, StringComparer.Ordinal);
                        if (r.KeyVar is not null) inner[r.KeyVar] = key;
                        if (r.ValueVar is not null) inner[r.ValueVar] = value;
                        Exec(r.Body, value, inner, sb);
                    }
                    break;
            }
        }
    }
}

using System.Globalization;
using System.Text;
using Steward.Rego.Values;

namespace Steward.Rego.Builtins;

/// <summary>
/// A small YAML subset: block mappings and sequences, flow collections (JSON-like) and plain or
/// quoted scalars. Enough for configuration documents; anchors and multi-documents are rejected.
/// </summary>
internal static class Yaml
{
    public static string Write(RegoValue v)
    {
        var sb = new StringBuilder();
        WriteBlock(sb, v, 0, false);
        return sb.ToString();
    }

    private static void WriteBlock(StringBuilder sb, RegoValue v, int indent, bool inline)
    {
        var pad = new string(' ', indent);
        switch (v)
        {
            case RegoObject o when o.Count > 0:
                var first = true;
                foreach (var kv in o.Items)
                {
                    if (!(first && inline)) sb.Append(pad);
                    first = false;
                    sb.Append(Scalar(kv.Key is RegoString ks ? ks : new RegoString(RegoJson.Serialize(kv.Key)))).Append(':');
                    WriteChild(sb, kv.Value, indent + 2);
                }
                break;
            case RegoArray or RegoSet:
                var items = v is RegoArray arr ? arr.Items.ToList() : [.. ((RegoSet)v).Items];
                if (items.Count == 0) { sb.Append(inline ? "" : pad).Append("[]\n"); break; }
                var f = true;
                foreach (var item in items)
                {
                    if (!(f && inline)) sb.Append(pad);
                    f = false;
                    sb.Append("- ");
                    if (item is RegoObject { Count: > 0 } or RegoArray { Count: > 0 } or RegoSet { Count: > 0 }) WriteBlock(sb, item, indent + 2, true);
                    else sb.Append(Scalar(item)).Append('\n');
                }
                break;
            default:
                sb.Append(inline ? "" : pad).Append(Scalar(v)).Append('\n');
                break;
        }
    }

    private static void WriteChild(StringBuilder sb, RegoValue v, int indent)
    {
        if (v is RegoObject { Count: > 0 }) { sb.Append('\n'); WriteBlock(sb, v, indent, false); }
        else if (v is RegoArray { Count: > 0 } or RegoSet { Count: > 0 }) { sb.Append('\n'); WriteBlock(sb, v, indent - 2, false); }
        else sb.Append(' ').Append(Scalar(v)).Append('\n');
    }

    private static string Scalar(RegoValue v) => v switch
    {
        RegoString s => NeedsQuotes(s.Value) ? RegoJson.Serialize(s) : s.Value,
        RegoObject => "{}",
        RegoArray or RegoSet => "[]",
        _ => RegoJson.Serialize(v),
    };

    private static bool NeedsQuotes(string s)
        => s.Length == 0 || s.Trim() != s || s.IndexOfAny([':', '#', '{', '}', '[', ']', ',', '&', '*', '!', '|', '>', '\'', '"', '%', '@', '`', '\n']) >= 0
           || s is "true" or "false" or "null" or "~" or "yes" or "no" || s.StartsWith('-') || double.TryParse(s, NumberStyles.Float, CultureInfo.InvariantCulture, out _);

    public static RegoValue Parse(string text)
    {
        var lines = text.Replace("\r\n", "\n", StringComparison.Ordinal).Split('\n')
            .Select(StripComment).Where(l => l.Trim().Length > 0 && l.Trim() != "---").ToList();
        if (lines.Count == 0) return RegoNull.Instance;
        var i = 0;
        var v = ParseBlock(lines, ref i, Indent(lines[0]));
        if (i < lines.Count) throw Fail("unexpected content at line " + (i + 1));
        return v;
    }

    private static string StripComment(string l)
    {
        var inS = false;
        var inD = false;
        for (var i = 0; i < l.Length; i++)
        {
            if (l[i] == '\'' && !inD) inS = !inS;
            else if (l[i] == '"' && !inS) inD = !inD;
            else if (l[i] == '#' && !inS && !inD && (i == 0 || l[i - 1] == ' ')) return l[..i];
        }
        return l.TrimEnd();
    }

    private static int Indent(string l) => l.Length - l.TrimStart(' ').Length;

    private static RegoException Fail(string msg) => new(RegoErrorCodes.Builtin, "yaml: " + msg);

    private static RegoValue ParseBlock(List<string> lines, ref int i, int indent)
    {
        var line = lines[i].Trim();
        if (line.StartsWith("- ", StringComparison.Ordinal) || line == "-")
        {
            var items = new List<RegoValue>();
            while (i < lines.Count && Indent(lines[i]) == indent && (lines[i].Trim().StartsWith("- ", StringComparison.Ordinal) || lines[i].Trim() == "-"))
            {
                var rest = lines[i].Trim().Length > 1 ? lines[i].Trim()[2..].Trim() : "";
                if (rest.Length == 0)
                {
                    i++;
                    items.Add(i < lines.Count && Indent(lines[i]) > indent ? ParseBlock(lines, ref i, Indent(lines[i])) : RegoNull.Instance);
                }
                else if (IsMappingLine(rest))
                {
                    // "- key: v" starts a mapping indented at the dash's content column.
                    lines[i] = new string(' ', indent + 2) + rest;
                    items.Add(ParseBlock(lines, ref i, indent + 2));
                }
                else
                {
                    items.Add(ParseFlow(rest));
                    i++;
                }
            }
            return new RegoArray(items);
        }
        if (IsMappingLine(line))
        {
            var map = new List<KeyValuePair<RegoValue, RegoValue>>();
            while (i < lines.Count && Indent(lines[i]) == indent && IsMappingLine(lines[i].Trim()))
            {
                var l = lines[i].Trim();
                var colon = MappingColon(l);
                var key = Unquote(l[..colon].Trim());
                var rest = l[(colon + 1)..].Trim();
                i++;
                RegoValue value;
                if (rest.Length == 0)
                {
                    if (i < lines.Count && (Indent(lines[i]) > indent || (Indent(lines[i]) == indent && lines[i].Trim().StartsWith('-'))))
                        value = ParseBlock(lines, ref i, Indent(lines[i]));
                    else value = RegoNull.Instance;
                }
                else if (rest is "|" or ">" or "|-" or ">-")
                {
                    var sb = new List<string>();
                    while (i < lines.Count && Indent(lines[i]) > indent) sb.Add(lines[i++].Trim());
                    value = new RegoString(string.Join(rest.StartsWith('|') ? "\n" : " ", sb) + (rest.EndsWith('-') ? "" : "\n"));
                }
                else value = ParseFlow(rest);
                map.Add(new(new RegoString(key), value));
            }
            if (i < lines.Count && Indent(lines[i]) > indent) throw Fail("bad indentation at line " + (i + 1));
            return new RegoObject(map);
        }
        i++;
        var text = line;
        return ParseFlow(text);
    }

    private static int MappingColon(string l)
    {
        var inS = false;
        var inD = false;
        for (var i = 0; i < l.Length; i++)
        {
            if (l[i] == '\'' && !inD) inS = !inS;
            else if (l[i] == '"' && !inS) inD = !inD;
            else if (l[i] == ':' && !inS && !inD && (i + 1 == l.Length || l[i + 1] == ' ')) return i;
            else if ((l[i] == '{' || l[i] == '[') && !inS && !inD && i == 0) return -1;
        }
        return -1;
    }

    private static bool IsMappingLine(string l) => MappingColon(l) > 0;

    private static string Unquote(string s)
    {
        if (s.Length >= 2 && s[0] == '"' && s[^1] == '"') return ((RegoString)RegoJson.Parse(s)).Value;
        if (s.Length >= 2 && s[0] == '\'' && s[^1] == '\'') return s[1..^1].Replace("''", "'", StringComparison.Ordinal);
        return s;
    }

    private static RegoValue ParseFlow(string s)
    {
        var i = 0;
        var v = FlowValue(s, ref i);
        SkipWs(s, ref i);
        if (i < s.Length) throw Fail("unexpected trailing content: " + s[i..]);
        return v;
    }

    private static void SkipWs(string s, ref int i)
    {
        while (i < s.Length && char.IsWhiteSpace(s[i])) i++;
    }

    private static RegoValue FlowValue(string s, ref int i)
    {
        SkipWs(s, ref i);
        if (i >= s.Length) throw Fail("unexpected end of flow value");
        if (s[i] == '[')
        {
            i++;
            var items = new List<RegoValue>();
            while (true)
            {
                SkipWs(s, ref i);
                if (i >= s.Length) throw Fail("did not find expected ',' or ']'");
                if (s[i] == ']') { i++; break; }
                items.Add(FlowValue(s, ref i));
                SkipWs(s, ref i);
                if (i < s.Length && s[i] == ',') i++;
                else if (i >= s.Length || s[i] != ']') throw Fail("did not find expected ',' or ']'");
            }
            return new RegoArray(items);
        }
        if (s[i] == '{')
        {
            i++;
            var map = new List<KeyValuePair<RegoValue, RegoValue>>();
            while (true)
            {
                SkipWs(s, ref i);
                if (i >= s.Length) throw Fail("did not find expected ',' or '}'");
                if (s[i] == '}') { i++; break; }
                var key = FlowScalar(s, ref i, true);
                SkipWs(s, ref i);
                if (i >= s.Length || s[i] != ':') throw Fail("did not find expected ':'");
                i++;
                map.Add(new(key is RegoString ? key : new RegoString(RegoJson.Serialize(key)), FlowValue(s, ref i)));
                SkipWs(s, ref i);
                if (i < s.Length && s[i] == ',') i++;
                else if (i >= s.Length || s[i] != '}') throw Fail("did not find expected ',' or '}'");
            }
            return new RegoObject(map);
        }
        return FlowScalar(s, ref i, false);
    }

    private static RegoValue FlowScalar(string s, ref int i, bool key)
    {
        if (s[i] == '"')
        {
            var start = i++;
            while (i < s.Length && s[i] != '"') { if (s[i] == '\\') i++; i++; }
            if (i >= s.Length) throw Fail("unterminated string");
            i++;
            return RegoJson.Parse(s[start..i]);
        }
        if (s[i] == '\'')
        {
            var start = ++i;
            while (i < s.Length && !(s[i] == '\'' && (i + 1 >= s.Length || s[i + 1] != '\''))) i += s[i] == '\'' ? 2 : 1;
            if (i >= s.Length) throw Fail("unterminated string");
            return new RegoString(s[start..i++].Replace("''", "'", StringComparison.Ordinal));
        }
        var b = i;
        while (i < s.Length && !(s[i] is ',' or ']' or '}' || (key && s[i] == ':'))) i++;
        var text = s[b..i].Trim();
        return Plain(text);
    }

    private static RegoValue Plain(string t) => t switch
    {
        "" or "~" or "null" or "Null" or "NULL" => RegoNull.Instance,
        "true" or "True" or "TRUE" => RegoBool.True,
        "false" or "False" or "FALSE" => RegoBool.False,
        _ when double.TryParse(t, NumberStyles.Float, CultureInfo.InvariantCulture, out _) && !t.EndsWith('.') => RegoNumber.Parse(t),
        _ => new RegoString(t),
    };
}

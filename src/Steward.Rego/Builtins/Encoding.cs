using System.Text;
using Steward.Rego.Values;
using static Steward.Rego.Builtins.Arg;

namespace Steward.Rego.Builtins;

/// <summary>base64, base64url, hex, json, urlquery and yaml encodings.</summary>
internal static class Encoding
{
    private static readonly UTF8Encoding StrictUtf8 = new(false, true);

    public static void Register(Registrar r)
    {
        r.Add("base64.encode", a => S(Convert.ToBase64String(Utf8(Str("base64.encode", a, 0)))), 1);
        r.Add("base64.decode", a => S(DecodeUtf8("base64.decode", Base64Decode("base64.decode", Str("base64.decode", a, 0), false))), 1);
        r.Add("base64.is_valid", a => B(TryBase64(Str("base64.is_valid", a, 0), false) is not null), 1);
        r.Add("base64url.encode", a => S(Convert.ToBase64String(Utf8(Str("base64url.encode", a, 0))).Replace('+', '-').Replace('/', '_')), 1);
        r.Add("base64url.encode_no_pad", a => S(Convert.ToBase64String(Utf8(Str("base64url.encode_no_pad", a, 0))).Replace('+', '-').Replace('/', '_').TrimEnd('=')), 1);
        r.Add("base64url.decode", a => S(DecodeUtf8("base64url.decode", Base64Decode("base64url.decode", Str("base64url.decode", a, 0), true))), 1);
        r.Add("hex.encode", a => S(Convert.ToHexString(Utf8(Str("hex.encode", a, 0))).ToLowerInvariant()), 1);
        r.Add("hex.decode", a =>
        {
            var s = Str("hex.decode", a, 0);
            try { return S(DecodeUtf8("hex.decode", Convert.FromHexString(s))); }
            catch (FormatException) { throw Error("hex.decode", $"encoding/hex: invalid byte"); }
        }, 1);
        r.Add("json.marshal", a => S(RegoJson.Serialize(a[0])), 1);
        r.Add("json.marshal_with_options", a =>
        {
            var opts = Obj("json.marshal_with_options", a, 1);
            foreach (var k in opts.Items.Keys)
            {
                if (k is not RegoString { Value: "pretty" or "indent" or "prefix" })
                    throw new RegoException(RegoErrorCodes.EvalType, $"json.marshal_with_options: object contained unknown key {RegoJson.Serialize(k)}");
            }
            var pretty = opts.Get("pretty") is RegoBool { Value: true };
            var indent = opts.Get("indent") is RegoString i ? i.Value : "\t";
            var prefix = opts.Get("prefix") is RegoString p ? p.Value : "";
            if (opts.Get("indent") is not null || opts.Get("prefix") is not null) pretty = opts.Get("pretty") is not RegoBool { Value: false };
            if (!pretty) return S(RegoJson.Serialize(a[0]));
            var sb = new StringBuilder(prefix);
            Pretty(sb, a[0], prefix, indent, 0);
            return S(sb.ToString());
        }, 2);
        r.Add("json.unmarshal", a => Json.Parse(Str("json.unmarshal", a, 0)), 1);
        r.Add("json.is_valid", a =>
        {
            if (a[0] is not RegoString s) return RegoBool.False;
            try { Json.Parse(s.Value); return RegoBool.True; }
            catch (RegoException) { return RegoBool.False; }
        }, 1);
        r.Add("urlquery.encode", a => S(QueryEscape(Str("urlquery.encode", a, 0))), 1);
        r.Add("urlquery.decode", a => S(QueryUnescape("urlquery.decode", Str("urlquery.decode", a, 0))), 1);
        r.Add("urlquery.encode_object", a =>
        {
            var parts = new List<string>();
            foreach (var kv in Obj("urlquery.encode_object", a, 0).Items)
            {
                var key = kv.Key is RegoString ks ? ks.Value : throw TypeError("urlquery.encode_object", 0, "object[string: any<string, array[string], set[string]>]", kv.Key);
                IEnumerable<RegoValue> values = kv.Value switch
                {
                    RegoString => [kv.Value],
                    RegoArray arr => arr.Items,
                    RegoSet set => set.Items,
                    _ => throw TypeError("urlquery.encode_object", 0, "object[string: any<string, array[string], set[string]>]", kv.Value),
                };
                foreach (var v in values)
                    parts.Add(QueryEscape(key) + "=" + QueryEscape(v is RegoString vs ? vs.Value : throw TypeError("urlquery.encode_object", 0, "string values", v)));
            }
            return S(string.Join('&', parts));
        }, 1);
        r.Add("urlquery.decode_object", a =>
        {
            var s = Str("urlquery.decode_object", a, 0);
            var dict = new SortedDictionary<string, List<RegoValue>>(StringComparer.Ordinal);
            foreach (var part in s.Split(['&', ';'], StringSplitOptions.RemoveEmptyEntries))
            {
                var eq = part.IndexOf('=', StringComparison.Ordinal);
                var k = QueryUnescape("urlquery.decode_object", eq < 0 ? part : part[..eq]);
                var v = eq < 0 ? "" : QueryUnescape("urlquery.decode_object", part[(eq + 1)..]);
                if (!dict.TryGetValue(k, out var list)) dict[k] = list = [];
                list.Add(S(v));
            }
            return RegoObject.FromStrings(dict.Select(kv => new KeyValuePair<string, RegoValue>(kv.Key, A(kv.Value))));
        }, 1);
        r.Add("yaml.marshal", a => S(Yaml.Write(a[0])), 1);
        r.Add("yaml.unmarshal", a => Yaml.Parse(Str("yaml.unmarshal", a, 0)), 1);
        r.Add("yaml.is_valid", a =>
        {
            if (a[0] is not RegoString s) return RegoBool.False;
            try { Yaml.Parse(s.Value); return RegoBool.True; }
            catch (RegoException) { return RegoBool.False; }
        }, 1);
    }

    private static void Pretty(StringBuilder sb, RegoValue v, string prefix, string indent, int level)
    {
        string Pad(int l) => prefix + string.Concat(Enumerable.Repeat(indent, l));
        switch (v)
        {
            case RegoObject o when o.Count > 0:
                sb.Append("{\n");
                var i = 0;
                foreach (var kv in o.Items)
                {
                    sb.Append(Pad(level + 1)).Append(RegoJson.Serialize(kv.Key is RegoString ? kv.Key : new RegoString(RegoJson.Serialize(kv.Key)))).Append(": ");
                    Pretty(sb, kv.Value, prefix, indent, level + 1);
                    sb.Append(++i < o.Count ? ",\n" : "\n");
                }
                sb.Append(Pad(level)).Append('}');
                break;
            case RegoArray or RegoSet:
                var items = v is RegoArray arr ? arr.Items.ToList() : [.. ((RegoSet)v).Items];
                if (items.Count == 0) { sb.Append("[]"); break; }
                sb.Append("[\n");
                for (var j = 0; j < items.Count; j++)
                {
                    sb.Append(Pad(level + 1));
                    Pretty(sb, items[j], prefix, indent, level + 1);
                    sb.Append(j + 1 < items.Count ? ",\n" : "\n");
                }
                sb.Append(Pad(level)).Append(']');
                break;
            default:
                sb.Append(RegoJson.Serialize(v));
                break;
        }
    }

    public static byte[] Utf8(string s) => System.Text.Encoding.UTF8.GetBytes(s);

    private static string DecodeUtf8(string fn, byte[] bytes)
    {
        try { return StrictUtf8.GetString(bytes); }
        catch (DecoderFallbackException) { return System.Text.Encoding.UTF8.GetString(bytes); }
        finally { _ = fn; }
    }

    public static byte[]? TryBase64(string s, bool url)
    {
        var t = url ? s.Replace('-', '+').Replace('_', '/') : s;
        if (url && t.Length % 4 != 0 && !t.Contains('=', StringComparison.Ordinal)) t = t.PadRight(t.Length + ((4 - (t.Length % 4)) % 4), '=');
        if (!url && t.Length % 4 != 0) return null;
        try { return Convert.FromBase64String(t); }
        catch (FormatException) { return null; }
    }

    public static byte[] Base64Decode(string fn, string s, bool url)
        => TryBase64(s, url) ?? throw Error(fn, "illegal base64 data at input byte 0");

    private static string QueryEscape(string s)
    {
        var sb = new StringBuilder();
        foreach (var b in Utf8(s))
        {
            var c = (char)b;
            if (char.IsAsciiLetterOrDigit(c) || c is '-' or '_' or '.' or '~') sb.Append(c);
            else if (c == ' ') sb.Append('+');
            else sb.Append('%').Append(b.ToString("X2", System.Globalization.CultureInfo.InvariantCulture));
        }
        return sb.ToString();
    }

    private static string QueryUnescape(string fn, string s)
    {
        var bytes = new List<byte>();
        for (var i = 0; i < s.Length; i++)
        {
            var c = s[i];
            if (c == '+') bytes.Add((byte)' ');
            else if (c == '%')
            {
                if (i + 2 >= s.Length || !Uri.IsHexDigit(s[i + 1]) || !Uri.IsHexDigit(s[i + 2]))
                    throw Error(fn, $"invalid URL escape \"{s[i..Math.Min(s.Length, i + 3)]}\"");
                bytes.Add(Convert.ToByte(s.Substring(i + 1, 2), 16));
                i += 2;
            }
            else bytes.AddRange(Utf8(c.ToString()));
        }
        return System.Text.Encoding.UTF8.GetString([.. bytes]);
    }
}

/// <summary>JSON text to values for json.unmarshal; errors are builtin errors.</summary>
internal static class Json
{
    public static RegoValue Parse(string s)
    {
        try
        {
            using var doc = System.Text.Json.JsonDocument.Parse(s, new System.Text.Json.JsonDocumentOptions { MaxDepth = 1000 });
            return RegoJson.FromElement(doc.RootElement);
        }
        catch (System.Text.Json.JsonException e)
        {
            throw new RegoException(RegoErrorCodes.Builtin, "json.unmarshal: " + e.Message);
        }
    }
}

using System.Text;
using System.Text.Encodings.Web;
using System.Text.Json;

namespace Steward.Rego.Values;

/// <summary>Conversions between Rego values and JSON: sets become sorted arrays, non-string keys their JSON text.</summary>
public static class RegoJson
{
    public static RegoValue Parse(string json)
    {
        try
        {
            using var doc = JsonDocument.Parse(json, new JsonDocumentOptions { MaxDepth = 1000 });
            return FromElement(doc.RootElement);
        }
        catch (JsonException e)
        {
            throw new RegoException(RegoErrorCodes.Builtin, "invalid JSON: " + e.Message);
        }
    }

    public static RegoValue FromElement(JsonElement e) => e.ValueKind switch
    {
        JsonValueKind.Null or JsonValueKind.Undefined => RegoNull.Instance,
        JsonValueKind.True => RegoBool.True,
        JsonValueKind.False => RegoBool.False,
        JsonValueKind.Number => RegoNumber.Parse(e.GetRawText()),
        JsonValueKind.String => new RegoString(e.GetString()!),
        JsonValueKind.Array => new RegoArray(e.EnumerateArray().Select(FromElement)),
        _ => FromObject(e),
    };

    private static RegoObject FromObject(JsonElement e)
    {
        var b = System.Collections.Immutable.ImmutableSortedDictionary.CreateBuilder<RegoValue, RegoValue>(RegoValueComparer.Instance);
        foreach (var p in e.EnumerateObject()) b[new RegoString(p.Name)] = FromElement(p.Value);
        return new RegoObject(b.ToImmutable());
    }

    private static readonly JsonWriterOptions WriterOptions = new() { Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping, SkipValidation = true };

    public static string Serialize(RegoValue v, bool indented = false)
    {
        using var ms = new MemoryStream();
        using (var w = new Utf8JsonWriter(ms, WriterOptions with { Indented = indented }))
            Write(w, v);
        return Encoding.UTF8.GetString(ms.ToArray());
    }

    public static void Write(Utf8JsonWriter w, RegoValue v)
    {
        switch (v)
        {
            case RegoNull: w.WriteNullValue(); break;
            case RegoBool b: w.WriteBooleanValue(b.Value); break;
            case RegoNumber n: w.WriteRawValue(n.ToJsonText(), skipInputValidation: true); break;
            case RegoString s: w.WriteStringValue(s.Value); break;
            case RegoArray a:
                w.WriteStartArray();
                foreach (var i in a.Items) Write(w, i);
                w.WriteEndArray();
                break;
            case RegoSet s:
                w.WriteStartArray();
                foreach (var i in s.Items) Write(w, i);
                w.WriteEndArray();
                break;
            case RegoObject o:
                w.WriteStartObject();
                foreach (var kv in o.Entries)
                {
                    w.WritePropertyName(kv.Key is RegoString ks ? ks.Value : Serialize(kv.Key));
                    Write(w, kv.Value);
                }
                w.WriteEndObject();
                break;
        }
    }

    /// <summary>Rego-syntax rendering (sets as {..}), used in messages and sprintf %v.</summary>
    public static string Format(RegoValue v)
    {
        var sb = new StringBuilder();
        Format(sb, v);
        return sb.ToString();
    }

    private static void Format(StringBuilder sb, RegoValue v)
    {
        switch (v)
        {
            case RegoSet s:
                if (s.Count == 0) { sb.Append("set()"); return; }
                sb.Append('{');
                var first = true;
                foreach (var i in s.Items)
                {
                    if (!first) sb.Append(", ");
                    first = false;
                    Format(sb, i);
                }
                sb.Append('}');
                return;
            case RegoArray a:
                sb.Append('[');
                for (var i = 0; i < a.Count; i++)
                {
                    if (i > 0) sb.Append(", ");
                    Format(sb, a[i]);
                }
                sb.Append(']');
                return;
            case RegoObject o:
                sb.Append('{');
                var f = true;
                foreach (var kv in o.Entries)
                {
                    if (!f) sb.Append(", ");
                    f = false;
                    Format(sb, kv.Key);
                    sb.Append(": ");
                    Format(sb, kv.Value);
                }
                sb.Append('}');
                return;
            default:
                sb.Append(Serialize(v));
                return;
        }
    }
}

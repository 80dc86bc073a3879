using System.Collections;
using System.Text;
using System.Text.Encodings.Web;
using System.Text.Json;

namespace Steward.Core.Reporting;

/// <summary>
/// Steward's one JSON-writing helper: whole documents (indented, keys in the order the caller writes
/// them), the small value helpers every renderer needs, and evidence values (numbers, strings, lists,
/// maps) with sorted map keys. Every JSON renderer, in Core and in the CLI, writes through it.
/// </summary>
public static class JsonValues
{
    private static readonly JsonWriterOptions Indented = new() { Indented = true };

    // Supply-chain documents keep non-ASCII (names, licences, purls) readable instead of \uXXXX:
    // their outputs were written that way first, and output is a contract.
    private static readonly JsonWriterOptions IndentedRelaxed = new() { Indented = true, Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping };

    /// <summary>An indented JSON document: <paramref name="body"/> writes the whole value.</summary>
    /// <param name="relaxedEscaping">Keep non-ASCII characters as they are (the supply-chain outputs).</param>
    public static string Document(Action<Utf8JsonWriter> body, bool relaxedEscaping = false)
    {
        using var buffer = new MemoryStream();
        using (var writer = new Utf8JsonWriter(buffer, relaxedEscaping ? IndentedRelaxed : Indented))
            body(writer);
        return Encoding.UTF8.GetString(buffer.ToArray());
    }

    /// <summary>An indented JSON object: <paramref name="body"/> writes its properties.</summary>
    public static string Object(Action<Utf8JsonWriter> body) => Document(writer =>
    {
        writer.WriteStartObject();
        body(writer);
        writer.WriteEndObject();
    });

    /// <summary>A string property, or null.</summary>
    public static void StringOrNull(this Utf8JsonWriter writer, string name, string? value)
    {
        if (value is null) writer.WriteNull(name);
        else writer.WriteString(name, value);
    }

    /// <summary>An array of strings.</summary>
    public static void Strings(this Utf8JsonWriter writer, string name, IEnumerable<string> values)
    {
        writer.WriteStartArray(name);
        foreach (var v in values) writer.WriteStringValue(v);
        writer.WriteEndArray();
    }

    /// <summary>A number in round-trip form; null for a missing value, NaN or an infinity (JSON has none).</summary>
    public static void FiniteOrNull(this Utf8JsonWriter writer, string name, double? value)
    {
        if (value is { } v && double.IsFinite(v)) writer.WriteNumber(name, v);
        else writer.WriteNull(name);
    }

    public static void Write(Utf8JsonWriter writer, object? value)
    {
        switch (value)
        {
            case null: writer.WriteNullValue(); break;
            case string s: writer.WriteStringValue(s); break;
            case bool b: writer.WriteBooleanValue(b); break;
            case decimal d: writer.WriteNumberValue(d); break;
            case double d: writer.WriteNumberValue(d); break;
            case float f: writer.WriteNumberValue(f); break;
            case int i: writer.WriteNumberValue(i); break;
            case long l: writer.WriteNumberValue(l); break;
            case System.Text.Json.Nodes.JsonNode node: node.WriteTo(writer); break;
            case IDictionary dictionary:
                writer.WriteStartObject();
                foreach (var key in dictionary.Keys.Cast<object>().Select(k => k.ToString()!).Order(StringComparer.Ordinal))
                {
                    writer.WritePropertyName(key);
                    Write(writer, dictionary[key]);
                }
                writer.WriteEndObject();
                break;
            case IEnumerable items:
                writer.WriteStartArray();
                foreach (var item in items) Write(writer, item);
                writer.WriteEndArray();
                break;
            default: writer.WriteStringValue(value.ToString()); break;
        }
    }

    public static void WriteSorted(Utf8JsonWriter writer, IReadOnlyDictionary<string, object?> map)
    {
        writer.WriteStartObject();
        foreach (var (key, value) in map.OrderBy(kv => kv.Key, StringComparer.Ordinal))
        {
            writer.WritePropertyName(key);
            Write(writer, value);
        }
        writer.WriteEndObject();
    }

    public static string ToText(object? value) => value switch
    {
        null => "null",
        string s => s,
        decimal d => d.ToString(System.Globalization.CultureInfo.InvariantCulture),
        IEnumerable items and not IDictionary => string.Join(", ", items.Cast<object?>().Select(ToText)),
        _ => Convert.ToString(value, System.Globalization.CultureInfo.InvariantCulture) ?? "",
    };
}

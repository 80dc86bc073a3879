using System.Collections;
using System.Text.Json;

namespace Steward.Core.Reporting;

/// <summary>Writes evidence values (numbers, strings, lists, maps) as JSON, maps with sorted keys.</summary>
public static class JsonValues
{
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

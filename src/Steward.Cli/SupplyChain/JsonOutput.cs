using System.Text;
using System.Text.Encodings.Web;
using System.Text.Json;

namespace Steward.Cli.SupplyChain;

/// <summary>Indented JSON written with a fixed key order by the caller; non-ASCII kept readable.</summary>
internal static class JsonOutput
{
    public static string Write(Action<Utf8JsonWriter> body)
    {
        using var buffer = new MemoryStream();
        using (var w = new Utf8JsonWriter(buffer, new JsonWriterOptions { Indented = true, Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping }))
            body(w);
        return Encoding.UTF8.GetString(buffer.ToArray());
    }

    public static void StringOrNull(this Utf8JsonWriter w, string name, string? value)
    {
        if (value is null) w.WriteNull(name);
        else w.WriteString(name, value);
    }

    public static void Strings(this Utf8JsonWriter w, string name, IEnumerable<string> values)
    {
        w.WriteStartArray(name);
        foreach (var v in values) w.WriteStringValue(v);
        w.WriteEndArray();
    }
}

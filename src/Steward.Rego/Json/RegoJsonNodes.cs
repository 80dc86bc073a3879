using System.Text.Json;
using System.Text.Json.Nodes;
using Steward.Rego.Values;

namespace Steward.Rego.Json;

/// <summary>
/// Converts a <see cref="JsonNode"/> tree (an object <c>check</c> loaded from YAML or JSON) into
/// Rego values without writing it out as JSON text and parsing that again. The values are those
/// of <c>RegoJson.Parse(node.ToJsonString())</c>: a number that is not a plain integer is written
/// as JSON, as that would, and read by <see cref="RegoNumber.Parse"/>.
/// </summary>
public static class RegoJsonNodes
{
    /// <exception cref="JsonException">A value whose JSON text does not read back (not expected from a JsonNode).</exception>
    public static RegoValue FromNode(JsonNode? node) => Convert(node, new RegoStringInterner());

    private static RegoValue Convert(JsonNode? node, RegoStringInterner strings)
    {
        switch (node)
        {
            case null:
                return RegoNull.Instance;
            case JsonObject o:
            {
                if (o.Count == 0) return RegoObject.Empty;
                var entries = new KeyValuePair<RegoValue, RegoValue>[o.Count];
                var i = 0;
                foreach (var (key, value) in o) entries[i++] = new(strings.FromString(key), Convert(value, strings));
                return new RegoObject(RegoObjectEntries.Sort(entries));
            }
            case JsonArray a:
            {
                if (a.Count == 0) return RegoArray.Empty;
                var items = new RegoValue[a.Count];
                for (var i = 0; i < items.Length; i++) items[i] = Convert(a[i], strings);
                return new RegoArray(System.Collections.Immutable.ImmutableArray.Create(items));
            }
            default:
                return Scalar((JsonValue)node, strings);
        }
    }

    private static RegoValue Scalar(JsonValue value, RegoStringInterner strings)
    {
        switch (value.GetValueKind())
        {
            case JsonValueKind.String when value.TryGetValue<string>(out var s):
                return strings.FromString(s);
            case JsonValueKind.True:
                return RegoBool.True;
            case JsonValueKind.False:
                return RegoBool.False;
            case JsonValueKind.Null:
                return RegoNull.Instance;
            case JsonValueKind.Number when value.TryGetValue<long>(out var n):
                return RegoNumber.FromInteger(n);
            case JsonValueKind.Number when value.TryGetValue<int>(out var n):
                return RegoNumber.FromInteger(n);
            default:
                // Decimals, doubles, parsed elements, other CLR values: exactly as their JSON text reads.
                return RegoJsonDecoder.Decode(System.Text.Encoding.UTF8.GetBytes(value.ToJsonString()));
        }
    }
}

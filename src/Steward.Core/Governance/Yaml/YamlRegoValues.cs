using System.Buffers.Text;
using System.Runtime.InteropServices;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using Steward.Rego.Json;
using Steward.Rego.Values;
using YamlDotNet.Core;
using YamlDotNet.RepresentationModel;

namespace Steward.Core.Governance.Yaml;

/// <summary>
/// A YAML node tree as the Rego values policies see (input, data.steward.manifests): exactly the
/// values of <c>RegoJsonNodes.FromNode(YamlScalars.ToJson(node))</c>, built without the JSON tree in
/// between, which cost as much as the YAML tree itself per object. Scalars resolve as
/// <see cref="YamlScalars.ToJson"/> resolves them; a number is read from the same JSON text as before
/// (<see cref="Number"/>), so its Rego value cannot differ. One instance serves one thread; the
/// strings it makes are shared by all the values it converts.
/// </summary>
public sealed class YamlRegoValues
{
    private readonly RegoTreeBuilder _builder = new();

    // The entries of every mapping being converted, innermost last (a stack shared by the recursion).
    private readonly List<KeyValuePair<string, RegoValue>> _entries = [];

    public RegoValue Convert(YamlNode node) => Convert(node, 1, int.MaxValue)!;

    /// <summary>
    /// As <see cref="Convert(YamlNode)"/>, or null when a value lies deeper than <paramref name="maxDepth"/>
    /// levels, measured as the policy-input limit measures it (the root is level 1; a null is no level):
    /// the depth is checked in the walk that converts, not in a walk of its own, and the recursion stops there.
    /// </summary>
    internal RegoValue? ConvertWithin(YamlNode node, int maxDepth) => Convert(node, 1, maxDepth);

    private RegoValue? Convert(YamlNode node, int depth, int maxDepth)
    {
        if (depth > maxDepth && (node is not YamlScalarNode nullable || !YamlScalars.IsNull(nullable))) return null;
        switch (node)
        {
            case YamlScalarNode scalar:
                return Scalar(scalar);
            case YamlSequenceNode sequence:
            {
                var children = sequence.Children;
                var items = new RegoValue[children.Count];
                for (var i = 0; i < items.Length; i++)
                {
                    if (Convert(children[i], depth + 1, maxDepth) is not { } item) return null;
                    items[i] = item;
                }
                return RegoTreeBuilder.Array(items);
            }
            case YamlMappingNode mapping:
            {
                var start = _entries.Count;
                foreach (var (key, value) in mapping.Children)
                {
                    if (Convert(value, depth + 1, maxDepth) is not { } converted)
                    {
                        _entries.RemoveRange(start, _entries.Count - start);
                        return null;
                    }
                    _entries.Add(new(key is YamlScalarNode k ? k.Value ?? "" : key.ToString(), converted));
                }
                var result = _builder.Object(CollectionsMarshal.AsSpan(_entries)[start..]);
                _entries.RemoveRange(start, _entries.Count - start);
                return result;
            }
            default:
                return RegoNull.Instance;
        }
    }

    private RegoValue Scalar(YamlScalarNode scalar)
    {
        if (YamlScalars.IsNull(scalar)) return RegoNull.Instance;
        if (YamlScalars.TryBoolean(scalar, out var b)) return b ? RegoBool.True : RegoBool.False;
        if (YamlScalars.TryNumber(scalar, out var d)) return Number(d);
        if (scalar.Style == ScalarStyle.Plain && scalar.Value is ".inf" or "+.inf" or ".Inf") return Infinity;
        return _builder.String(scalar.Value ?? "");
    }

    /// <summary>
    /// The Rego value of <c>RegoJsonNodes.FromNode(JsonValue.Create(d))</c>, made the way that path makes it
    /// (the JSON writer's text of the decimal, read as the JSON decoder reads a number) without a JSON
    /// node, its JSON string and a decoder with its own string table for each number: that was most of
    /// the cost of converting a repository's objects.
    /// </summary>
    internal static RegoNumber Number(decimal d)
    {
        // A decimal's text is at most 31 bytes: 29 digits, a sign and a point.
        Span<byte> text = stackalloc byte[64];
        if (!Utf8Formatter.TryFormat(d, text, out var written)) throw new InvalidOperationException($"decimal {d} did not format");
        text = text[..written];
        var reader = new Utf8JsonReader(text);
        reader.Read();
        if (reader.TryGetInt64(out var n)) return RegoNumber.FromInteger(n);
        return RegoNumber.Parse(Encoding.ASCII.GetString(text));
    }

    // .inf reads as the largest double, as YamlScalars.ToJson gives it; the value is immutable, made once.
    private static readonly RegoValue Infinity = RegoJsonNodes.FromNode(JsonValue.Create(double.MaxValue));
}

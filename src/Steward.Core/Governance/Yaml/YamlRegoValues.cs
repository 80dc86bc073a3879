using System.Runtime.InteropServices;
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
/// <see cref="YamlScalars.ToJson"/> resolves them; numbers (a few per object) go through the same
/// JSON number as before, so their Rego values cannot differ. One instance serves one thread; the
/// strings it makes are shared by all the values it converts.
/// </summary>
public sealed class YamlRegoValues
{
    private readonly RegoTreeBuilder _builder = new();

    // The entries of every mapping being converted, innermost last (a stack shared by the recursion).
    private readonly List<KeyValuePair<string, RegoValue>> _entries = [];

    public RegoValue Convert(YamlNode node)
    {
        switch (node)
        {
            case YamlScalarNode scalar:
                return Scalar(scalar);
            case YamlSequenceNode sequence:
            {
                var children = sequence.Children;
                var items = new RegoValue[children.Count];
                for (var i = 0; i < items.Length; i++) items[i] = Convert(children[i]);
                return RegoTreeBuilder.Array(items);
            }
            case YamlMappingNode mapping:
            {
                var start = _entries.Count;
                foreach (var (key, value) in mapping.Children)
                    _entries.Add(new(key is YamlScalarNode k ? k.Value ?? "" : key.ToString(), Convert(value)));
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
        if (YamlScalars.TryNumber(scalar, out var d)) return RegoJsonNodes.FromNode(JsonValue.Create(d));
        if (scalar.Style == ScalarStyle.Plain && scalar.Value is ".inf" or "+.inf" or ".Inf")
            return RegoJsonNodes.FromNode(JsonValue.Create(double.MaxValue));
        return _builder.String(scalar.Value ?? "");
    }
}

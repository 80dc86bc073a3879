using Steward.Core.Collections;
using System.Text.Json.Nodes;
using YamlDotNet.RepresentationModel;

namespace Steward.Core.Governance.Yaml;

/// <summary>
/// Typed, positioned access to one YAML mapping. Every error names file:line:column and the
/// field path (e.g. <c>spec.evaluation.accuracy</c>), so that a schema error is one clear line.
/// </summary>
public sealed class NodeReader
{
    private readonly YamlMappingNode _node;

    public NodeReader(string file, YamlMappingNode node, string path)
    {
        File = file;
        _node = node;
        Path = path;
    }

    public string File { get; }

    /// <summary>The field path of this mapping ("" for a document root).</summary>
    public string Path { get; }

    public YamlMappingNode Node => _node;

    public SourceLocation Location => At(_node);

    public SourceLocation At(YamlNode node) => new(File, (int)node.Start.Line, (int)node.Start.Column);

    public string FieldPath(string key) => Path.Length == 0 ? key : Path + "." + key;

    public YamlNode? Get(string key)
    {
        // One lookup key per thread, its value set for each lookup: a field is looked up thousands
        // of times per repository, and a new node each time was as much garbage as the objects themselves.
        var probe = _probe ??= new YamlScalarNode();
        probe.Value = key;
        return _node.Children.TryGetValue(probe, out var value) ? value : null;
    }

    [ThreadStatic]
    private static YamlScalarNode? _probe;

    /// <summary>The location of a field's value, or of this mapping when the field is absent.</summary>
    public SourceLocation LocationOf(string key) => Get(key) is { } v ? At(v) : Location;

    public bool Has(string key) => Get(key) is { } v && !(v is YamlScalarNode s && YamlScalars.IsNull(s));

    public StewardInputException Error(YamlNode at, string field, string message) =>
        new($"{At(at)}: {field}: {message}");

    public string? String(string key, bool required = false)
    {
        var node = Get(key);
        if (node is null || node is YamlScalarNode n && YamlScalars.IsNull(n))
            return required ? throw Missing(key) : null;
        if (node is not YamlScalarNode scalar)
            throw Error(node, FieldPath(key), $"expected a string, got {Describe(node)}");
        return scalar.Value ?? "";
    }

    public decimal? Number(string key, bool required = false)
    {
        var node = Get(key);
        if (node is null || node is YamlScalarNode n && YamlScalars.IsNull(n))
            return required ? throw Missing(key) : null;
        if (node is YamlScalarNode scalar && YamlScalars.TryNumber(scalar, out var value))
            return value;
        throw Error(node, FieldPath(key), $"expected a number, got {Describe(node)}");
    }

    public bool? Boolean(string key)
    {
        var node = Get(key);
        if (node is null || node is YamlScalarNode n && YamlScalars.IsNull(n)) return null;
        if (node is YamlScalarNode scalar && YamlScalars.TryBoolean(scalar, out var value))
            return value;
        throw Error(node, FieldPath(key), $"expected true or false, got {Describe(node)}");
    }

    public NodeReader? Mapping(string key, bool required = false)
    {
        var node = Get(key);
        if (node is null || node is YamlScalarNode n && YamlScalars.IsNull(n))
            return required ? throw Missing(key) : null;
        if (node is not YamlMappingNode map)
            throw Error(node, FieldPath(key), $"expected a mapping, got {Describe(node)}");
        return new NodeReader(File, map, FieldPath(key));
    }

    public IReadOnlyList<YamlNode> Sequence(string key)
    {
        var node = Get(key);
        if (node is null || node is YamlScalarNode n && YamlScalars.IsNull(n)) return [];
        if (node is not YamlSequenceNode seq)
            throw Error(node, FieldPath(key), $"expected a list, got {Describe(node)}");
        // The node's own list, read-only to callers, rather than a copy per call (twice per workload).
        return seq.Children as IReadOnlyList<YamlNode> ?? seq.Children.ToList();
    }

    public IReadOnlyList<string> StringList(string key)
    {
        var items = Sequence(key);
        var result = new List<string>(items.Count);
        for (var i = 0; i < items.Count; i++)
        {
            if (items[i] is not YamlScalarNode s || YamlScalars.IsNull(s))
                throw Error(items[i], $"{FieldPath(key)}[{i}]", $"expected a string, got {Describe(items[i])}");
            result.Add(s.Value ?? "");
        }
        return result;
    }

    /// <summary>A mapping of string keys to string values (labels, annotations, matchLabels).</summary>
    public IReadOnlyDictionary<string, string> StringMap(string key)
    {
        var map = Mapping(key);
        if (map is null) return OrdinalDictionary<string>.Empty;
        var result = new OrdinalDictionary<string>.Builder(map._node.Children.Count);
        foreach (var (k, v) in map._node.Children)
        {
            var name = (k as YamlScalarNode)?.Value ?? "";
            if (v is not YamlScalarNode s)
                throw Error(v, map.FieldPath(name), $"expected a string, got {Describe(v)}");
            result[name] = s.Value ?? "";
        }
        return result.ToDictionary();
    }

    /// <summary>Each entry of a mapping as a reader of its own (for mappings of mappings).</summary>
    public IEnumerable<(string Key, YamlNode Value)> Entries()
    {
        foreach (var (k, v) in _node.Children)
            yield return ((k as YamlScalarNode)?.Value ?? "", v);
    }

    public NodeReader Child(YamlNode node, string pathSegment)
    {
        var path = pathSegment.StartsWith('[') ? Path + pathSegment : FieldPath(pathSegment);
        if (node is not YamlMappingNode map)
            throw Error(node, path, $"expected a mapping, got {Describe(node)}");
        return new NodeReader(File, map, path);
    }

    public JsonNode? Json(string key) => Get(key) is { } node ? YamlScalars.ToJson(node) : null;

    private StewardInputException Missing(string key) =>
        new($"{Location}: {FieldPath(key)}: required field is missing");

    public static string Describe(YamlNode node) => node switch
    {
        YamlMappingNode => "a mapping",
        YamlSequenceNode => "a list",
        YamlScalarNode s when YamlScalars.IsNull(s) => "null",
        YamlScalarNode s => $"\"{s.Value}\"",
        _ => "an alias",
    };
}

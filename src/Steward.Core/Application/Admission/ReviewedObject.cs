using System.Text.Json;
using Steward.Core.Governance;
using Steward.Core.Governance.Yaml;
using YamlDotNet.Core;
using YamlDotNet.RepresentationModel;

namespace Steward.Core.Application.Admission;

/// <summary>
/// The object under review as a <see cref="RepositoryObject"/>, so that the built-in checks read it
/// exactly as they read a manifest of the repository. Built from the JSON nodes directly: strings
/// become quoted scalars (a "1" stays a string), numbers, booleans and null plain ones, as the
/// YAML 1.2 core schema the checks resolve scalars by would read them.
/// </summary>
public static class ReviewedObject
{
    /// <summary>The file name findings about the object under review carry: it has no file.</summary>
    public const string File = "<admission request>";

    /// <param name="requestNamespace">Filled in when the object leaves its namespace out (the request's is the one it is stored in).</param>
    public static RepositoryObject From(AdmissionRequest request, JsonElement obj)
    {
        var node = Mapping(obj);
        var metadata = node.Children.TryGetValue(new YamlScalarNode("metadata"), out var m) && m is YamlMappingNode mm ? mm : null;
        if (request.Namespace is { } ns)
        {
            if (metadata is null)
                node.Children[new YamlScalarNode("metadata")] = metadata = new YamlMappingNode();
            if (!metadata.Children.TryGetValue(new YamlScalarNode("namespace"), out var given) || given is YamlScalarNode { Value: null or "" })
                metadata.Children[new YamlScalarNode("namespace")] = Quoted(ns);
        }
        var reader = new NodeReader(File, node, "");
        // The object's own apiVersion and kind, as policies see them; the request's when it leaves them out.
        var apiVersion = Text(obj, "apiVersion") ?? request.ApiVersion;
        var kind = Text(obj, "kind") ?? request.Kind;
        return new RepositoryObject(reader, apiVersion, kind);
    }

    private static string? Text(JsonElement obj, string name) =>
        obj.TryGetProperty(name, out var value) && value.ValueKind == JsonValueKind.String && value.GetString() is { Length: > 0 } text ? text : null;

    private static YamlNode Node(JsonElement value) => value.ValueKind switch
    {
        JsonValueKind.Object => Mapping(value),
        JsonValueKind.Array => Sequence(value),
        JsonValueKind.String => Quoted(value.GetString()!),
        JsonValueKind.Number => Plain(value.GetRawText()),
        JsonValueKind.True => Plain("true"),
        JsonValueKind.False => Plain("false"),
        _ => Plain("null"),
    };

    private static YamlMappingNode Mapping(JsonElement value)
    {
        var map = new YamlMappingNode();
        // A repeated key keeps its last value, as the API server's decoder does.
        foreach (var property in value.EnumerateObject())
            map.Children[new YamlScalarNode(property.Name)] = Node(property.Value);
        return map;
    }

    private static YamlSequenceNode Sequence(JsonElement value)
    {
        var sequence = new YamlSequenceNode();
        foreach (var item in value.EnumerateArray())
            sequence.Add(Node(item));
        return sequence;
    }

    private static YamlScalarNode Quoted(string text) => new(text) { Style = ScalarStyle.DoubleQuoted };

    private static YamlScalarNode Plain(string text) => new(text) { Style = ScalarStyle.Plain };
}

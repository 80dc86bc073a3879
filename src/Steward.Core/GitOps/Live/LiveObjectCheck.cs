using Steward.Core.Governance.Yaml;
using YamlDotNet.RepresentationModel;

namespace Steward.Core.GitOps.Live;

/// <summary>
/// A live object must say what it is before it can be diffed: apiVersion, kind and metadata.name as
/// strings (as Argo CD, which refuses such a resource rather than skipping it). Checked on the YAML
/// nodes, so the error names file:line:column instead of the object being silently dropped.
/// </summary>
internal static class LiveObjectCheck
{
    /// <exception cref="StewardInputException">An object (or List item) lacks its identity or has one of the wrong type.</exception>
    public static void Validate(string file, YamlMappingNode document)
    {
        var root = new NodeReader(file, document, "");
        var kind = root.String("kind") ?? "";
        if (root.Get("items") is YamlSequenceNode items && (kind == "List" || kind.EndsWith("List", StringComparison.Ordinal)))
        {
            // A typed list (DeploymentList) leaves apiVersion and kind off its items; a plain List does not.
            var implied = kind != "List";
            Required(root, "apiVersion", implied: true);
            for (var i = 0; i < items.Children.Count; i++)
                Identity(root.Child(items.Children[i], $"items[{i}]"), implied);
            return;
        }
        Identity(root, implied: false);
    }

    private static void Identity(NodeReader obj, bool implied)
    {
        Required(obj, "apiVersion", implied);
        Required(obj, "kind", implied);
        var metadata = obj.Mapping("metadata") ?? throw Missing(obj, "metadata.name");
        Required(metadata, "name", implied: false);
        metadata.String("namespace");
    }

    private static void Required(NodeReader obj, string field, bool implied)
    {
        var value = obj.String(field);
        if (!implied && string.IsNullOrEmpty(value))
            throw Missing(obj, obj.FieldPath(field));
        if (obj.Get(field) is YamlScalarNode scalar && (YamlScalars.TryNumber(scalar, out _) || YamlScalars.TryBoolean(scalar, out _)))
            throw obj.Error(scalar, obj.FieldPath(field), $"expected a string, got {NodeReader.Describe(scalar)}");
    }

    private static StewardInputException Missing(NodeReader obj, string field) =>
        new($"{obj.Location}: {field}: required: a live object without apiVersion, kind and metadata.name cannot be diffed");
}

using YamlDotNet.RepresentationModel;

namespace Steward.Core.GitOps.Remediation;

/// <summary>Walks YAML mappings by key to the node to edit.</summary>
internal static class YamlNodes
{
    public static YamlNode? At(YamlNode? node, params string[] path)
    {
        foreach (var key in path)
        {
            if (node is not YamlMappingNode map || !map.Children.TryGetValue(new YamlScalarNode(key), out node))
                return null;
        }
        return node;
    }

    public static YamlScalarNode? Scalar(YamlNode? node, params string[] path) => At(node, path) as YamlScalarNode;

    /// <summary>The mappings of a pod template's containers and init containers, by container name.</summary>
    public static IEnumerable<(string Name, YamlMappingNode Container)> Containers(YamlNode? podSpec)
    {
        foreach (var key in new[] { "containers", "initContainers" })
        {
            if (At(podSpec, key) is not YamlSequenceNode list) continue;
            foreach (var item in list.Children.OfType<YamlMappingNode>())
                if (Scalar(item, "name") is { Value: { } name }) yield return (name, item);
        }
    }

    /// <summary>The pod template's spec and labels mapping paths by workload kind.</summary>
    public static (string[] PodSpec, string[] TemplateLabels) TemplatePaths(string kind) => kind switch
    {
        "Pod" => (["spec"], ["metadata", "labels"]),
        "CronJob" => (["spec", "jobTemplate", "spec", "template", "spec"], ["spec", "jobTemplate", "spec", "template", "metadata", "labels"]),
        _ => (["spec", "template", "spec"], ["spec", "template", "metadata", "labels"]),
    };
}

using Steward.Core.Collections;
using Steward.Core.Governance;
using Steward.Core.Governance.Yaml;
using YamlDotNet.RepresentationModel;

namespace Steward.Core.Kubernetes;

/// <summary>
/// A Kubernetes object that runs containers (Deployment, StatefulSet, DaemonSet, Job, CronJob, Pod),
/// with its pod template's labels and containers.
/// </summary>
public sealed class Workload
{
    public const string GpuResource = "nvidia.com/gpu";

    public static readonly IReadOnlyList<string> Kinds = ["Deployment", "StatefulSet", "DaemonSet", "Job", "CronJob", "Pod"];

    private Workload(RepositoryObject obj, IReadOnlyDictionary<string, string> templateLabels, int replicas, bool hasReplicas, IReadOnlyList<Container> containers)
    {
        Object = obj;
        TemplateLabels = templateLabels;
        Replicas = replicas;
        HasReplicas = hasReplicas;
        Containers = containers;
        if (templateLabels is OrdinalDictionary<string> under && obj.Labels is OrdinalDictionary<string> over)
        {
            Labels = OrdinalDictionary<string>.Overlay(under, over);
        }
        else
        {
            var merged = new OrdinalDictionary<string>.Builder();
            foreach (var (k, v) in templateLabels) merged[k] = v;
            foreach (var (k, v) in obj.Labels) merged[k] = v;
            Labels = merged.ToDictionary();
        }
    }

    public RepositoryObject Object { get; }

    /// <summary>The pod template's labels (for a Pod: its own).</summary>
    public IReadOnlyDictionary<string, string> TemplateLabels { get; }

    /// <summary>Object labels over pod template labels: where a workload's team or model is read.</summary>
    public IReadOnlyDictionary<string, string> Labels { get; }

    public int Replicas { get; }
    public bool HasReplicas { get; }
    public IReadOnlyList<Container> Containers { get; }

    public string Kind => Object.Kind;
    public string Name => Object.Name;
    public string? Namespace => Object.Namespace;

    /// <summary>Whether the desired state of this kind has a steady monthly cost (replicas × containers).</summary>
    public bool IsCosted => Kind is "Deployment" or "StatefulSet";

    public string? Label(string key) => Labels.TryGetValue(key, out var v) ? v : null;

    public static bool IsWorkload(RepositoryObject obj) => Kinds.Contains(obj.Kind);

    /// <summary>The workload view of a Kubernetes object, or null when it runs no containers.</summary>
    public static Workload? From(RepositoryObject obj)
    {
        if (!IsWorkload(obj)) return null;
        var root = obj.Reader;
        var spec = root.Mapping("spec");
        NodeReader? podSpec;
        IReadOnlyDictionary<string, string> templateLabels;
        switch (obj.Kind)
        {
            case "Pod":
                podSpec = spec;
                templateLabels = obj.Labels;
                break;
            case "CronJob":
                var template = spec?.Mapping("jobTemplate")?.Mapping("spec")?.Mapping("template");
                podSpec = template?.Mapping("spec");
                templateLabels = template?.Mapping("metadata")?.StringMap("labels") ?? OrdinalDictionary<string>.Empty;
                break;
            default:
                var podTemplate = spec?.Mapping("template");
                podSpec = podTemplate?.Mapping("spec");
                templateLabels = podTemplate?.Mapping("metadata")?.StringMap("labels") ?? OrdinalDictionary<string>.Empty;
                break;
        }

        var replicasValue = spec?.Number("replicas");
        var containers = new List<Container>();
        if (podSpec is not null)
        {
            containers.AddRange(ReadContainers(podSpec, "containers", isInit: false));
            containers.AddRange(ReadContainers(podSpec, "initContainers", isInit: true));
        }
        return new Workload(obj, templateLabels, replicasValue is null ? 1 : (int)replicasValue.Value, replicasValue is not null, containers);
    }

    private static IEnumerable<Container> ReadContainers(NodeReader podSpec, string key, bool isInit)
    {
        var items = podSpec.Sequence(key);
        for (var i = 0; i < items.Count; i++)
        {
            var c = podSpec.Child(items[i], $"{key}[{i}]");
            var resources = c.Mapping("resources");
            yield return new Container
            {
                Name = c.String("name") ?? $"#{i}",
                Image = c.String("image"),
                Location = c.Location,
                ImageLocation = c.LocationOf("image"),
                IsInit = isInit,
                Requests = Amounts(resources?.Mapping("requests")),
                Limits = Amounts(resources?.Mapping("limits")),
            };
        }
    }

    private static Dictionary<string, ResourceAmount> Amounts(NodeReader? map)
    {
        var result = new Dictionary<string, ResourceAmount>(StringComparer.Ordinal);
        if (map is null) return result;
        foreach (var (name, node) in map.Entries())
        {
            if (node is not YamlScalarNode scalar || !Quantity.TryParse(scalar.Value, out var value))
                throw map.Error(node, map.FieldPath(name), $"invalid quantity {NodeReader.Describe(node)} (expected e.g. 500m, 2, 4Gi)");
            result[name] = new ResourceAmount(scalar.Value!, value, map.At(node));
        }
        return result;
    }
}

using Steward.Core.Governance;
using Steward.Core.Kubernetes;

namespace Steward.Core.GitOps.Remediation;

/// <summary>
/// The HorizontalPodAutoscalers of a repository, by the workload they scale: an HPA owns the replicas
/// of its target (spec.scaleTargetRef kind and name, in the HPA's own namespace), so editing only the
/// workload's <c>spec.replicas</c> would be undone by the HPA at its next sync.
/// </summary>
internal sealed class Autoscalers
{
    public const string Kind = "HorizontalPodAutoscaler";

    private readonly IReadOnlyList<RepositoryObject> autoscalers;

    public Autoscalers(IEnumerable<RepositoryObject> manifests) =>
        autoscalers = [.. manifests.Where(m => m.Kind == Kind && m.Group == "autoscaling")
            .OrderBy(m => m.File, StringComparer.Ordinal).ThenBy(m => m.Name, StringComparer.Ordinal)];

    public static readonly Autoscalers None = new([]);

    /// <summary>The HPAs whose scaleTargetRef names <paramref name="workload"/> (an unset namespace is <c>default</c>, as kubectl applies it).</summary>
    public IReadOnlyList<RepositoryObject> Targeting(Workload workload) =>
        [.. autoscalers.Where(h =>
            YamlNodes.Scalar(h.Node, "spec", "scaleTargetRef", "kind")?.Value == workload.Kind &&
            YamlNodes.Scalar(h.Node, "spec", "scaleTargetRef", "name")?.Value == workload.Name &&
            (h.Namespace ?? "default") == (workload.Namespace ?? "default"))];
}

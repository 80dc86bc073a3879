using Steward.Core.Kubernetes;
using YamlDotNet.RepresentationModel;

namespace Steward.Core.GitOps.Remediation;

/// <summary>
/// Sets the replicas of workloads to a target in their manifests: the number is replaced where
/// <c>spec.replicas</c> is written, or a <c>replicas:</c> line is added to a block-style spec.
/// Workloads marked <c>steward.dev/critical: "true"</c> and kinds without replicas are left alone.
/// </summary>
internal static class ReplicaScaling
{
    public const string CriticalLabel = "steward.dev/critical";

    /// <summary>The new texts of the changed manifests (empty when nothing is above the target), and a line per workload.</summary>
    public static (Dictionary<string, string> Files, List<string> Details) Scale(
        IEnumerable<Workload> workloads, int target, IReadOnlyDictionary<string, string> headFiles)
    {
        var editsByFile = new Dictionary<string, List<ScalarEdit>>(StringComparer.Ordinal);
        var details = new List<string>();
        foreach (var workload in workloads)
        {
            if (workload.Label(CriticalLabel) == "true" || workload.Object.Annotations.GetValueOrDefault(CriticalLabel) == "true")
            {
                details.Add($"Kept: {workload.Kind}/{workload.Name} is marked {CriticalLabel}");
                continue;
            }
            if (!workload.IsCosted)
            {
                details.Add($"Not changed: {workload.Kind}/{workload.Name}: a {workload.Kind} has no replicas to scale");
                continue;
            }
            if (workload.Replicas <= target) continue;
            ScalarEdit edit;
            if (YamlNodes.Scalar(workload.Object.Node, "spec", "replicas") is { } replicas)
            {
                edit = ScalarEdit.ReplaceNumber(replicas, target);
            }
            else if (YamlNodes.At(workload.Object.Node, "spec") is YamlMappingNode { Style: not YamlDotNet.Core.Events.MappingStyle.Flow } spec && spec.Children.Count > 0)
            {
                var firstKey = spec.Children.First().Key;
                var indent = new string(' ', (int)firstKey.Start.Column - 1);
                edit = ScalarEdit.Insert((int)firstKey.Start.Index, $"replicas: {target}\n{indent}");
            }
            else
            {
                details.Add($"Not changed: {workload.Kind}/{workload.Name} has no block-style spec to add replicas to");
                continue;
            }
            (editsByFile.TryGetValue(workload.Object.File, out var list) ? list : editsByFile[workload.Object.File] = []).Add(edit);
            details.Add($"Change: {workload.Object.File}: {workload.Kind}/{workload.Name} replicas {workload.Replicas} → {target}");
        }
        var files = editsByFile.ToDictionary(e => e.Key, e => ScalarEdit.Apply(headFiles[e.Key], e.Value), StringComparer.Ordinal);
        return (files, details);
    }
}

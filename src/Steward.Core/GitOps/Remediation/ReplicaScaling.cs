using System.Globalization;
using Steward.Core.Governance;
using Steward.Core.Kubernetes;
using YamlDotNet.RepresentationModel;

namespace Steward.Core.GitOps.Remediation;

/// <summary>
/// Sets the replicas of workloads to a target in their manifests: the number is replaced where
/// <c>spec.replicas</c> is written, or a <c>replicas:</c> line is added to a block-style spec.
/// Workloads marked <c>steward.dev/critical: "true"</c> and kinds without replicas are left alone.
/// A workload that a HorizontalPodAutoscaler scales is capped through the HPA as well (see <see cref="ScaleAutoscaled"/>).
/// </summary>
internal static class ReplicaScaling
{
    public const string CriticalLabel = "steward.dev/critical";

    /// <summary>The new texts of the changed manifests (empty when nothing is above the target), and a line per workload.</summary>
    public static (Dictionary<string, string> Files, List<string> Details) Scale(
        IEnumerable<Workload> workloads, int target, IReadOnlyDictionary<string, string> headFiles, Autoscalers? autoscalers = null)
    {
        var editsByFile = new Dictionary<string, List<ScalarEdit>>(StringComparer.Ordinal);
        var details = new List<string>();
        void Add(string file, ScalarEdit edit) => (editsByFile.TryGetValue(file, out var list) ? list : editsByFile[file] = []).Add(edit);
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
            if ((autoscalers ?? Autoscalers.None).Targeting(workload) is { Count: > 0 } hpas)
            {
                ScaleAutoscaled(workload, hpas, target, Add, details);
                continue;
            }
            if (workload.Replicas <= target) continue;
            if (ReplicasEdit(workload, target) is not { } edit)
            {
                details.Add($"Not changed: {workload.Kind}/{workload.Name} has no block-style spec to add replicas to");
                continue;
            }
            Add(workload.Object.File, edit);
            details.Add($"Change: {workload.Object.File}: {workload.Kind}/{workload.Name} replicas {workload.Replicas} → {target}");
        }
        var files = editsByFile.ToDictionary(e => e.Key, e => ScalarEdit.Apply(headFiles[e.Key], e.Value), StringComparer.Ordinal);
        return (files, details);
    }

    /// <summary>Replaces <c>spec.replicas</c>, or adds it first in a block-style spec; null when there is no such spec.</summary>
    private static ScalarEdit? ReplicasEdit(Workload workload, int target)
    {
        if (YamlNodes.Scalar(workload.Object.Node, "spec", "replicas") is { } replicas)
            return ScalarEdit.ReplaceNumber(replicas, target);
        if (YamlNodes.At(workload.Object.Node, "spec") is YamlMappingNode { Style: not YamlDotNet.Core.Events.MappingStyle.Flow } spec && spec.Children.Count > 0)
        {
            var firstKey = spec.Children.First().Key;
            var indent = new string(' ', (int)firstKey.Start.Column - 1);
            return ScalarEdit.Insert((int)firstKey.Start.Index, $"replicas: {target}\n{indent}");
        }
        return null;
    }

    /// <summary>
    /// A workload that HPAs scale. The HPA, not <c>spec.replicas</c>, decides how many replicas run, so the
    /// cap goes on the HPA: <c>maxReplicas</c> (and <c>minReplicas</c> when above it) down to the target; an
    /// HPA never raises them, so a workload already at or below the target is left as it is. The workload's
    /// own <c>spec.replicas</c> is lowered only where it is written (it is added only for a pause: Argo CD
    /// and Flux users leave it out so that Git and the HPA do not fight over it).
    /// An HPA cannot scale to zero (minReplicas ≥ 1 without the alpha HPAScaleToZero gate), so a pause
    /// sets the workload's <c>spec.replicas</c> to 0 — the HPA controller does not scale a target whose
    /// replicas are 0 — and caps the HPA at 1, the nearest it can come should it resume. The HPA is kept,
    /// not deleted: reverting the commit restores autoscaling exactly as it was.
    /// </summary>
    private static void ScaleAutoscaled(Workload workload, IReadOnlyList<RepositoryObject> hpas, int target,
        Action<string, ScalarEdit> add, List<string> details)
    {
        var subject = $"{workload.Kind}/{workload.Name}";
        var written = YamlNodes.Scalar(workload.Object.Node, "spec", "replicas") is not null;
        if ((written && workload.Replicas > target) || (target == 0 && !written))
        {
            if (ReplicasEdit(workload, target) is { } edit)
            {
                add(workload.Object.File, edit);
                details.Add($"Change: {workload.Object.File}: {subject} replicas {(written ? workload.Replicas.ToString(CultureInfo.InvariantCulture) : "unset")} → {target}");
            }
            else
            {
                details.Add($"Not changed: {subject} has no block-style spec to add replicas to");
            }
        }

        var cap = Math.Max(target, 1);
        foreach (var hpa in hpas)
        {
            var hpaName = $"{Autoscalers.Kind}/{hpa.Name}";
            var changes = new List<string>();
            foreach (var field in new[] { "minReplicas", "maxReplicas" })
            {
                if (YamlNodes.Scalar(hpa.Node, "spec", field) is not { } node) continue;
                if (!int.TryParse(node.Value, NumberStyles.None, CultureInfo.InvariantCulture, out var value))
                {
                    details.Add($"Not changed: {hpa.File}: {hpaName}: spec.{field} '{node.Value}' is not a number");
                    continue;
                }
                if (value <= cap) continue;
                add(hpa.File, ScalarEdit.ReplaceNumber(node, cap));
                changes.Add($"{field} {value} → {cap}");
            }
            if (changes.Count > 0)
                details.Add($"Change: {hpa.File}: {hpaName} (scales {subject}) {string.Join(", ", changes)}");
            if (target == 0)
                details.Add($"Note: {hpaName} cannot scale {subject} to zero (minReplicas ≥ 1): {subject} at 0 replicas is paused, " +
                            "as the HPA controller does not scale a target with 0 replicas, and the HPA is kept, capped at 1");
        }
    }
}

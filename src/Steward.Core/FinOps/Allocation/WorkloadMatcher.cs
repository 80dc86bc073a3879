using System.Text.RegularExpressions;
using Steward.Core.Governance;
using Steward.Core.Kubernetes;

namespace Steward.Core.FinOps.Allocation;

/// <summary>
/// Finds the workload in Git that a running pod belongs to, by namespace (no namespace in Git means
/// <c>default</c>) and the pod name Kubernetes derives from the workload's name:
/// Deployment <c>NAME-HASH-SUFFIX</c>, StatefulSet <c>NAME-N</c>, DaemonSet and Job <c>NAME-SUFFIX</c>,
/// CronJob <c>NAME-TIME-SUFFIX</c>, Pod <c>NAME</c>. The longest matching name wins.
/// </summary>
public sealed partial class WorkloadMatcher
{
    private readonly Dictionary<string, List<Workload>> byNamespace = new(StringComparer.Ordinal);

    public WorkloadMatcher(IEnumerable<Workload> workloads)
    {
        foreach (var w in workloads)
        {
            var ns = w.Namespace ?? "default";
            if (!byNamespace.TryGetValue(ns, out var list)) byNamespace[ns] = list = [];
            list.Add(w);
        }
        foreach (var list in byNamespace.Values)
            list.Sort((a, b) => b.Name.Length.CompareTo(a.Name.Length) is var c && c != 0 ? c : string.CompareOrdinal(a.Name, b.Name));
    }

    public static WorkloadMatcher For(GovernanceRepository repository) =>
        new(repository.Manifests.Select(Workload.From).OfType<Workload>());

    /// <summary>
    /// The workload in Git of kind <paramref name="kind"/> and name <paramref name="name"/> when the
    /// source resolved the pod's owner (Prometheus' owner series) and Git declares it; otherwise by the pod's name.
    /// </summary>
    public Workload? Match(string @namespace, string pod, string? kind, string? name)
    {
        if (kind is not null && name is not null && byNamespace.TryGetValue(@namespace, out var list)
            && list.FirstOrDefault(w => w.Kind == kind && w.Name == name) is { } owner)
            return owner;
        return Match(@namespace, pod);
    }

    public Workload? Match(string @namespace, string pod)
    {
        if (!byNamespace.TryGetValue(@namespace, out var list)) return null;
        foreach (var w in list)
        {
            if (w.Kind == "Pod") { if (pod == w.Name) return w; continue; }
            if (pod.Length <= w.Name.Length + 1 || !pod.StartsWith(w.Name + "-", StringComparison.Ordinal)) continue;
            var rest = pod[(w.Name.Length + 1)..];
            var ok = w.Kind switch
            {
                "Deployment" => DeploymentSuffix().IsMatch(rest),
                "StatefulSet" => Ordinal().IsMatch(rest),
                "CronJob" => DeploymentSuffix().IsMatch(rest),
                _ => Token().IsMatch(rest),
            };
            if (ok) return w;
        }
        return null;
    }

    [GeneratedRegex("^[a-z0-9]+-[a-z0-9]+$")]
    private static partial Regex DeploymentSuffix();

    [GeneratedRegex("^[0-9]+$")]
    private static partial Regex Ordinal();

    [GeneratedRegex("^[a-z0-9]+$")]
    private static partial Regex Token();
}

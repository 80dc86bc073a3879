using System.Text.RegularExpressions;

namespace Steward.Core.FinOps.Usage.Prometheus;

/// <summary>
/// Resolves a pod to the workload that owns it from kube-state-metrics' owner series, as OpenCost does:
/// <c>kube_pod_owner</c> names the pod's controller; a ReplicaSet is followed through
/// <c>kube_replicaset_owner</c> to its Deployment (or Rollout), and a ReplicaSet without an owner stays
/// the workload; a Job whose name ends in a CronJob's schedule suffix (8 or 10 digits, OpenCost's
/// <c>isCron</c>) belongs to that CronJob; StatefulSets and DaemonSets own their pods directly.
/// </summary>
public sealed partial class WorkloadOwners
{
    private readonly Dictionary<(string Namespace, string Pod), (string Kind, string Name)> pods = [];
    private readonly Dictionary<(string Namespace, string ReplicaSet), (string Kind, string Name)> replicaSets = [];

    /// <summary>Adds the answer of <see cref="OpenCostQueries.PodOwners"/>.</summary>
    public void AddPodOwners(IEnumerable<PrometheusSeries> series)
    {
        // Several owners for one pod are rare (only one is the controller); the order makes the choice stable.
        foreach (var s in series.OrderBy(s => s.Label("owner_kind"), StringComparer.Ordinal).ThenBy(s => s.Label("owner_name"), StringComparer.Ordinal))
        {
            if (s.Label("namespace") is not { } ns || s.Label("pod") is not { } pod || s.Label("owner_kind") is not { } kind || s.Label("owner_name") is not { } name) continue;
            if (kind == "<none>" || name == "<none>") continue;
            pods.TryAdd((ns, pod), (kind, name));
        }
    }

    /// <summary>Adds the answer of <see cref="OpenCostQueries.ReplicaSetOwners"/>.</summary>
    public void AddReplicaSetOwners(IEnumerable<PrometheusSeries> series)
    {
        foreach (var s in series.OrderBy(s => s.Label("owner_kind"), StringComparer.Ordinal).ThenBy(s => s.Label("owner_name"), StringComparer.Ordinal))
        {
            if (s.Label("namespace") is not { } ns || s.Label("replicaset") is not { } rs || s.Label("owner_kind") is not { } kind || s.Label("owner_name") is not { } name) continue;
            if (kind == "<none>" || name == "<none>") continue;
            replicaSets.TryAdd((ns, rs), (kind, name));
        }
    }

    /// <summary>The pod's workload (kind, name), or null when kube-state-metrics names no owner (a bare pod).</summary>
    public (string Kind, string Name)? Resolve(string @namespace, string pod)
    {
        if (!pods.TryGetValue((@namespace, pod), out var owner)) return null;
        switch (owner.Kind)
        {
            case "ReplicaSet":
                return replicaSets.TryGetValue((@namespace, owner.Name), out var parent) ? parent : owner;
            case "Job":
                var cron = CronJobSuffix().Match(owner.Name);
                return cron.Success ? ("CronJob", cron.Groups[1].Value) : owner;
            default:
                return owner;
        }
    }

    /// <summary>OpenCost's <c>isCron</c>: a CronJob's Job is <c>NAME-</c> its scheduled time in minutes (8 digits) or seconds (10).</summary>
    [GeneratedRegex(@"^(.+)-(\d{10}|\d{8})$")]
    private static partial Regex CronJobSuffix();
}

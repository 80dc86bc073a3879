using System.Text.Json.Nodes;
using Steward.Core.Governance;

namespace Steward.Core.GitOps.Diff;

/// <summary>Matches the repository's Kubernetes objects with the live ones and classifies each.</summary>
public static class LiveStateDiffer
{
    public static DiffReport Compare(GovernanceRepository repository, IReadOnlyList<JsonObject> live)
    {
        var settings = repository.Settings;
        var desired = new Dictionary<ObjectIdentity, RepositoryObject>();
        foreach (var obj in repository.Manifests)
            desired[ObjectIdentity.Of(obj.Json)] = obj;

        var liveByIdentity = new Dictionary<ObjectIdentity, JsonObject>();
        foreach (var obj in live)
            liveByIdentity[ObjectIdentity.Of(obj)] = obj;

        var results = new List<ObjectDiff>();
        foreach (var (identity, obj) in desired)
        {
            if (!liveByIdentity.TryGetValue(identity, out var liveObject))
            {
                results.Add(new ObjectDiff(identity, SyncStatus.Missing, [], obj.Location));
                continue;
            }
            var diffs = JsonDiff.Compare(
                Normalizer.Normalize(obj.Json, identity, settings.IgnoreDifferences),
                Normalizer.Normalize(liveObject, identity, settings.IgnoreDifferences));
            results.Add(new ObjectDiff(identity, diffs.Count == 0 ? SyncStatus.Synced : SyncStatus.OutOfSync, diffs, obj.Location));
        }

        foreach (var (identity, obj) in liveByIdentity)
        {
            if (desired.ContainsKey(identity) || !IsManaged(obj, settings.ManagedLabels)) continue;
            results.Add(new ObjectDiff(identity, SyncStatus.Extra, [], null));
        }

        results.Sort((a, b) => a.Identity.CompareTo(b.Identity));
        return new DiffReport(results);
    }

    private static bool IsManaged(JsonObject obj, IReadOnlyDictionary<string, string> managedLabels)
    {
        if (managedLabels.Count == 0) return false;
        var labels = obj["metadata"]?["labels"] as JsonObject;
        return labels is not null && managedLabels.All(kv => labels[kv.Key] is JsonValue v && v.ToString() == kv.Value);
    }
}

using System.Text.Json.Nodes;
using Steward.Core.Governance.Kinds;

namespace Steward.Core.GitOps.Diff;

/// <summary>
/// Removes what a diff must not see, as Argo CD does: status, server-set metadata
/// (managedFields, resourceVersion, uid, generation, creationTimestamp, selfLink), the
/// last-applied annotation, and the fields ignoreDifferences names.
/// </summary>
public static class Normalizer
{
    public const string LastAppliedAnnotation = "kubectl.kubernetes.io/last-applied-configuration";

    private static readonly string[] ServerMetadata = ["managedFields", "resourceVersion", "uid", "generation", "creationTimestamp", "selfLink"];

    public static JsonObject Normalize(JsonObject source, ObjectIdentity identity, IReadOnlyList<IgnoreDifference> ignores)
    {
        var obj = (JsonObject)source.DeepClone();
        obj.Remove("status");
        if (obj["metadata"] is JsonObject metadata)
        {
            foreach (var field in ServerMetadata) metadata.Remove(field);
            if (metadata["annotations"] is JsonObject annotations)
            {
                annotations.Remove(LastAppliedAnnotation);
                if (annotations.Count == 0) metadata.Remove("annotations");
            }
        }
        foreach (var ignore in ignores.Where(i => i.Applies(identity.Group, identity.Kind, identity.Namespace, identity.Name)))
            foreach (var pointer in ignore.JsonPointers)
                RemovePointer(obj, pointer);
        return obj;
    }

    /// <summary>Removes the node at an RFC 6901 JSON pointer, if present.</summary>
    public static void RemovePointer(JsonNode root, string pointer)
    {
        var segments = pointer.Split('/').Skip(1).Select(s => s.Replace("~1", "/", StringComparison.Ordinal).Replace("~0", "~", StringComparison.Ordinal)).ToList();
        if (segments.Count == 0) return;
        JsonNode? node = root;
        foreach (var segment in segments.Take(segments.Count - 1))
        {
            node = node switch
            {
                JsonObject o => o[segment],
                JsonArray a when int.TryParse(segment, out var i) && i >= 0 && i < a.Count => a[i],
                _ => null,
            };
            if (node is null) return;
        }
        var last = segments[^1];
        switch (node)
        {
            case JsonObject o: o.Remove(last); break;
            case JsonArray a when int.TryParse(last, out var i) && i >= 0 && i < a.Count: a.RemoveAt(i); break;
        }
    }
}

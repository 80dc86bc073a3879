using System.Text.Json.Nodes;

namespace Steward.Core.GitOps;

/// <summary>How desired and live objects are matched: API group, kind, namespace and name.</summary>
public sealed record ObjectIdentity(string Group, string Kind, string? Namespace, string Name) : IComparable<ObjectIdentity>
{
    /// <summary>Built-in kinds that have no namespace.</summary>
    private static readonly HashSet<string> ClusterScoped = new(StringComparer.Ordinal)
    {
        "Namespace", "Node", "PersistentVolume", "StorageClass", "ClusterRole", "ClusterRoleBinding",
        "CustomResourceDefinition", "PriorityClass", "IngressClass", "RuntimeClass", "APIService",
        "MutatingWebhookConfiguration", "ValidatingWebhookConfiguration", "ValidatingAdmissionPolicy",
        "ValidatingAdmissionPolicyBinding", "CSIDriver", "VolumeAttachment", "ClusterIssuer",
    };

    public static bool IsClusterScoped(string kind) => ClusterScoped.Contains(kind);

    public static string GroupOf(string apiVersion) =>
        apiVersion.Contains('/', StringComparison.Ordinal) ? apiVersion[..apiVersion.IndexOf('/', StringComparison.Ordinal)] : "";

    /// <summary>The identity of a Kubernetes object; a namespaced object without a namespace is in <paramref name="defaultNamespace"/>.</summary>
    public static ObjectIdentity Of(JsonObject obj, string defaultNamespace = "default")
    {
        var apiVersion = Text(obj["apiVersion"]) ?? "";
        var kind = Text(obj["kind"]) ?? "";
        var metadata = obj["metadata"] as JsonObject;
        var name = Text(metadata?["name"]) ?? "";
        var ns = Text(metadata?["namespace"]);
        if (IsClusterScoped(kind)) ns = null;
        else if (string.IsNullOrEmpty(ns)) ns = defaultNamespace;
        return new ObjectIdentity(GroupOf(apiVersion), kind, ns, name);
    }

    // A YAML `name: 123` arrives as a number: its text is the name (GetValue<string> would throw).
    private static string? Text(JsonNode? node) => node switch
    {
        JsonValue v when v.TryGetValue<string>(out var s) => s,
        JsonValue v => v.ToJsonString(),
        _ => null,
    };

    public int CompareTo(ObjectIdentity? other)
    {
        if (other is null) return 1;
        var c = string.CompareOrdinal(Group, other.Group);
        if (c != 0) return c;
        c = string.CompareOrdinal(Kind, other.Kind);
        if (c != 0) return c;
        c = string.CompareOrdinal(Namespace, other.Namespace);
        return c != 0 ? c : string.CompareOrdinal(Name, other.Name);
    }

    public override string ToString() =>
        $"{(Group.Length == 0 ? "" : Group + "/")}{Kind}/{(Namespace is null ? "" : Namespace + "/")}{Name}";
}

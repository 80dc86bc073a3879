using System.Text.Json.Nodes;

namespace Steward.Core.Policy.Gatekeeper;

/// <summary>
/// <c>data.inventory</c> in Gatekeeper's layout: <c>cluster[apiVersion][kind][name]</c> for objects
/// without a namespace, <c>namespace[ns][apiVersion][kind][name]</c> for the others (apiVersion as
/// written, e.g. "v1" or "apps/v1"). A later object of the same identity replaces an earlier one.
/// </summary>
public static class GatekeeperInventory
{
    public static JsonObject Build(IEnumerable<JsonObject> objects)
    {
        var cluster = new JsonObject();
        var namespaced = new JsonObject();
        foreach (var o in objects)
        {
            var apiVersion = ConstraintMatch.Str(o["apiVersion"]);
            var kind = ConstraintMatch.Str(o["kind"]);
            var name = ConstraintMatch.Str(o["metadata"]?["name"]);
            var ns = ConstraintMatch.Str(o["metadata"]?["namespace"]);
            var parent = ns == "" ? cluster : Sub(namespaced, ns);
            Sub(Sub(parent, apiVersion), kind)[name] = o.DeepClone();
        }
        return new JsonObject { ["cluster"] = cluster, ["namespace"] = namespaced };
    }

    /// <summary>The Namespace object named <paramref name="ns"/> in an inventory (for namespaceSelector), if it has one.</summary>
    public static JsonObject? Namespace(JsonObject inventory, string ns) =>
        ns == "" ? null : inventory["cluster"]?["v1"]?["Namespace"]?[ns] as JsonObject;

    private static JsonObject Sub(JsonObject parent, string key)
    {
        if (parent[key] is JsonObject o) return o;
        o = new JsonObject();
        parent[key] = o;
        return o;
    }
}

using System.Text.Json.Nodes;

namespace Steward.Core.Policy.Gatekeeper;

/// <summary>
/// A constraint's <c>spec.match</c>, as Gatekeeper applies it before a review: kinds, scope,
/// namespaces and excludedNamespaces (with prefix/suffix globs), name, labelSelector and
/// namespaceSelector. An object that does not match is not reviewed, so it has no violations.
/// </summary>
public static class ConstraintMatch
{
    /// <param name="match">The constraint's spec.match (null: everything matches).</param>
    /// <param name="obj">The object under review.</param>
    /// <param name="group">Its API group ("" for the core group).</param>
    /// <param name="kind">Its kind.</param>
    /// <param name="namespaceObject">The Namespace object the object lives in, when known (for namespaceSelector).</param>
    public static bool Matches(JsonObject? match, JsonObject obj, string group, string kind, JsonObject? namespaceObject)
    {
        if (match is null) return true;
        var ns = Str(obj["metadata"]?["namespace"]);
        var isNamespace = group == "" && kind == "Namespace";
        // A Namespace is matched by namespace criteria through its own name.
        var nsName = isNamespace ? Str(obj["metadata"]?["name"]) : ns;

        if (match["kinds"] is JsonArray kinds && kinds.Count > 0 && !kinds.Any(k => KindMatches(k as JsonObject, group, kind)))
            return false;

        switch (Str(match["scope"]))
        {
            case "Cluster" when ns != "": return false;
            case "Namespaced" when ns == "": return false;
        }

        if (match["namespaces"] is JsonArray namespaces && namespaces.Count > 0
            && (isNamespace || ns != "") && !namespaces.Any(n => Glob(Str(n), nsName)))
            return false;

        if (match["excludedNamespaces"] is JsonArray excluded && (isNamespace || ns != "")
            && excluded.Any(n => Glob(Str(n), nsName)))
            return false;

        if (match["name"] is JsonValue nameValue && !Glob(Str(nameValue), Str(obj["metadata"]?["name"])))
            return false;

        if (match["labelSelector"] is JsonObject labelSelector && !SelectorMatches(labelSelector, obj["metadata"]?["labels"] as JsonObject))
            return false;

        if (match["namespaceSelector"] is JsonObject namespaceSelector)
        {
            if (isNamespace) namespaceObject = obj;
            // A cluster-scoped object has no namespace to select on; Gatekeeper lets it through.
            if (namespaceObject is null && ns != "") return false;
            if (namespaceObject is not null && !SelectorMatches(namespaceSelector, namespaceObject["metadata"]?["labels"] as JsonObject))
                return false;
        }
        return true;
    }

    private static bool KindMatches(JsonObject? entry, string group, string kind)
    {
        if (entry is null) return false;
        static bool Contains(JsonNode? list, string value) =>
            list is not JsonArray a || a.Count == 0 || a.Any(x => Str(x) == "*" || Str(x) == value);
        return Contains(entry["apiGroups"], group) && Contains(entry["kinds"], kind);
    }

    /// <summary>Gatekeeper's namespace globs: a trailing '*' is a prefix match, a leading '*' a suffix match.</summary>
    public static bool Glob(string pattern, string value)
    {
        if (pattern == "*") return true;
        if (pattern.EndsWith('*')) return value.StartsWith(pattern[..^1], StringComparison.Ordinal);
        if (pattern.StartsWith('*')) return value.EndsWith(pattern[1..], StringComparison.Ordinal);
        return pattern == value;
    }

    /// <summary>A Kubernetes label selector: matchLabels and matchExpressions (In, NotIn, Exists, DoesNotExist), all must hold.</summary>
    public static bool SelectorMatches(JsonObject selector, JsonObject? labels)
    {
        string? Label(string key) => labels?[key] is JsonNode n ? Str(n) : null;
        if (selector["matchLabels"] is JsonObject matchLabels)
        {
            foreach (var (key, value) in matchLabels)
                if (Label(key) != Str(value)) return false;
        }
        if (selector["matchExpressions"] is JsonArray expressions)
        {
            foreach (var e in expressions.OfType<JsonObject>())
            {
                var key = Str(e["key"]);
                var values = (e["values"] as JsonArray)?.Select(Str).ToList() ?? [];
                var actual = Label(key);
                var ok = Str(e["operator"]) switch
                {
                    "In" => actual is not null && values.Contains(actual),
                    "NotIn" => actual is null || !values.Contains(actual),
                    "Exists" => actual is not null,
                    "DoesNotExist" => actual is null,
                    var op => throw new StewardInputException($"labelSelector: unknown operator '{op}'"),
                };
                if (!ok) return false;
            }
        }
        return true;
    }

    internal static string Str(JsonNode? node) => node is JsonValue v
        ? (v.TryGetValue<string>(out var s) ? s : v.ToJsonString())
        : "";
}

using System.Globalization;
using System.Text.Json;
using System.Text.Json.Nodes;
using Steward.Core.Kubernetes;

namespace Steward.Core.GitOps.Diff;

/// <summary>
/// Compares a desired object with its live counterpart so that only real changes show:
/// fields the desired state does not set are the API server's defaults and are ignored;
/// list items that carry a <c>name</c> are matched by name; numbers compare by value;
/// resource quantities compare by amount (<c>1000m</c> = <c>1</c>, <c>1Gi</c> = <c>1073741824</c>);
/// an empty map or list equals an absent one.
/// </summary>
public static class JsonDiff
{
    public static List<FieldDiff> Compare(JsonNode? desired, JsonNode? live)
    {
        var diffs = new List<FieldDiff>();
        Walk(desired, live, "", diffs);
        return diffs;
    }

    private static void Walk(JsonNode? desired, JsonNode? live, string path, List<FieldDiff> diffs)
    {
        if (IsEmpty(desired) && IsEmpty(live)) return;
        switch (desired)
        {
            case JsonObject d when live is JsonObject l:
                foreach (var (key, value) in d.OrderBy(kv => kv.Key, StringComparer.Ordinal))
                {
                    if (value is null && !l.ContainsKey(key)) continue;
                    Walk(value, l[key], path + "/" + Escape(key), diffs);
                }
                return;
            case JsonArray d when live is JsonArray l:
                CompareArrays(d, l, path, diffs);
                return;
            case JsonObject or JsonArray:
                diffs.Add(new FieldDiff(path, desired.DeepClone(), live?.DeepClone()));
                return;
            default:
                if (!ScalarsEqual(desired, live, path))
                    diffs.Add(new FieldDiff(path, desired?.DeepClone(), live?.DeepClone()));
                return;
        }
    }

    private static void CompareArrays(JsonArray desired, JsonArray live, string path, List<FieldDiff> diffs)
    {
        if (IsNamedList(desired) && IsNamedList(live))
        {
            var liveByName = live.OfType<JsonObject>().ToDictionary(o => o["name"]!.GetValue<string>(), StringComparer.Ordinal);
            var desiredNames = new HashSet<string>(StringComparer.Ordinal);
            for (var i = 0; i < desired.Count; i++)
            {
                var item = (JsonObject)desired[i]!;
                var name = item["name"]!.GetValue<string>();
                desiredNames.Add(name);
                Walk(item, liveByName.GetValueOrDefault(name), $"{path}/{i}", diffs);
            }
            for (var i = 0; i < live.Count; i++)
            {
                var name = live[i]!["name"]!.GetValue<string>();
                if (!desiredNames.Contains(name))
                    diffs.Add(new FieldDiff($"{path}/{i}", null, live[i]!.DeepClone()));
            }
            return;
        }
        for (var i = 0; i < Math.Max(desired.Count, live.Count); i++)
        {
            if (i >= desired.Count) diffs.Add(new FieldDiff($"{path}/{i}", null, live[i]?.DeepClone()));
            else Walk(desired[i], i < live.Count ? live[i] : null, $"{path}/{i}", diffs);
        }
    }

    private static bool IsNamedList(JsonArray array) =>
        array.Count > 0 && array.All(i => i is JsonObject o && o["name"] is JsonValue v && v.GetValueKind() == JsonValueKind.String);

    private static bool IsEmpty(JsonNode? node) => node is null || node is JsonObject { Count: 0 } || node is JsonArray { Count: 0 };

    private static bool ScalarsEqual(JsonNode? desired, JsonNode? live, string path)
    {
        if (desired is null || live is null) return desired is null && live is null;
        var d = (JsonValue)desired;
        var l = (JsonValue)live;
        if (d.GetValueKind() == JsonValueKind.Number && l.GetValueKind() == JsonValueKind.Number)
            return Number(d) == Number(l);
        if (JsonNode.DeepEquals(d, l)) return true;
        if (IsQuantityPath(path) && Quantity.TryParse(Text(d), out var a) && Quantity.TryParse(Text(l), out var b))
            return a == b;
        return false;
    }

    /// <summary>Resource amounts: container requests and limits, quotas, volume claims.</summary>
    private static bool IsQuantityPath(string path) =>
        path.Contains("/resources/", StringComparison.Ordinal) || path.Contains("/hard/", StringComparison.Ordinal) ||
        path.Contains("/capacity/", StringComparison.Ordinal) || path.EndsWith("/sizeLimit", StringComparison.Ordinal);

    private static decimal Number(JsonValue value) =>
        decimal.Parse(value.ToJsonString(), NumberStyles.Float, CultureInfo.InvariantCulture);

    private static string Text(JsonValue value) =>
        value.GetValueKind() == JsonValueKind.String ? value.GetValue<string>() : value.ToJsonString();

    private static string Escape(string key) => key.Replace("~", "~0", StringComparison.Ordinal).Replace("/", "~1", StringComparison.Ordinal);
}

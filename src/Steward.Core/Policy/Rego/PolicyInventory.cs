using Steward.Core.Governance;
using Steward.Core.Governance.Yaml;
using Steward.Core.Policy.Gatekeeper;
using Steward.Rego.Json;
using Steward.Rego.Values;
using YamlDotNet.RepresentationModel;

namespace Steward.Core.Policy.Rego;

/// <summary>
/// data.steward.inventory as Rego values: the objects of <see cref="GatekeeperInventory.Build"/>'s
/// layout (cluster[apiVersion][kind][name], namespace[ns][apiVersion][kind][name]), keyed as it keys
/// them, each object the value it is evaluated as (shared, not copied). A later object of the same
/// identity replaces an earlier one.
/// </summary>
internal static class PolicyInventory
{
    public static RegoValue Build(IReadOnlyList<RepositoryObject> objects, IReadOnlyList<RegoValue> values)
    {
        var cluster = new Level();
        var namespaced = new Level();
        for (var i = 0; i < objects.Count; i++)
        {
            var reader = objects[i].Reader;
            var metadata = reader.Get("metadata") as YamlMappingNode;
            var ns = Key(metadata is null ? null : Get(metadata, "namespace"));
            var parent = ns == "" ? cluster : namespaced.Sub(ns);
            parent.Sub(Key(reader.Get("apiVersion"))).Sub(Key(reader.Get("kind"))).Leaves[Key(metadata is null ? null : Get(metadata, "name"))] = values[i];
        }
        var builder = new RegoTreeBuilder();
        return builder.Object([new("cluster", cluster.ToRego(builder)), new("namespace", namespaced.ToRego(builder))]);
    }

    private static YamlNode? Get(YamlMappingNode map, string key) =>
        map.Children.TryGetValue(new YamlScalarNode(key), out var value) ? value : null;

    /// <summary>The key Gatekeeper's layout files a field under: its JSON value's text (<see cref="ConstraintMatch.Str"/>); "" for none or a collection.</summary>
    private static string Key(YamlNode? node) => node is YamlScalarNode scalar ? ConstraintMatch.Str(YamlScalars.ToJson(scalar)) : "";

    /// <summary>One level of the layout: deeper levels by key, or (at the last) the objects by name.</summary>
    private sealed class Level
    {
        private readonly Dictionary<string, Level> _children = new(StringComparer.Ordinal);

        public Dictionary<string, RegoValue> Leaves { get; } = new(StringComparer.Ordinal);

        public Level Sub(string key)
        {
            if (!_children.TryGetValue(key, out var level)) _children[key] = level = new Level();
            return level;
        }

        public RegoValue ToRego(RegoTreeBuilder builder)
        {
            var entries = new List<KeyValuePair<string, RegoValue>>(_children.Count + Leaves.Count);
            foreach (var (key, child) in _children) entries.Add(new(key, child.ToRego(builder)));
            foreach (var (key, value) in Leaves) entries.Add(new(key, value));
            return builder.Object(System.Runtime.InteropServices.CollectionsMarshal.AsSpan(entries));
        }
    }
}

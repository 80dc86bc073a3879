using System.Text.Json;

namespace Steward.Core.SupplyChain.Sbom;

/// <summary>CycloneDX JSON: components, recursively through nested components.</summary>
internal static class CycloneDxReader
{
    private static readonly string[] Supported = ["1.4", "1.5", "1.6"];

    public static SbomDocument Read(JsonElement root, JsonAccess json)
    {
        var spec = json.String(root, "specVersion", "$")
            ?? throw json.Error("$.specVersion", "missing");
        if (!Supported.Contains(spec))
            throw json.Error("$.specVersion", $"CycloneDX {spec} is not supported (supported: {string.Join(", ", Supported)}).");

        var components = new List<SbomComponent>();
        // The BOM's subject (metadata.component) is a component too: an ML-BOM often describes
        // the model there, and its license and purl matter as much as its dependencies'.
        if (root.TryGetProperty("metadata", out var metadata) && metadata.ValueKind == JsonValueKind.Object
            && metadata.TryGetProperty("component", out var subject) && subject.ValueKind != JsonValueKind.Null)
            Add(subject, "$.metadata.component", json, components);
        Collect(root, "$", json, components);
        var unique = components.DistinctBy(c => c.Ref is null ? (object)c : c.Ref);
        return new SbomDocument("CycloneDX " + spec, SbomReader.Sorted(unique));
    }

    private static void Collect(JsonElement parent, string path, JsonAccess json, List<SbomComponent> into)
    {
        foreach (var (element, itemPath) in json.Array(parent, "components", path))
            Add(element, itemPath, json, into);
    }

    private static void Add(JsonElement element, string itemPath, JsonAccess json, List<SbomComponent> into)
    {
        var c = json.Object(element, itemPath);
        var name = json.String(c, "name", itemPath) ?? throw json.Error(itemPath + ".name", "missing");
        into.Add(new SbomComponent(
            name,
            json.String(c, "group", itemPath),
            json.String(c, "version", itemPath),
            json.String(c, "purl", itemPath),
            json.String(c, "type", itemPath),
            Licenses(c, itemPath, json),
            Hashes(c, itemPath, json),
            json.String(c, "bom-ref", itemPath)));
        Collect(c, itemPath, json, into);
    }

    /// <summary>licenses[]: {license: {id | name}} or {expression}.</summary>
    private static List<string> Licenses(JsonElement component, string path, JsonAccess json)
    {
        var licenses = new List<string>();
        foreach (var (element, itemPath) in json.Array(component, "licenses", path))
        {
            var choice = json.Object(element, itemPath);
            if (json.String(choice, "expression", itemPath) is { } expression)
                licenses.Add(expression);
            else if (choice.TryGetProperty("license", out var license))
            {
                var l = json.Object(license, itemPath + ".license");
                if ((json.String(l, "id", itemPath + ".license") ?? json.String(l, "name", itemPath + ".license")) is { } id)
                    licenses.Add(id);
            }
        }
        return licenses.Distinct().Order(StringComparer.Ordinal).ToList();
    }

    private static SortedDictionary<string, string> Hashes(JsonElement component, string path, JsonAccess json)
    {
        var hashes = new SortedDictionary<string, string>(StringComparer.Ordinal);
        foreach (var (element, itemPath) in json.Array(component, "hashes", path))
        {
            var h = json.Object(element, itemPath);
            var alg = json.String(h, "alg", itemPath) ?? throw json.Error(itemPath + ".alg", "missing");
            var content = json.String(h, "content", itemPath) ?? throw json.Error(itemPath + ".content", "missing");
            hashes[HashAlgorithms.Normalise(alg)] = content.ToLowerInvariant();
        }
        return hashes;
    }
}

using System.Text.Json;

namespace Steward.Core.SupplyChain.Sbom;

/// <summary>
/// SPDX 3.0 JSON-LD: the @graph's software_Package elements (and their subclasses ai_AIPackage and
/// dataset_DatasetPackage); licenses come from hasConcludedLicense / hasDeclaredLicense
/// relationships to simplelicensing_LicenseExpression elements; purls from software_packageUrl or
/// an externalIdentifier of type packageUrl; hashes from verifiedUsing.
/// </summary>
internal static class Spdx3Reader
{
    private static readonly HashSet<string> PackageTypes = new(StringComparer.Ordinal)
    {
        "software_Package", "ai_AIPackage", "dataset_DatasetPackage",
    };

    public static SbomDocument Read(JsonElement root, JsonAccess json)
    {
        var elements = json.Array(root, "@graph", "$").ToList();
        if (elements.Count == 0) throw json.Error("$.@graph", "missing or empty: not an SPDX 3.0 JSON-LD document");

        var licenseTexts = new Dictionary<string, string>(StringComparer.Ordinal);
        var licenseOf = new Dictionary<string, List<string>>(StringComparer.Ordinal);
        foreach (var (element, path) in elements)
        {
            var e = json.Object(element, path);
            var type = json.String(e, "type", path);
            if (type is "simplelicensing_LicenseExpression" && json.String(e, "spdxId", path) is { } id
                && json.String(e, "simplelicensing_licenseExpression", path) is { } text)
                licenseTexts[id] = text;
            if (type is "Relationship" && json.String(e, "relationshipType", path) is "hasConcludedLicense" or "hasDeclaredLicense"
                && json.String(e, "from", path) is { } from)
            {
                if (!licenseOf.TryGetValue(from, out var list)) licenseOf[from] = list = [];
                list.AddRange(json.Array(e, "to", path).Select(t => t.Element.ValueKind == JsonValueKind.String ? t.Element.GetString()! : ""));
            }
        }

        var components = new List<SbomComponent>();
        foreach (var (element, path) in elements)
        {
            var e = element;
            var type = json.String(e, "type", path);
            if (type is null || !PackageTypes.Contains(type)) continue;
            var name = json.String(e, "name", path) ?? throw json.Error(path + ".name", "missing");
            var id = json.String(e, "spdxId", path);

            var purl = json.String(e, "software_packageUrl", path);
            foreach (var (identifier, idPath) in json.Array(e, "externalIdentifier", path))
            {
                if (purl is not null) break;
                if (json.String(json.Object(identifier, idPath), "externalIdentifierType", idPath) == "packageUrl")
                    purl = json.String(identifier, "identifier", idPath);
            }

            var hashes = new SortedDictionary<string, string>(StringComparer.Ordinal);
            foreach (var (hash, hashPath) in json.Array(e, "verifiedUsing", path))
            {
                var h = json.Object(hash, hashPath);
                if (json.String(h, "type", hashPath) != "Hash") continue;
                var alg = json.String(h, "algorithm", hashPath) ?? throw json.Error(hashPath + ".algorithm", "missing");
                var value = json.String(h, "hashValue", hashPath) ?? throw json.Error(hashPath + ".hashValue", "missing");
                hashes[HashAlgorithms.Normalise(alg)] = value.ToLowerInvariant();
            }

            var licenses = (id is not null && licenseOf.TryGetValue(id, out var refs) ? refs : [])
                .Select(r => licenseTexts.GetValueOrDefault(r) ?? LicenseFromId(r))
                .Where(l => l is not null and not "NoAssertion" and not "NOASSERTION")
                .Select(l => l!)
                .Distinct()
                .Order(StringComparer.Ordinal)
                .ToList();

            components.Add(new SbomComponent(name, null, json.String(e, "software_packageVersion", path), purl,
                type, licenses, hashes, id));
        }
        return new SbomDocument("SPDX 3.0", SbomReader.Sorted(components));
    }

    /// <summary>Licenses may also be referenced by their list IRI (https://spdx.org/licenses/MIT).</summary>
    private static string? LicenseFromId(string id)
    {
        const string prefix = "https://spdx.org/licenses/";
        return id.StartsWith(prefix, StringComparison.Ordinal) ? id[prefix.Length..] : null;
    }
}

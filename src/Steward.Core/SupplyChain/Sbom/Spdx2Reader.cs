using System.Text.Json;

namespace Steward.Core.SupplyChain.Sbom;

/// <summary>
/// SPDX 2.2/2.3 JSON: packages[] with versionInfo, externalRefs (purl), licenseConcluded /
/// licenseDeclared (NOASSERTION and NONE are not licenses) and checksums.
/// </summary>
internal static class Spdx2Reader
{
    public static SbomDocument Read(JsonElement root, string spdxVersion, JsonAccess json)
    {
        if (spdxVersion is not ("SPDX-2.2" or "SPDX-2.3"))
            throw json.Error("$.spdxVersion", $"{spdxVersion} is not supported (supported: SPDX-2.2, SPDX-2.3, SPDX 3.0 JSON-LD).");

        var components = new List<SbomComponent>();
        foreach (var (element, path) in json.Array(root, "packages", "$"))
        {
            var p = json.Object(element, path);
            var name = json.String(p, "name", path) ?? throw json.Error(path + ".name", "missing");

            string? purl = null;
            foreach (var (refElement, refPath) in json.Array(p, "externalRefs", path))
            {
                var r = json.Object(refElement, refPath);
                if (json.String(r, "referenceType", refPath) == "purl")
                {
                    purl = json.String(r, "referenceLocator", refPath);
                    break;
                }
            }

            var licenses = new[] { json.String(p, "licenseConcluded", path), json.String(p, "licenseDeclared", path) }
                .Where(l => l is not null and not "NOASSERTION" and not "NONE")
                .Select(l => l!)
                .Distinct()
                .Order(StringComparer.Ordinal)
                .ToList();

            var hashes = new SortedDictionary<string, string>(StringComparer.Ordinal);
            foreach (var (sumElement, sumPath) in json.Array(p, "checksums", path))
            {
                var s = json.Object(sumElement, sumPath);
                var alg = json.String(s, "algorithm", sumPath) ?? throw json.Error(sumPath + ".algorithm", "missing");
                var value = json.String(s, "checksumValue", sumPath) ?? throw json.Error(sumPath + ".checksumValue", "missing");
                hashes[HashAlgorithms.Normalise(alg)] = value.ToLowerInvariant();
            }

            components.Add(new SbomComponent(name, null, json.String(p, "versionInfo", path), purl,
                json.String(p, "primaryPackagePurpose", path)?.ToLowerInvariant() ?? "package", licenses, hashes, json.String(p, "SPDXID", path)));
        }
        return new SbomDocument(spdxVersion.Replace('-', ' '), SbomReader.Sorted(components));
    }
}

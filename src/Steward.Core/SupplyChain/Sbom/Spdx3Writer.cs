using System.Globalization;
using System.Text;
using System.Text.Json;

namespace Steward.Core.SupplyChain.Sbom;

/// <summary>
/// Writes an SPDX 3.0.1 JSON-LD document (https://spdx.github.io/spdx-spec/v3.0.1/) with the Core,
/// Software, AI and Dataset profiles for one model version: the model as an ai_AIPackage (version,
/// download location, SHA-256, supplier, metrics as ai_metric), each dataset as a
/// dataset_DatasetPackage, the license as a simplelicensing_LicenseExpression, and Relationships
/// hasDeclaredLicense, trainedOn (model → datasets) and descendantOf (model → base model).
/// Element ids are urn:steward: IRIs derived from names, so the output is deterministic; the
/// creation time is the Unix epoch unless a timestamp is given.
/// </summary>
public static class Spdx3Writer
{
    public const string Context = "https://spdx.org/rdf/3.0.1/spdx-context.jsonld";

    public static string Write(ModelBomInput model)
    {
        if (model.ArtifactSha256 is { } sha && (sha.Length != 64 || !sha.All(char.IsAsciiHexDigit)))
            throw new StewardInputException($"model {model.Name}@{model.Version}: artifact sha256 '{sha}' is not 64 hexadecimal digits.");
        var datasets = model.Datasets.DistinctBy(CycloneDxWriter.DatasetRef).OrderBy(CycloneDxWriter.DatasetRef, StringComparer.Ordinal).ToList();
        var prefix = $"urn:steward:{Escape(model.Name)}@{Escape(model.Version)}:";
        var modelId = prefix + "model";
        var created = (model.Timestamp ?? DateTimeOffset.UnixEpoch).ToUniversalTime().ToString("yyyy-MM-dd'T'HH:mm:ss'Z'", CultureInfo.InvariantCulture);

        return Reporting.JsonValues.Document(w =>
        {
            var ids = new List<string>();
            w.WriteStartObject();
            w.WriteString("@context", Context);
            w.WriteStartArray("@graph");

            w.WriteStartObject();
            w.WriteString("type", "CreationInfo");
            w.WriteString("@id", "_:creationinfo");
            w.WriteString("specVersion", "3.0.1");
            w.WriteString("created", created);
            w.WriteStartArray("createdBy");
            w.WriteStringValue(prefix + "tool");
            w.WriteEndArray();
            w.WriteEndObject();

            Element(w, "Tool", prefix + "tool", ids);
            w.WriteString("name", "steward");
            w.WriteEndObject();

            string? supplier = null;
            if (model.Owner is { } owner)
            {
                supplier = prefix + "owner";
                Element(w, "Organization", supplier, ids);
                w.WriteString("name", owner);
                w.WriteEndObject();
            }

            Element(w, "ai_AIPackage", modelId, ids);
            w.WriteString("name", model.Name);
            w.WriteString("software_packageVersion", model.Version);
            w.WriteString("software_primaryPurpose", "model");
            w.WriteString("software_downloadLocation", model.ArtifactUri ?? "NOASSERTION");
            if (supplier is not null) w.WriteString("suppliedBy", supplier);
            if (model.Description is { } description) w.WriteString("description", description);
            if (model.ArtifactSha256 is { } digest) Hash(w, digest);
            if (model.Metrics.Count > 0)
            {
                w.WriteStartArray("ai_metric");
                foreach (var m in model.Metrics.OrderBy(m => m.Type, StringComparer.Ordinal).ThenBy(m => m.Slice, StringComparer.Ordinal))
                {
                    w.WriteStartObject();
                    w.WriteString("type", "DictionaryEntry");
                    w.WriteString("key", m.Slice is null ? m.Type : m.Type + "/" + m.Slice);
                    w.WriteString("value", m.Value.ToString(CultureInfo.InvariantCulture));
                    w.WriteEndObject();
                }
                w.WriteEndArray();
            }
            w.WriteEndObject();

            var datasetIds = new List<string>();
            foreach (var d in datasets)
            {
                var id = prefix + "dataset:" + Escape(d.Name) + (d.Version is null ? "" : "@" + Escape(d.Version));
                datasetIds.Add(id);
                Element(w, "dataset_DatasetPackage", id, ids);
                w.WriteString("name", d.Name);
                if (d.Version is { } version) w.WriteString("software_packageVersion", version);
                w.WriteString("software_primaryPurpose", "data");
                w.WriteString("software_downloadLocation", d.Url ?? "NOASSERTION");
                w.WriteStartArray("dataset_datasetType");
                w.WriteStringValue("other");
                w.WriteEndArray();
                if (d.Sha256 is { Length: 64 } sha256 && sha256.All(char.IsAsciiHexDigit)) Hash(w, sha256);
                w.WriteEndObject();
            }

            if (model.License is { } license)
            {
                var licenseId = prefix + "license";
                Element(w, "simplelicensing_LicenseExpression", licenseId, ids);
                w.WriteString("simplelicensing_licenseExpression", license);
                w.WriteEndObject();
                Relationship(w, prefix + "rel:license", modelId, "hasDeclaredLicense", [licenseId], ids);
            }
            if (datasetIds.Count > 0)
                Relationship(w, prefix + "rel:trainedOn", modelId, "trainedOn", datasetIds, ids);
            if (model.BaseModel is { } baseModel)
            {
                var baseId = prefix + "base:" + Escape(baseModel);
                Element(w, "ai_AIPackage", baseId, ids);
                w.WriteString("name", baseModel);
                w.WriteString("software_primaryPurpose", "model");
                w.WriteString("software_downloadLocation", "NOASSERTION");
                w.WriteEndObject();
                Relationship(w, prefix + "rel:descendantOf", modelId, "descendantOf", [baseId], ids);
            }

            Element(w, "SpdxDocument", prefix + "document", null);
            w.WriteString("name", $"{model.Name}@{model.Version}");
            w.WriteStartArray("profileConformance");
            foreach (var profile in new[] { "core", "software", "ai", "dataset", "simpleLicensing" }) w.WriteStringValue(profile);
            w.WriteEndArray();
            w.WriteStartArray("rootElement");
            w.WriteStringValue(modelId);
            w.WriteEndArray();
            w.WriteStartArray("element");
            foreach (var id in ids) w.WriteStringValue(id);
            w.WriteEndArray();
            w.WriteEndObject();

            w.WriteEndArray();
            w.WriteEndObject();
        }) + "\n";
    }

    private static void Element(Utf8JsonWriter w, string type, string id, List<string>? ids)
    {
        ids?.Add(id);
        w.WriteStartObject();
        w.WriteString("type", type);
        w.WriteString("spdxId", id);
        w.WriteString("creationInfo", "_:creationinfo");
    }

    private static void Hash(Utf8JsonWriter w, string sha256)
    {
        w.WriteStartArray("verifiedUsing");
        w.WriteStartObject();
        w.WriteString("type", "Hash");
        w.WriteString("algorithm", "sha256");
        w.WriteString("hashValue", sha256.ToLowerInvariant());
        w.WriteEndObject();
        w.WriteEndArray();
    }

    private static void Relationship(Utf8JsonWriter w, string id, string from, string type, IReadOnlyList<string> to, List<string> ids)
    {
        Element(w, "Relationship", id, ids);
        w.WriteString("from", from);
        w.WriteString("relationshipType", type);
        w.WriteStartArray("to");
        foreach (var t in to) w.WriteStringValue(t);
        w.WriteEndArray();
        w.WriteEndObject();
    }

    /// <summary>Percent-encodes what may not stand in an IRI segment.</summary>
    private static string Escape(string text) => Uri.EscapeDataString(text);
}

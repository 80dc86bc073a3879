using System.Globalization;
using System.Text;
using System.Text.Json;

namespace Steward.Core.SupplyChain.Sbom;

/// <summary>
/// Writes a CycloneDX 1.6 ML-BOM (https://cyclonedx.org/docs/1.6/json/) for one model version:
/// the model as a machine-learning-model component with license, manufacturer, SHA-256 hash,
/// distribution reference, base model (pedigree ancestor) and model card (datasets, performance
/// metrics), and each dataset as a data component the model card refers to. The output is
/// deterministic: fixed key order, sorted datasets and metrics, no timestamp unless asked.
/// </summary>
public static class CycloneDxWriter
{
    /// <exception cref="StewardInputException">The artifact digest is not 64 hex digits (it would make an invalid BOM).</exception>
    public static string Write(ModelBomInput model)
    {
        if (model.ArtifactSha256 is { } sha && (sha.Length != 64 || !sha.All(char.IsAsciiHexDigit)))
            throw new StewardInputException($"model {model.Name}@{model.Version}: artifact sha256 '{sha}' is not 64 hexadecimal digits.");
        return Reporting.JsonValues.Document(w => Write(w, model)) + "\n";
    }

    public static string ModelRef(ModelBomInput model) => $"model:{model.Name}@{model.Version}";

    public static string DatasetRef(DatasetReference d) => "dataset:" + d.Name + (d.Version is null ? "" : "@" + d.Version);

    private static void Write(Utf8JsonWriter w, ModelBomInput model)
    {
        var datasets = model.Datasets
            .DistinctBy(DatasetRef)
            .OrderBy(DatasetRef, StringComparer.Ordinal)
            .ToList();

        w.WriteStartObject();
        w.WriteString("$schema", "http://cyclonedx.org/schema/bom-1.6.schema.json");
        w.WriteString("bomFormat", "CycloneDX");
        w.WriteString("specVersion", "1.6");
        w.WriteNumber("version", 1);

        w.WriteStartObject("metadata");
        if (model.Timestamp is { } timestamp)
            w.WriteString("timestamp", timestamp.ToUniversalTime().ToString("yyyy-MM-dd'T'HH:mm:ss'Z'", CultureInfo.InvariantCulture));
        w.WriteStartObject("tools");
        w.WriteStartArray("components");
        w.WriteStartObject();
        w.WriteString("type", "application");
        w.WriteString("name", "steward");
        w.WriteEndObject();
        w.WriteEndArray();
        w.WriteEndObject();
        w.WriteEndObject();

        w.WriteStartArray("components");
        WriteModel(w, model, datasets);
        foreach (var d in datasets) WriteDataset(w, d);
        w.WriteEndArray();
        w.WriteEndObject();
    }

    private static void WriteModel(Utf8JsonWriter w, ModelBomInput model, List<DatasetReference> datasets)
    {
        w.WriteStartObject();
        w.WriteString("bom-ref", ModelRef(model));
        w.WriteString("type", "machine-learning-model");
        if (model.Owner is { } owner)
        {
            w.WriteStartObject("manufacturer");
            w.WriteString("name", owner);
            w.WriteEndObject();
        }
        w.WriteString("name", model.Name);
        w.WriteString("version", model.Version);
        if (model.Description is { } description) w.WriteString("description", description);

        if (model.ArtifactSha256 is { } sha)
        {
            w.WriteStartArray("hashes");
            w.WriteStartObject();
            w.WriteString("alg", "SHA-256");
            w.WriteString("content", sha.ToLowerInvariant());
            w.WriteEndObject();
            w.WriteEndArray();
        }

        if (model.License is { } license)
        {
            // The expression form accepts a single id as well as compound expressions.
            w.WriteStartArray("licenses");
            w.WriteStartObject();
            w.WriteString("expression", license);
            w.WriteEndObject();
            w.WriteEndArray();
        }

        if (model.ArtifactUri is { } uri)
        {
            w.WriteStartArray("externalReferences");
            w.WriteStartObject();
            w.WriteString("type", "distribution");
            w.WriteString("url", uri);
            w.WriteEndObject();
            w.WriteEndArray();
        }

        if (model.BaseModel is { } baseModel)
        {
            var at = baseModel.LastIndexOf('@');
            w.WriteStartObject("pedigree");
            w.WriteStartArray("ancestors");
            w.WriteStartObject();
            w.WriteString("type", "machine-learning-model");
            w.WriteString("name", at > 0 ? baseModel[..at] : baseModel);
            if (at > 0) w.WriteString("version", baseModel[(at + 1)..]);
            w.WriteEndObject();
            w.WriteEndArray();
            w.WriteEndObject();
        }

        w.WriteStartObject("modelCard");
        if (datasets.Count > 0)
        {
            w.WriteStartObject("modelParameters");
            w.WriteStartArray("datasets");
            foreach (var d in datasets)
            {
                w.WriteStartObject();
                w.WriteString("ref", DatasetRef(d));
                w.WriteEndObject();
            }
            w.WriteEndArray();
            w.WriteEndObject();
        }
        if (model.Metrics.Count > 0)
        {
            w.WriteStartObject("quantitativeAnalysis");
            w.WriteStartArray("performanceMetrics");
            foreach (var m in model.Metrics.OrderBy(m => m.Type, StringComparer.Ordinal).ThenBy(m => m.Slice ?? "", StringComparer.Ordinal))
            {
                w.WriteStartObject();
                w.WriteString("type", m.Type);
                // CycloneDX metric values are strings; "R" keeps the double exactly.
                w.WriteString("value", m.Value.ToString("R", CultureInfo.InvariantCulture));
                if (m.Slice is { } slice) w.WriteString("slice", slice);
                w.WriteEndObject();
            }
            w.WriteEndArray();
            w.WriteEndObject();
        }
        w.WriteEndObject();
        w.WriteEndObject();
    }

    private static void WriteDataset(Utf8JsonWriter w, DatasetReference d)
    {
        w.WriteStartObject();
        w.WriteString("bom-ref", DatasetRef(d));
        w.WriteString("type", "data");
        w.WriteString("name", d.Name);
        if (d.Version is { } version) w.WriteString("version", version);
        if (d.Sha256 is { Length: 64 } sha && sha.All(char.IsAsciiHexDigit))
        {
            w.WriteStartArray("hashes");
            w.WriteStartObject();
            w.WriteString("alg", "SHA-256");
            w.WriteString("content", sha.ToLowerInvariant());
            w.WriteEndObject();
            w.WriteEndArray();
        }
        w.WriteStartArray("data");
        w.WriteStartObject();
        w.WriteString("type", "dataset");
        w.WriteString("name", d.Name);
        if (d.Url is { } url)
        {
            w.WriteStartObject("contents");
            w.WriteString("url", url);
            w.WriteEndObject();
        }
        w.WriteEndObject();
        w.WriteEndArray();
        w.WriteEndObject();
    }
}

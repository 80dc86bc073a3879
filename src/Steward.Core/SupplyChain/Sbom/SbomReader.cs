using System.Text.Json;

namespace Steward.Core.SupplyChain.Sbom;

/// <summary>
/// Reads CycloneDX (JSON, spec 1.4–1.6) and SPDX (JSON 2.2/2.3, JSON-LD 3.0) into one component
/// list. The format is recognised from the document itself, not from the file name.
/// </summary>
public static class SbomReader
{
    /// <exception cref="StewardInputException">The file is not a supported SBOM; the message names it and the field.</exception>
    public static SbomDocument Read(string file)
    {
        if (!File.Exists(file)) throw new StewardInputException($"{file}: file not found.");
        var limits = ParseLimits.Default;
        var bytes = JsonInput.ReadFile(file, limits);
        // A name or version with a replaced byte would match the wrong advisory: not UTF-8 is an error.
        JsonInput.CheckUtf8(bytes, file);
        JsonDocument doc;
        try
        {
            using var stream = new MemoryStream(bytes, writable: false);
            doc = JsonDocument.Parse(stream, JsonInput.Options(limits) with { AllowTrailingCommas = true });
        }
        catch (JsonException ex)
        {
            throw new StewardInputException($"{file} (line {(ex.LineNumber ?? 0) + 1}): not valid JSON: {JsonInput.Reason(ex, limits)}", ex);
        }

        using (doc)
        {
            var root = doc.RootElement;
            var json = new JsonAccess(file);
            if (root.ValueKind != JsonValueKind.Object)
                throw new StewardInputException($"{file}: an SBOM must be a JSON object.");
            if (json.String(root, "bomFormat", "$") == "CycloneDX")
                return CycloneDxReader.Read(root, json);
            if (json.String(root, "spdxVersion", "$") is { } spdxVersion)
                return Spdx2Reader.Read(root, spdxVersion, json);
            if (root.TryGetProperty("@graph", out _) || root.TryGetProperty("@context", out _))
                return Spdx3Reader.Read(root, json);
            throw new StewardInputException($"{file}: not a CycloneDX or SPDX JSON document (no bomFormat, spdxVersion or @graph).");
        }
    }

    internal static IReadOnlyList<SbomComponent> Sorted(IEnumerable<SbomComponent> components) => components
        .OrderBy(c => c.Name, StringComparer.Ordinal)
        .ThenBy(c => c.Group ?? "", StringComparer.Ordinal)
        .ThenBy(c => c.Version ?? "", StringComparer.Ordinal)
        .ThenBy(c => c.Purl ?? "", StringComparer.Ordinal)
        .ThenBy(c => c.Ref ?? "", StringComparer.Ordinal)
        .ToList();
}

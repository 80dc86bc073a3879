using System.Text.Json;

namespace Steward.Core.FinOps.DropFolder;

/// <summary>
/// The <c>manifest.json</c> of Azure Cost Management exports (the "improved exports", FOCUS or
/// cost-and-usage details), written last into each run's folder
/// <c>&lt;root&gt;/&lt;export-name&gt;/&lt;YYYYMMDD-YYYYMMDD&gt;/&lt;run-id&gt;/</c> next to the run's
/// <c>part_*.csv.gz</c> or <c>.parquet</c> files. Read: <c>blobs[].blobName</c> and
/// <c>blobs[].byteCount</c> (a part whose local size equals its byteCount is complete at once),
/// <c>blobCount</c> (checked against the list), <c>exportConfig.resourceId</c> or
/// <c>exportConfig.exportName</c>, and <c>runInfo</c>'s <c>runId</c>, <c>submittedTime</c> (the later
/// run of a period restates it) and <c>startDate</c>/<c>endDate</c> (the period).
/// </summary>
public static class AzureExportManifest
{
    public static ExportManifest Read(byte[] bytes, string relativePath)
    {
        using var document = ManifestJson.Parse(bytes, relativePath);
        var root = document.RootElement;
        var blobs = ManifestJson.Array(root, "blobs", relativePath, "not an Azure Cost Management export manifest (it lists its files in blobs)");
        var files = new List<ManifestEntry>();
        var index = 0;
        foreach (var blob in blobs.EnumerateArray())
        {
            var blobName = blob.ValueKind == JsonValueKind.Object ? ManifestJson.String(blob, "blobName", relativePath) : null;
            if (string.IsNullOrWhiteSpace(blobName))
                throw new StewardInputException($"{relativePath}: field blobs[{index}].blobName: missing");
            files.Add(new ManifestEntry(blobName, ManifestJson.Long(blob, "byteCount", relativePath)));
            index++;
        }
        if (ManifestJson.Long(root, "blobCount", relativePath) is { } count && count != files.Count)
            throw new StewardInputException($"{relativePath}: field blobCount: {count}, but blobs lists {files.Count} files");

        var config = ManifestJson.Object(root, "exportConfig", relativePath);
        var exportName = config is { } c ? ManifestJson.String(c, "exportName", relativePath) : null;
        var export = (config is { } d ? ManifestJson.String(d, "resourceId", relativePath) : null) ?? exportName ?? FolderExport(relativePath);
        var name = exportName ?? export.TrimEnd('/').Split('/')[^1];
        string? runId = null;
        DateTime? start = null, end = null, submitted = null;
        if (ManifestJson.Object(root, "runInfo", relativePath) is { } run)
        {
            runId = ManifestJson.String(run, "runId", relativePath);
            submitted = ManifestJson.Time(ManifestJson.String(run, "submittedTime", relativePath), "runInfo.submittedTime", relativePath);
            start = ManifestJson.Time(ManifestJson.String(run, "startDate", relativePath), "runInfo.startDate", relativePath);
            end = ManifestJson.Time(ManifestJson.String(run, "endDate", relativePath), "runInfo.endDate", relativePath);
        }
        return new ExportManifest(relativePath, "Microsoft", export, name, runId, start, end, submitted, files);
    }

    /// <summary>Without exportConfig: the export's folder (three levels above manifest.json: export/dates/run/manifest.json).</summary>
    private static string FolderExport(string relativePath)
    {
        var parts = relativePath.Split('/');
        return parts.Length >= 4 ? string.Join('/', parts[..^3]) : relativePath;
    }
}

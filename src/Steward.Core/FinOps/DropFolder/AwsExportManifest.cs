using System.Globalization;
using System.Text.Json;
using System.Text.RegularExpressions;

namespace Steward.Core.FinOps.DropFolder;

/// <summary>
/// The <c>&lt;export-name&gt;-Manifest.json</c> of AWS Data Exports (CUR 2.0 and FOCUS 1.0 exports),
/// written to <c>&lt;prefix&gt;/&lt;export-name&gt;/metadata/BILLING_PERIOD=YYYY-MM/</c> at each refresh;
/// the data goes to <c>&lt;prefix&gt;/&lt;export-name&gt;/data/BILLING_PERIOD=YYYY-MM/</c>. Read:
/// <c>dataFiles</c> (the S3 URIs of the run's files), <c>executionId</c>, <c>exportArn</c> or
/// <c>exportName</c>, and the billing period from <c>billingPeriod.start</c>/<c>end</c> when present,
/// else from the <c>BILLING_PERIOD=YYYY-MM</c> partition of the manifest's or the files' paths. The
/// legacy CUR manifest (<c>reportKeys</c>, <c>assemblyId</c>, <c>reportName</c>,
/// <c>billingPeriod</c> as 20240901T000000.000Z) is read alike. AWS lists no file sizes: its files
/// are complete once their size stopped changing.
/// </summary>
public static partial class AwsExportManifest
{
    public static ExportManifest Read(byte[] bytes, string relativePath)
    {
        using var document = ManifestJson.Parse(bytes, relativePath);
        var root = document.RootElement;
        var legacy = !root.TryGetProperty("dataFiles", out _) && root.TryGetProperty("reportKeys", out _);
        var field = legacy ? "reportKeys" : "dataFiles";
        var list = ManifestJson.Array(root, field, relativePath, "not an AWS Data Exports manifest (it lists its files in dataFiles)");
        var files = new List<ManifestEntry>();
        var index = 0;
        foreach (var item in list.EnumerateArray())
        {
            if (item.ValueKind != JsonValueKind.String || string.IsNullOrWhiteSpace(item.GetString()))
                throw new StewardInputException($"{relativePath}: field {field}[{index}]: expected an S3 URI or key");
            files.Add(new ManifestEntry(item.GetString()!, null));
            index++;
        }

        // The file is named <export-name>-Manifest.json: the name even when the manifest only gives the ARN.
        var fileName = Path.GetFileName(relativePath);
        var name = ManifestJson.String(root, "exportName", relativePath)
            ?? ManifestJson.String(root, "reportName", relativePath)
            ?? fileName[..^"-Manifest.json".Length];
        var export = ManifestJson.String(root, "exportArn", relativePath) ?? name;
        var runId = ManifestJson.String(root, "executionId", relativePath) ?? ManifestJson.String(root, "assemblyId", relativePath);

        DateTime? start = null, end = null;
        if (ManifestJson.Object(root, "billingPeriod", relativePath) is { } period)
        {
            start = ManifestJson.Time(ManifestJson.String(period, "start", relativePath), "billingPeriod.start", relativePath);
            end = ManifestJson.Time(ManifestJson.String(period, "end", relativePath), "billingPeriod.end", relativePath);
        }
        if (start is null && PartitionMonth(relativePath, files) is { } month)
        {
            start = month;
            end = month.AddMonths(1);
        }
        return new ExportManifest(relativePath, "AWS", export, name, runId, start, end, RunAtUtc: null, files);
    }

    /// <summary>The month of the first <c>BILLING_PERIOD=YYYY-MM</c> partition in the manifest's path, else in its files' paths.</summary>
    private static DateTime? PartitionMonth(string manifestPath, IEnumerable<ManifestEntry> files)
    {
        foreach (var path in files.Select(f => f.Location).Prepend(manifestPath))
        {
            var match = BillingPeriodPartition().Match(path);
            if (match.Success && DateTime.TryParseExact(match.Groups[1].Value, "yyyy-MM", CultureInfo.InvariantCulture,
                    DateTimeStyles.AdjustToUniversal | DateTimeStyles.AssumeUniversal, out var month))
                return month;
        }
        return null;
    }

    [GeneratedRegex(@"BILLING_PERIOD=(\d{4}-\d{2})(?:/|$)")]
    private static partial Regex BillingPeriodPartition();
}

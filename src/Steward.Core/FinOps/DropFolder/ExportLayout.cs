using System.Text.RegularExpressions;

namespace Steward.Core.FinOps.DropFolder;

/// <summary>
/// Recognises a folder of an AWS or Azure export whose manifest is synced too but has not arrived yet.
/// Sync tools copy in key order, so AWS's <c>data/</c> lands before <c>metadata/</c>, and Azure writes
/// a run's <c>manifest.json</c> after its parts: imported without the manifest, such a folder could
/// include a stale part the manifest leaves out. The folder waits when the same export shows that
/// its manifests are synced (an AWS <c>metadata/</c> folder with a manifest, or another Azure run of
/// the export with one); a folder synced without any manifest is imported as it is.
/// </summary>
internal static partial class ExportLayout
{
    /// <returns>Why the folder waits, or null when it is imported without a manifest.</returns>
    public static string? AwaitsManifest(string folder, IReadOnlyList<DropFile> files)
    {
        var aws = AwsDataFolder().Match(folder);
        if (aws.Success)
        {
            var metadata = (aws.Groups[1].Value.Length == 0 ? "" : aws.Groups[1].Value + "/") + "metadata/";
            if (files.Any(f => f.Kind == DropFileKind.AwsManifest && f.RelativePath.StartsWith(metadata, StringComparison.Ordinal)))
                return $"the export's manifests are synced to {metadata}";
        }
        var azure = AzureRunFolder().Match(folder);
        if (azure.Success)
        {
            var export = azure.Groups[1].Value.Length == 0 ? "" : azure.Groups[1].Value + "/";
            if (files.Any(f => f.Kind == DropFileKind.AzureManifest && f.RelativePath.StartsWith(export, StringComparison.Ordinal)))
                return $"other runs of the export under {(export.Length == 0 ? "the folder" : export)} have one";
        }
        return null;
    }

    /// <summary><c>PREFIX/EXPORT/data/BILLING_PERIOD=YYYY-MM[/execution]</c>: group 1 is PREFIX/EXPORT.</summary>
    [GeneratedRegex(@"^(?:(.*)/)?data/BILLING_PERIOD=[^/]+(?:/[^/]+)?$")]
    private static partial Regex AwsDataFolder();

    /// <summary><c>ROOT/EXPORT/YYYYMMDD-YYYYMMDD/RUN-ID</c>: group 1 is ROOT/EXPORT.</summary>
    [GeneratedRegex(@"^(?:(.*)/)?\d{8}-\d{8}/[^/]+$")]
    private static partial Regex AzureRunFolder();
}

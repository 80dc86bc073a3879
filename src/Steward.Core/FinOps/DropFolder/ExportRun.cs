namespace Steward.Core.FinOps.DropFolder;

/// <summary>
/// One run of an export as the drop folder holds it: the files a manifest lists, or, without a
/// manifest, the data files of one folder. A run is the unit of import: all its files or none, and
/// afterwards the billing periods it contains hold exactly its rows (earlier runs' rows of those
/// periods are replaced, in the same transaction).
/// </summary>
/// <param name="Key">Identifies the run across scans: <c>manifest:PATH</c> or <c>folder:PATH</c>.</param>
/// <param name="Label">The run as output lines name it.</param>
/// <param name="Missing">Files the manifest lists that the folder does not hold (yet).</param>
public sealed record ExportRun(string Key, string Label, ExportManifest? Manifest, IReadOnlyList<DropFile> Files, IReadOnlyList<string> Missing)
{
    /// <summary>The newest write among the run's files: runs are imported oldest first, so the newest restatement wins.</summary>
    public DateTime LastWriteUtc => Files.Count == 0 ? DateTime.MinValue : Files.Max(f => f.LastWriteUtc);

    /// <summary>The sizes and times of the run's files: a failed run is tried again only once this changes.</summary>
    public string Signature => string.Join('|', Files.Select(f => $"{f.RelativePath}:{f.Length}:{f.LastWriteUtc.Ticks}"))
        + (Manifest is null ? "" : "|m:" + Manifest.RelativePath + ":" + Manifest.RunId);
}

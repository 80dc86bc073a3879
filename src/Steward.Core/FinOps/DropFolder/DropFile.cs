namespace Steward.Core.FinOps.DropFolder;

/// <summary>What a file of a drop folder is, from its name.</summary>
public enum DropFileKind
{
    /// <summary>A FOCUS export part: .csv, .csv.gz or .parquet.</summary>
    Data,

    /// <summary>AWS Data Exports' <c>&lt;export-name&gt;-Manifest.json</c>.</summary>
    AwsManifest,

    /// <summary>Azure Cost Management exports' <c>manifest.json</c>.</summary>
    AzureManifest,
}

/// <summary>
/// A regular file of a drop folder as one scan saw it: its path relative to the folder ('/'
/// separators), its size and its last write. Size and time together are its signature: a file whose
/// signature did not change between two scans is no longer being written.
/// </summary>
public sealed record DropFile(string FullPath, string RelativePath, DropFileKind Kind, long Length, DateTime LastWriteUtc)
{
    public string Directory => RelativePath.LastIndexOf('/') is var i and >= 0 ? RelativePath[..i] : "";

    public string Name => RelativePath[(RelativePath.LastIndexOf('/') + 1)..];

    public bool SameSignature(DropFile other) => Length == other.Length && LastWriteUtc == other.LastWriteUtc;
}

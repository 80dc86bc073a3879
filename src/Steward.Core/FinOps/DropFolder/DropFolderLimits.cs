namespace Steward.Core.FinOps.DropFolder;

/// <summary>
/// How much of a drop folder a scan looks at. A drop folder is filled by a sync job, not by Steward:
/// the bounds keep a mistaken mount (a whole bucket, a home folder) from turning every scan into a
/// walk of millions of entries or an import of a file nobody meant to give.
/// </summary>
public sealed record DropFolderLimits
{
    /// <summary>Folder levels below the drop folder (AWS: prefix/export/data/BILLING_PERIOD=…/execution = 5).</summary>
    public int MaxDepth { get; init; } = 8;

    /// <summary>Entries (files and folders) a scan visits; past it the scan stops and says so.</summary>
    public int MaxEntries { get; init; } = 20_000;

    /// <summary>A data file larger than this is left out and named (a month of a large AWS organisation is a few GiB).</summary>
    public long MaxFileBytes { get; init; } = 32L << 30;

    /// <summary>A manifest larger than this is refused (an Azure manifest lists one entry per part file).</summary>
    public long MaxManifestBytes { get; init; } = 16L << 20;

    public static DropFolderLimits Default { get; } = new();
}

namespace Steward.Core.FinOps.DropFolder;

/// <summary>
/// What the manifest a cloud export writes next to its data says about one run of the export: which
/// files make it up (and, for Azure, their sizes, so a file is known to be complete without waiting),
/// which export and billing period it is, and when it ran (a later run of the same period restates it).
/// </summary>
/// <param name="RelativePath">The manifest's path in the drop folder.</param>
/// <param name="Provider">AWS or Microsoft.</param>
/// <param name="Export">The export's identity (AWS: the export ARN or name; Azure: the export's resource id or name).</param>
/// <param name="Name">The export's name as its owner gave it, for messages.</param>
/// <param name="RunId">AWS executionId (or the legacy CUR assemblyId); Azure runInfo.runId.</param>
/// <param name="PeriodStart">The first day of the billing period (UTC), when the manifest or its layout names one.</param>
/// <param name="RunAtUtc">When the run was submitted (Azure runInfo.submittedTime); null when the manifest does not say.</param>
public sealed record ExportManifest(
    string RelativePath, string Provider, string Export, string Name, string? RunId, DateTime? PeriodStart, DateTime? PeriodEnd,
    DateTime? RunAtUtc, IReadOnlyList<ManifestEntry> Files)
{
    /// <summary>"2024-09" for a period that starts on the first of a month, else the start date.</summary>
    public string PeriodLabel => PeriodStart is not { } start ? "unknown billing period"
        : start.Day == 1 && start.TimeOfDay == TimeSpan.Zero ? $"billing period {start:yyyy-MM}" : $"billing period from {start:yyyy-MM-dd}";
}

/// <summary>A data file a manifest lists: where the cloud wrote it (an S3 URI or a blob name) and its size when given.</summary>
public sealed record ManifestEntry(string Location, long? Bytes);

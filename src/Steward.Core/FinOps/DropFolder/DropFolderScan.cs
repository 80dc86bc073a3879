namespace Steward.Core.FinOps.DropFolder;

/// <summary>What one scan of a drop folder found: the files it may import, and what it left out and why.</summary>
public sealed record DropFolderScan(IReadOnlyList<DropFile> Files, IReadOnlyList<string> LeftOut, DateTime ScannedAtUtc);

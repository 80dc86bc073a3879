using Steward.Core.FinOps.Import;
using Steward.Core.FinOps.Restatement;

namespace Steward.Core.FinOps.DropFolder;

public enum DropRunStatus
{
    /// <summary>New files were imported (and earlier rows of their billing periods replaced).</summary>
    Imported,

    /// <summary>Every file of the run was imported before: nothing to do.</summary>
    Unchanged,

    /// <summary>A file is still being written, or a file the manifest lists has not arrived.</summary>
    Waiting,

    /// <summary>A file or the manifest was refused; nothing of the run was stored.</summary>
    Failed,

    /// <summary>A later run of the same export and billing period is in the folder: this one is not imported.</summary>
    Superseded,
}

/// <summary>What one scan did with one run, and the line that says so.</summary>
public sealed record DropRunOutcome(ExportRun Run, DropRunStatus Status, string Line)
{
    /// <summary>Per file of the run (Imported and Unchanged).</summary>
    public IReadOnlyList<FocusImportResult> Files { get; init; } = [];

    /// <summary>The earlier charges the run replaced (Imported).</summary>
    public IReadOnlyList<ReplacedCharges> Replaced { get; init; } = [];
}

/// <summary>One scan of a drop folder: an outcome per run, and what the scan left out.</summary>
public sealed record DropFolderPass(IReadOnlyList<DropRunOutcome> Runs, IReadOnlyList<string> LeftOut)
{
    public int Count(DropRunStatus status) => Runs.Count(r => r.Status == status);

    public bool Failed => Runs.Any(r => r.Status == DropRunStatus.Failed);
}

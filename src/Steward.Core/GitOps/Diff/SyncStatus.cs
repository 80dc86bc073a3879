namespace Steward.Core.GitOps.Diff;

/// <summary>An object's state against Git, as Argo CD names it.</summary>
public enum SyncStatus
{
    Synced,
    OutOfSync,

    /// <summary>In Git, not live.</summary>
    Missing,

    /// <summary>Live, labelled as managed from this repository, not in Git.</summary>
    Extra,
}

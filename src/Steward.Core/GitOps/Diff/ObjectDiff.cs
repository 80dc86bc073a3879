using Steward.Core.Governance;

namespace Steward.Core.GitOps.Diff;

/// <summary>The sync status of one object, with the fields that differ and where the object is in Git.</summary>
public sealed record ObjectDiff(ObjectIdentity Identity, SyncStatus Status, IReadOnlyList<FieldDiff> Diffs, SourceLocation? Location);

/// <summary>The diff of a whole repository against the live state, objects sorted by identity.</summary>
public sealed record DiffReport(IReadOnlyList<ObjectDiff> Objects)
{
    public bool AllSynced => Objects.All(o => o.Status == SyncStatus.Synced);

    public int Count(SyncStatus status) => Objects.Count(o => o.Status == status);
}

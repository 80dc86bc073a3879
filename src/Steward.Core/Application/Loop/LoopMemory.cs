namespace Steward.Core.Application.Loop;

/// <summary>
/// What the loop's steps remember from one run to the next within one process: the revision whose
/// check is already in the audit log, and the findings already notified. A restart forgets it: the
/// check of the current revision is recorded once more, and the open findings notified once more.
/// Runs are sequential (one loop per process), so no locking beyond visibility is needed.
/// </summary>
public sealed class LoopMemory
{
    private volatile string? _auditedRevision;
    private volatile IReadOnlySet<string> _notified = new HashSet<string>(StringComparer.Ordinal);

    /// <summary>The revision whose check the check step recorded last.</summary>
    public string? AuditedRevision
    {
        get => _auditedRevision;
        set => _auditedRevision = value;
    }

    /// <summary>The keys (<see cref="FindingKey"/>) of the findings notified by the previous run that notified.</summary>
    public IReadOnlySet<string> Notified
    {
        get => _notified;
        set => _notified = value;
    }
}

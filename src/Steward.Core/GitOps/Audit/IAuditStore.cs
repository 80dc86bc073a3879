namespace Steward.Core.GitOps.Audit;

/// <summary>Where audit entries are kept, append-only.</summary>
public interface IAuditStore
{
    /// <summary>
    /// Appends the entry <paramref name="create"/> makes from the current last entry (null for the
    /// first), atomically: no other append can come between reading the last entry and writing.
    /// </summary>
    AuditEntry Append(Func<AuditEntry?, AuditEntry> create);

    IEnumerable<AuditEntry> ReadAll();
}

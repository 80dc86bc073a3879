namespace Steward.Core.GitOps.Audit;

/// <summary>Where audit entries are kept, append-only, with the log's head.</summary>
public interface IAuditStore
{
    /// <summary>
    /// Appends the entry <paramref name="create"/> makes from the current last entry (null for the
    /// first) and replaces the head with the one <paramref name="head"/> makes for it, atomically: no
    /// other append can come between reading the last entry and writing, and entry and head are
    /// written together or not at all.
    /// </summary>
    AuditEntry Append(Func<AuditEntry?, AuditEntry> create, Func<AuditEntry, AuditHead> head);

    /// <summary>The entries, oldest first; an entry that cannot be read throws <see cref="AuditEntryUnreadableException"/> when reached.</summary>
    IEnumerable<AuditEntry> ReadAll();

    /// <summary>The head, or null when the log has none (an empty log).</summary>
    AuditHead? Head();
}

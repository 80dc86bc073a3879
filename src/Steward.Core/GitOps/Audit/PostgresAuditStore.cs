using Steward.Core.Storage;

namespace Steward.Core.GitOps.Audit;

/// <summary>
/// The audit log in a PostgreSQL store, which several replicas and CI jobs append to at once. Each append
/// takes a transaction-scoped advisory lock on the log before it reads the last entry, so appends of every
/// connection queue one after another and the chain never forks: the next appender waits, then (read
/// committed: each statement sees what was committed before it began) reads the entry just written.
/// The lock ends with the transaction, also when the connection dies.
/// </summary>
internal sealed class PostgresAuditStore(PostgresStore store) : SqlAuditStore(store.Connection, store.Location)
{
    // A fixed 64-bit key, beside the store's migration lock ("Steward" + 1).
    private const long ChainLockKey = 0x5374657761726402; // "Steward" + 2

    public override AuditEntry Append(Func<AuditEntry?, AuditEntry> create, Func<AuditEntry, AuditHead> head)
    {
        using var transaction = store.Connection.BeginTransaction();
        Execute("SELECT pg_advisory_xact_lock($key)", ("key", ChainLockKey));
        var entry = AppendAfterLast(create, head);
        transaction.Commit();
        return entry;
    }
}

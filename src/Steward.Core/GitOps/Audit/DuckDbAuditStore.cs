using DuckDB.NET.Data;
using Steward.Core.Storage;

namespace Steward.Core.GitOps.Audit;

/// <summary>
/// The audit log in a DuckDB store. DuckDB lets one process write a file, so appends need to take turns
/// only within the process: the store file's turn (<see cref="StewardStore.Turn"/>). (Two connections of the process would otherwise both
/// read entry N and both write N+1; DuckDB's optimistic transactions would refuse the second, failing an
/// append instead of ordering it.)
/// </summary>
internal sealed class DuckDbAuditStore(StewardStore store) : SqlAuditStore(store.Connection, store.Location)
{
    public override AuditEntry Append(Func<AuditEntry?, AuditEntry> create, Func<AuditEntry, AuditHead> head)
    {
        lock (store.Turn)
        {
            using var transaction = store.Connection.BeginTransaction();
            try
            {
                var entry = AppendAfterLast(create, head);
                transaction.Commit();
                return entry;
            }
            catch
            {
                // A statement that failed inside DuckDB may already have aborted the transaction.
                try { transaction.Rollback(); } catch (DuckDBException) { }
                throw;
            }
        }
    }
}

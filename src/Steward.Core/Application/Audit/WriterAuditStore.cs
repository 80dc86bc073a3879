using Steward.Core.Application.Ingestion;
using Steward.Core.GitOps.Audit;

namespace Steward.Core.Application.Audit;

/// <summary>
/// The audit log of a store reached through the process's writer of it (<see cref="StoreWriter"/>): every
/// call waits for the writer's turn, opens the store, and closes it after. For a caller that appends now and
/// then over a long run (a remediation run between Git commits and pushes), so that the store is not held
/// in between and its appends never meet an ingestion batch.
/// </summary>
internal sealed class WriterAuditStore(StoreWriter writer) : IAuditStore
{
    public AuditEntry Append(Func<AuditEntry?, AuditEntry> create, Func<AuditEntry, AuditHead> head) =>
        writer.Write(store => new StoreAuditStore(store).Append(create, head));

    public IEnumerable<AuditEntry> ReadAll() => writer.Write(store => new StoreAuditStore(store).ReadAll().ToList());

    public AuditHead? Head() => writer.Write(store => new StoreAuditStore(store).Head());
}

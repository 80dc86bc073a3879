using Steward.Core.Storage;

namespace Steward.Core.GitOps.Audit;

/// <summary>
/// The audit log in the Steward store: the store port of the audit area. The implementation is the store
/// engine's (<see cref="DuckDbAuditStore"/>, <see cref="PostgresAuditStore"/>); both keep the same tables,
/// entries as canonical JSON, and serialise appends so that the hash chain never forks.
/// </summary>
public sealed class StoreAuditStore : IAuditStore
{
    private readonly IAuditStore _engine;

    public StoreAuditStore(IStewardStore store)
    {
        store.EnsureSchema(AuditSchema.Module);
        _engine = StoreBackend.Port<IAuditStore>(store, duck => new DuckDbAuditStore(duck), pg => new PostgresAuditStore(pg));
    }

    public AuditEntry Append(Func<AuditEntry?, AuditEntry> create, Func<AuditEntry, AuditHead> head) => _engine.Append(create, head);

    public IEnumerable<AuditEntry> ReadAll() => _engine.ReadAll();

    public AuditHead? Head() => _engine.Head();
}

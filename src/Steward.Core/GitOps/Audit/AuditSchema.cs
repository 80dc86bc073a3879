using Steward.Core.Storage;

namespace Steward.Core.GitOps.Audit;

/// <summary>The audit log's table: one row per entry, the entry kept as its canonical JSON text.</summary>
public static class AuditSchema
{
    public static readonly SchemaModule Module = new("audit",
    [
        new Migration(1, "audit_log: hash-chained entries, append-only", """
            CREATE TABLE audit_log (
                seq   BIGINT PRIMARY KEY,
                hash  VARCHAR NOT NULL,
                entry VARCHAR NOT NULL
            );
            """),
    ]);
}

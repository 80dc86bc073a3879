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
        // One row, replaced in the transaction of every append (no key: DuckDB refuses to delete and
        // re-insert a key in one transaction). A store from before gets the unsigned head of its
        // entries; the next append signs it.
        new Migration(2, "audit_head: entry count and last hash, signed (truncation-evident)", """
            CREATE TABLE audit_head (
                size      BIGINT NOT NULL,
                hash      VARCHAR NOT NULL,
                key_id    VARCHAR,
                signature VARCHAR
            );
            INSERT INTO audit_head SELECT count(*), arg_max(hash, seq), NULL, NULL FROM audit_log HAVING count(*) > 0;
            """),
    ])
    {
        // The same two tables as DuckDB's migrations leave them. Appends take a transaction-scoped
        // advisory lock (PostgresAuditStore), so the head row needs no key on PostgreSQL either.
        PostgresMigrations =
        [
            new Migration(1, "audit_log and audit_head: hash-chained entries, append-only, and the signed head", """
                CREATE TABLE audit_log (
                    seq   BIGINT PRIMARY KEY,
                    hash  TEXT NOT NULL,
                    entry TEXT NOT NULL
                );
                CREATE TABLE audit_head (
                    size      BIGINT NOT NULL,
                    hash      TEXT NOT NULL,
                    key_id    TEXT,
                    signature TEXT
                );
                """),
        ],
    };
}

using Steward.Core.Storage;

namespace Steward.Core.Application.Ingestion;

/// <summary>
/// The ingestion API's table: one row per accepted batch, by idempotency key. The row is written in
/// the transaction that stores the batch's rows (<see cref="KeyRecordingStore"/>), so that a crash
/// can leave neither rows without their key (a retry would store them twice) nor a key without rows
/// (a retry would be refused as a duplicate of nothing). On PostgreSQL the key is what orders two
/// replicas that receive one batch at once: the second one's insert waits for the first one's commit and
/// is then refused, and the second answers with the first one's batch (<see cref="BatchKey.IsTakenMeanwhile"/>).
/// </summary>
public static class IngestionSchema
{
    public const string ModuleName = "ingestion";

    public static readonly SchemaModule Module = new(ModuleName,
    [
        new Migration(1, "ingest_batches: accepted API batches by target (kind, model, version) and idempotency key", """
            CREATE TABLE ingest_batches (
                kind            VARCHAR NOT NULL,
                idempotency_key VARCHAR NOT NULL,
                target          VARCHAR NOT NULL,
                body_sha256     VARCHAR NOT NULL,
                import_id       BIGINT NOT NULL,
                stored_rows     BIGINT NOT NULL,
                received_at     TIMESTAMP NOT NULL,
                PRIMARY KEY (kind, target, idempotency_key)
            );
            """),
    ])
    {
        PostgresMigrations =
        [
            new Migration(1, "ingest_batches: accepted API batches by target (kind, model, version) and idempotency key", """
                CREATE TABLE ingest_batches (
                    kind            TEXT NOT NULL,
                    idempotency_key TEXT NOT NULL,
                    target          TEXT NOT NULL,
                    body_sha256     TEXT NOT NULL,
                    import_id       BIGINT NOT NULL,
                    stored_rows     BIGINT NOT NULL,
                    received_at     TIMESTAMPTZ NOT NULL,
                    PRIMARY KEY (kind, target, idempotency_key)
                );
                """),
        ],
    };
}

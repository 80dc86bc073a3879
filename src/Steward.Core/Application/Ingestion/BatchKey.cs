using System.Data.Common;
using System.Globalization;
using Npgsql;
using Steward.Core.Storage;

namespace Steward.Core.Application.Ingestion;

/// <summary>What an earlier batch with the same key was.</summary>
internal sealed record StoredBatch(string Target, string BodySha256, long ImportId, long StoredRows);

/// <summary>
/// The identity of one batch in <c>ingest_batches</c>: what it was sent for (its kind — an <see cref="IngestionKind"/>'s
/// name, or <c>otlp</c> — and target: kind, model, version) and its idempotency key. A key is scoped to its target, so that the same body sent for two model
/// versions (the body-hash key of both) is two batches; the body's hash tells a key reused for another body apart.
/// The table's SQL is the same on both store engines.
/// </summary>
internal sealed record BatchKey(string Kind, string Key, string Target, string BodySha256)
{
    public StoredBatch? Find(IStewardStore store)
    {
        using var command = StoreSql.Command(Table(store),
            "SELECT target, body_sha256, import_id, stored_rows FROM ingest_batches WHERE kind = $kind AND target = $target AND idempotency_key = $key",
            ("kind", Kind), ("target", Target), ("key", Key));
        using var reader = command.ExecuteReader();
        return reader.Read()
            ? new StoredBatch(reader.GetString(0), reader.GetString(1),
                Convert.ToInt64(reader.GetValue(2), CultureInfo.InvariantCulture), Convert.ToInt64(reader.GetValue(3), CultureInfo.InvariantCulture))
            : null;
    }

    /// <summary>Records the batch; call inside the transaction that stores its rows.</summary>
    public void Record(IStewardStore store, long importId, long rows) =>
        store.Execute("INSERT INTO ingest_batches VALUES ($kind, $key, $target, $sha, $import, $rows, $at)",
            ("kind", Kind), ("key", Key), ("target", Target), ("sha", BodySha256), ("import", importId), ("rows", rows), ("at", DateTime.UtcNow));

    /// <summary>
    /// Whether <paramref name="error"/> is PostgreSQL refusing this batch's row because another replica
    /// committed the same key meanwhile (its insert waited for that commit, then found the key taken):
    /// the import was rolled back, and the earlier batch is the answer.
    /// </summary>
    public static bool IsTakenMeanwhile(Exception error)
    {
        for (Exception? e = error; e is not null; e = e.InnerException)
            if (e is PostgresException { SqlState: PostgresErrorCodes.UniqueViolation, TableName: "ingest_batches" })
                return true;
        return false;
    }

    private static DbConnection Table(IStewardStore store) =>
        StoreBackend.Port<DbConnection>(store, duck => duck.Connection, pg => pg.Connection);
}

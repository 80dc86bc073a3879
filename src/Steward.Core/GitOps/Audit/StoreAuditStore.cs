using System.Globalization;
using System.Text.Json;
using System.Text.Json.Nodes;
using Steward.Core.Storage;

namespace Steward.Core.GitOps.Audit;

/// <summary>
/// The audit log in the Steward store. Entries are kept as canonical JSON, so an export is byte for
/// byte what was hashed; the head (<see cref="AuditHead"/>) is replaced in each append's transaction.
/// </summary>
public sealed class StoreAuditStore : IAuditStore
{
    private readonly IStewardStore _store;

    public StoreAuditStore(IStewardStore store)
    {
        _store = store;
        store.EnsureSchema(AuditSchema.Module);
    }

    public AuditEntry Append(Func<AuditEntry?, AuditEntry> create, Func<AuditEntry, AuditHead> head)
    {
        using var transaction = _store.Connection.BeginTransaction();
        var lastRow = LastRow();
        var last = lastRow is { } row ? Parse(row.Sequence, row.Entry) : null;
        var entry = create(last);
        var newHead = head(entry);
        _store.Execute("INSERT INTO audit_log (seq, hash, entry) VALUES ($seq, $hash, $entry)",
            ("seq", entry.Sequence), ("hash", entry.Hash), ("entry", JsonCanonicalizer.Canonicalize(entry.ToJson())));
        _store.Execute("DELETE FROM audit_head");
        _store.Execute("INSERT INTO audit_head (size, hash, key_id, signature) VALUES ($size, $hash, $keyId, $signature)",
            ("size", newHead.Size), ("hash", newHead.Hash), ("keyId", newHead.KeyId), ("signature", newHead.Signature));
        transaction.Commit();
        return entry;
    }

    public IEnumerable<AuditEntry> ReadAll()
    {
        // Read lazily, so that a verifier sees the entries before an unreadable one.
        using var command = StoreSql.Command(_store.Connection, "SELECT seq, entry FROM audit_log ORDER BY seq");
        using var reader = command.ExecuteReader();
        while (reader.Read())
            yield return Parse(reader.GetInt64(0), reader.GetString(1));
    }

    public AuditHead? Head()
    {
        // One row unless someone added rows by hand: then the largest claim is the one to check.
        using var command = StoreSql.Command(_store.Connection, "SELECT size, hash, key_id, signature FROM audit_head ORDER BY size DESC LIMIT 1");
        using var reader = command.ExecuteReader();
        if (!reader.Read())
            return null;
        return new AuditHead(reader.GetInt64(0), reader.GetString(1),
            reader.IsDBNull(2) ? null : reader.GetString(2), reader.IsDBNull(3) ? null : reader.GetString(3));
    }

    private (long Sequence, string Entry)? LastRow()
    {
        using var command = StoreSql.Command(_store.Connection, "SELECT seq, entry FROM audit_log ORDER BY seq DESC LIMIT 1");
        using var reader = command.ExecuteReader();
        return reader.Read() ? (reader.GetInt64(0), reader.GetString(1)) : null;
    }

    /// <summary>An entry from its stored text; text that is not an entry any more names the entry.</summary>
    private AuditEntry Parse(long sequence, string text)
    {
        JsonNode? node;
        try
        {
            node = JsonNode.Parse(text);
        }
        catch (JsonException ex)
        {
            throw new AuditEntryUnreadableException(_store.Location, sequence, $"not valid JSON: {ex.Message}", ex);
        }
        if (node is not JsonObject json)
            throw new AuditEntryUnreadableException(_store.Location, sequence, "not a JSON object");
        try
        {
            return AuditEntry.FromJson(json, string.Create(CultureInfo.InvariantCulture, $"{_store.Location}: audit_log seq {sequence}"));
        }
        catch (StewardInputException ex)
        {
            throw new AuditEntryUnreadableException(_store.Location, sequence, ex.InnerException?.Message ?? ex.Message, ex);
        }
    }
}

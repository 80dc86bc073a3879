using System.Text.Json.Nodes;
using Steward.Core.Storage;

namespace Steward.Core.GitOps.Audit;

/// <summary>The audit log in the Steward store. Entries are kept as canonical JSON, so an export is byte for byte what was hashed.</summary>
public sealed class StoreAuditStore : IAuditStore
{
    private readonly IStewardStore _store;

    public StoreAuditStore(IStewardStore store)
    {
        _store = store;
        store.EnsureSchema(AuditSchema.Module);
    }

    public AuditEntry Append(Func<AuditEntry?, AuditEntry> create)
    {
        using var transaction = _store.Connection.BeginTransaction();
        var lastText = _store.Scalar("SELECT entry FROM audit_log ORDER BY seq DESC LIMIT 1") as string;
        var last = lastText is null ? null : AuditEntry.FromJson((JsonObject)JsonNode.Parse(lastText)!, $"{_store.Location}: audit_log");
        var entry = create(last);
        _store.Execute("INSERT INTO audit_log (seq, hash, entry) VALUES ($seq, $hash, $entry)",
            ("seq", entry.Sequence), ("hash", entry.Hash), ("entry", JsonCanonicalizer.Canonicalize(entry.ToJson())));
        transaction.Commit();
        return entry;
    }

    public IEnumerable<AuditEntry> ReadAll()
    {
        using var command = StoreSql.Command(_store.Connection, "SELECT seq, entry FROM audit_log ORDER BY seq");
        using var reader = command.ExecuteReader();
        var entries = new List<AuditEntry>();
        while (reader.Read())
            entries.Add(AuditEntry.FromJson((JsonObject)JsonNode.Parse(reader.GetString(1))!, $"{_store.Location}: audit_log seq {reader.GetInt64(0)}"));
        return entries;
    }
}

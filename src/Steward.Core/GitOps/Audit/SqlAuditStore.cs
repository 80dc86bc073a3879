using System.Data.Common;
using System.Globalization;
using System.Text.Json;
using System.Text.Json.Nodes;
using Steward.Core.Storage;

namespace Steward.Core.GitOps.Audit;

/// <summary>
/// What both engines' audit stores do the same way: the tables (<see cref="AuditSchema"/>), entries kept
/// as canonical JSON so an export is byte for byte what was hashed, and the head replaced in each
/// append's transaction. How appends take turns is each engine's (<see cref="Append"/>): the chain
/// forks if two appenders read the same last entry.
/// </summary>
internal abstract class SqlAuditStore(DbConnection connection, string location) : IAuditStore
{
    protected DbConnection Connection => connection;

    public abstract AuditEntry Append(Func<AuditEntry?, AuditEntry> create, Func<AuditEntry, AuditHead> head);

    /// <summary>Reads the last entry and writes the next one and the head; the caller holds the turn and the transaction.</summary>
    protected AuditEntry AppendAfterLast(Func<AuditEntry?, AuditEntry> create, Func<AuditEntry, AuditHead> head)
    {
        var lastRow = LastRow();
        var last = lastRow is { } row ? Parse(row.Sequence, row.Entry) : null;
        var entry = create(last);
        var newHead = head(entry);
        Execute("INSERT INTO audit_log (seq, hash, entry) VALUES ($seq, $hash, $entry)",
            ("seq", entry.Sequence), ("hash", entry.Hash), ("entry", JsonCanonicalizer.Canonicalize(entry.ToJson())));
        Execute("DELETE FROM audit_head");
        Execute("INSERT INTO audit_head (size, hash, key_id, signature) VALUES ($size, $hash, $keyId, $signature)",
            ("size", newHead.Size), ("hash", newHead.Hash), ("keyId", newHead.KeyId), ("signature", newHead.Signature));
        return entry;
    }

    public IEnumerable<AuditEntry> ReadAll()
    {
        // Read lazily, so that a verifier sees the entries before an unreadable one.
        using var command = StoreSql.Command(connection, "SELECT seq, entry FROM audit_log ORDER BY seq");
        using var reader = command.ExecuteReader();
        while (reader.Read())
            yield return Parse(reader.GetInt64(0), reader.GetString(1));
    }

    public AuditHead? Head()
    {
        // One row unless someone added rows by hand: then the largest claim is the one to check.
        using var command = StoreSql.Command(connection, "SELECT size, hash, key_id, signature FROM audit_head ORDER BY size DESC LIMIT 1");
        using var reader = command.ExecuteReader();
        if (!reader.Read())
            return null;
        return new AuditHead(reader.GetInt64(0), reader.GetString(1),
            reader.IsDBNull(2) ? null : reader.GetString(2), reader.IsDBNull(3) ? null : reader.GetString(3));
    }

    protected void Execute(string sql, params (string Name, object? Value)[] parameters)
    {
        using var command = StoreSql.Command(connection, sql, parameters);
        command.ExecuteNonQuery();
    }

    private (long Sequence, string Entry)? LastRow()
    {
        using var command = StoreSql.Command(connection, "SELECT seq, entry FROM audit_log ORDER BY seq DESC LIMIT 1");
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
            throw new AuditEntryUnreadableException(location, sequence, $"not valid JSON: {ex.Message}", ex);
        }
        if (node is not JsonObject json)
            throw new AuditEntryUnreadableException(location, sequence, "not a JSON object");
        try
        {
            return AuditEntry.FromJson(json, string.Create(CultureInfo.InvariantCulture, $"{location}: audit_log seq {sequence}"));
        }
        catch (StewardInputException ex)
        {
            throw new AuditEntryUnreadableException(location, sequence, ex.InnerException?.Message ?? ex.Message, ex);
        }
    }
}

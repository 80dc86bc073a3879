using System.Text.Json.Nodes;
using NSec.Cryptography;

namespace Steward.Core.GitOps.Audit;

/// <summary>
/// The result of verifying an audit log: how many entries held, the first that did not (null when
/// the problem is the head as a whole, e.g. a missing one), and why.
/// </summary>
public sealed record AuditVerification(int Verified, long? BrokenSequence, string? Reason)
{
    public bool Ok => Reason is null;
}

/// <summary>Appends hash-chained, optionally signed entries, and verifies a chain.</summary>
public sealed class AuditLog
{
    private readonly IAuditStore _store;
    private readonly Key? _signingKey;
    private readonly TimeProvider _time;

    public AuditLog(IAuditStore store, Key? signingKey = null, TimeProvider? time = null)
    {
        _store = store;
        _signingKey = signingKey;
        _time = time ?? TimeProvider.System;
    }

    public static string DefaultActor =>
        Environment.GetEnvironmentVariable("GITHUB_ACTOR") ?? Environment.GetEnvironmentVariable("GITLAB_USER_LOGIN") ?? Environment.UserName;

    public AuditEntry Append(string type, JsonObject data, string? actor = null) => _store.Append(last =>
    {
        var sequence = (last?.Sequence ?? 0) + 1;
        var previous = last?.Hash ?? AuditEntry.GenesisHash;
        var now = _time.GetUtcNow();
        var who = actor ?? DefaultActor;
        var hash = AuditEntry.ComputeHash(AuditEntry.Body(sequence, now, type, who, data, previous));
        string? keyId = null, signature = null;
        if (_signingKey is not null)
        {
            keyId = AuditKeys.KeyId(_signingKey.PublicKey);
            signature = AuditKeys.Sign(_signingKey, hash);
        }
        return new AuditEntry(sequence, now, type, who, (JsonObject)data.DeepClone(), previous, hash, keyId, signature);
    }, entry => AuditHead.For(entry, _signingKey));

    public IEnumerable<AuditEntry> Entries() => _store.ReadAll();

    /// <summary>
    /// Verifies a whole log: its entries (<see cref="Verify(IEnumerable{AuditEntry}, PublicKey?)"/>),
    /// an entry that cannot be read any more (named), and the head: the log must have as many entries
    /// as its head records, ending in the hash it records, and with <paramref name="key"/> the head must
    /// be signed by it. So removing the last entries, or all of them, fails verification.
    /// </summary>
    public static AuditVerification Verify(IAuditStore store, PublicKey? key = null)
    {
        var entries = new List<AuditEntry>();
        try
        {
            foreach (var entry in store.ReadAll())
                entries.Add(entry);
        }
        catch (AuditEntryUnreadableException ex)
        {
            var before = Verify(entries, key);
            return before.Ok
                ? new AuditVerification(before.Verified, ex.Sequence, $"entry {ex.Sequence}: cannot be read ({ex.Problem})")
                : before;
        }
        var chain = Verify(entries, key);
        return chain.Ok ? VerifyHead(entries, store.Head(), key) : chain;
    }

    private static AuditVerification VerifyHead(IReadOnlyList<AuditEntry> entries, AuditHead? head, PublicKey? key)
    {
        var count = entries.Count;
        AuditVerification Broken(long? sequence, string reason) => new(count, sequence, reason);
        if (head is null)
        {
            if (count > 0)
                return Broken(null, $"the log has {count} entries but no head (the head was removed), so removed entries at its end could not be seen");
            return key is null ? new AuditVerification(0, null, null)
                : Broken(null, $"no entries and no head signed by key {AuditKeys.KeyId(key)} (the log is empty, or its entries and head were removed)");
        }
        if (key is not null)
        {
            if (head.Signature is null)
                return Broken(null, "the head is not signed");
            if (!head.SignatureVerifies(key))
                return Broken(null, $"the head's signature does not verify with key {AuditKeys.KeyId(key)}");
        }
        if (head.Size > count)
            return count == 0
                ? Broken(1, $"no entries, but the head records {head.Size} (the entries were removed)")
                : Broken(count + 1, $"entries {count + 1} to {head.Size} are missing: the head records {head.Size} entries, the log has {count} (the log was truncated)");
        if (head.Size < count)
            return Broken(head.Size + 1, $"entry {head.Size + 1}: after the head, which records {head.Size} entries (entries were added without the head)");
        if (count > 0 && head.Hash != entries[^1].Hash)
            return Broken(count, $"entry {count}: its hash is not the one the head records (the entry or the head was replaced)");
        return new AuditVerification(count, null, null);
    }

    /// <summary>
    /// Checks every entry's hash against its content, the chain of previous hashes and sequence
    /// numbers, and (with a key) every signature. Names the first entry that breaks: an entry whose
    /// content was changed and whose hash was recomputed is named through the next entry's link.
    /// </summary>
    public static AuditVerification Verify(IEnumerable<AuditEntry> entries, PublicKey? key = null)
    {
        var previousHash = AuditEntry.GenesisHash;
        long expectedSequence = 1;
        var verified = 0;
        AuditEntry? previous = null;
        foreach (var entry in entries)
        {
            if (entry.Sequence != expectedSequence)
                return new AuditVerification(verified, entry.Sequence, $"entry {entry.Sequence}: expected sequence number {expectedSequence} (an entry was removed, inserted or reordered)");
            var hash = AuditEntry.ComputeHash(entry.BodyJson());
            if (hash != entry.Hash)
                return new AuditVerification(verified, entry.Sequence, $"entry {entry.Sequence}: its content does not match its hash (the entry was changed)");
            if (entry.PreviousHash != previousHash)
            {
                var broken = previous?.Sequence ?? entry.Sequence;
                return new AuditVerification(verified - 1, broken, $"entry {broken}: changed after entry {entry.Sequence} was written (entry {entry.Sequence} records another hash for it)");
            }
            if (key is not null)
            {
                if (entry.Signature is null)
                    return new AuditVerification(verified, entry.Sequence, $"entry {entry.Sequence}: not signed");
                if (!AuditKeys.Verify(key, entry.Hash, entry.Signature))
                    return new AuditVerification(verified, entry.Sequence, $"entry {entry.Sequence}: signature does not verify with key {AuditKeys.KeyId(key)}");
            }
            previousHash = entry.Hash;
            previous = entry;
            expectedSequence++;
            verified++;
        }
        return new AuditVerification(verified, null, null);
    }
}

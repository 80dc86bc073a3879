using System.Text.Json.Nodes;
using NSec.Cryptography;

namespace Steward.Core.GitOps.Audit;

/// <summary>The result of verifying an audit log: how many entries held, and the first that did not.</summary>
public sealed record AuditVerification(int Verified, long? BrokenSequence, string? Reason)
{
    public bool Ok => BrokenSequence is null;
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
    });

    public IEnumerable<AuditEntry> Entries() => _store.ReadAll();

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

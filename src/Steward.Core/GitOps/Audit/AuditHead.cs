using System.Text.Json;
using System.Text.Json.Nodes;
using NSec.Cryptography;

namespace Steward.Core.GitOps.Audit;

/// <summary>
/// The head of the audit log: how many entries it has and the hash of the last, signed with the
/// log's key when it has one. A hash chain shows a changed or removed entry in the middle, but not
/// entries cut from the end, nor an emptied log; the head does, as a transparency log's signed tree
/// head does (RFC 6962 §3.5, Trillian, Rekor). It is written in the same transaction as every append.
/// An old head put back together with the entries it covered cannot be told from the log of that day:
/// to catch such a rollback, keep a head elsewhere (e.g. from <c>steward audit export</c> in CI) and compare.
/// </summary>
/// <param name="Size">The number of entries (also the sequence number of the last).</param>
/// <param name="Hash">The hash of entry <paramref name="Size"/>.</param>
/// <param name="KeyId">The signing key's id (<see cref="AuditKeys.KeyId"/>), or null when unsigned.</param>
/// <param name="Signature">Ed25519 over the canonical JSON of <see cref="Body"/>, base64; null when unsigned.</param>
public sealed record AuditHead(long Size, string Hash, string? KeyId, string? Signature)
{
    /// <summary>The "type" of a head's body: keeps a head's signature from being taken for anything else's.</summary>
    public const string Type = "steward-audit-head";

    /// <summary>The head after <paramref name="last"/> was appended, signed with <paramref name="key"/> if given.</summary>
    public static AuditHead For(AuditEntry last, Key? key)
    {
        var unsigned = new AuditHead(last.Sequence, last.Hash, null, null);
        if (key is null)
            return unsigned;
        return unsigned with { KeyId = AuditKeys.KeyId(key.PublicKey), Signature = AuditKeys.SignMessage(key, unsigned.SignedBytes()) };
    }

    /// <summary>What the signature covers: size, hash and type.</summary>
    public JsonObject Body() => new() { ["hash"] = Hash, ["size"] = Size, ["type"] = Type };

    public byte[] SignedBytes() => JsonCanonicalizer.CanonicalBytes(Body());

    public bool SignatureVerifies(PublicKey key) => Signature is not null && AuditKeys.VerifyMessage(key, SignedBytes(), Signature);

    /// <summary>The head as a line of an export: <c>{"head":{...}}</c>, which no entry has.</summary>
    public JsonObject ToJson()
    {
        var head = Body();
        if (KeyId is not null) head["keyId"] = KeyId;
        if (Signature is not null) head["signature"] = Signature;
        return new JsonObject { ["head"] = head };
    }

    /// <summary>Whether a line of an export is the head rather than an entry.</summary>
    public static bool IsHead(JsonObject json) => json.ContainsKey("head");

    /// <summary>Reads a head line; <paramref name="where"/> names it in errors.</summary>
    public static AuditHead FromJson(JsonObject json, string where)
    {
        try
        {
            var head = json["head"] as JsonObject ?? throw new FormatException("head must be an object");
            if (head["type"]?.GetValue<string>() != Type)
                throw new FormatException($"head type must be {Type}");
            return new AuditHead(head["size"]!.GetValue<long>(), head["hash"]!.GetValue<string>(),
                head["keyId"]?.GetValue<string>(), head["signature"]?.GetValue<string>());
        }
        catch (Exception ex) when (ex is NullReferenceException or InvalidOperationException or FormatException or JsonException or OverflowException)
        {
            throw new StewardInputException($"{where}: not an audit head ({ex.Message})", ex);
        }
    }
}

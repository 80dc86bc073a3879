using System.Globalization;
using System.Security.Cryptography;
using System.Text.Json;
using System.Text.Json.Nodes;

namespace Steward.Core.GitOps.Audit;

/// <summary>
/// One entry of the audit log. <see cref="Hash"/> is the SHA-256 of the entry's canonical JSON
/// (RFC 8785) without hash, keyId and signature; <see cref="PreviousHash"/> is the previous
/// entry's hash, so that changing, removing or reordering any entry breaks the chain.
/// The optional Ed25519 signature is over the 32 bytes of the hash.
/// </summary>
public sealed record AuditEntry(
    long Sequence,
    DateTimeOffset Time,
    string Type,
    string Actor,
    JsonObject Data,
    string PreviousHash,
    string Hash,
    string? KeyId,
    string? Signature)
{
    public static readonly string GenesisHash = new('0', 64);

    /// <summary>The fields the hash covers, in their JSON form.</summary>
    public static JsonObject Body(long sequence, DateTimeOffset time, string type, string actor, JsonObject data, string previousHash) => new()
    {
        ["seq"] = sequence,
        ["time"] = time.UtcDateTime.ToString("yyyy-MM-ddTHH:mm:ss.fffffffZ", CultureInfo.InvariantCulture),
        ["type"] = type,
        ["actor"] = actor,
        ["data"] = data.DeepClone(),
        ["prev"] = previousHash,
    };

    public static string ComputeHash(JsonObject body) =>
        Convert.ToHexStringLower(SHA256.HashData(JsonCanonicalizer.CanonicalBytes(body)));

    public JsonObject BodyJson() => Body(Sequence, Time, Type, Actor, Data, PreviousHash);

    public JsonObject ToJson()
    {
        var json = BodyJson();
        json["hash"] = Hash;
        if (KeyId is not null) json["keyId"] = KeyId;
        if (Signature is not null) json["signature"] = Signature;
        return json;
    }

    /// <summary>Reads an entry as exported; <paramref name="where"/> names it in errors (e.g. "audit.jsonl:3").</summary>
    public static AuditEntry FromJson(JsonObject json, string where)
    {
        try
        {
            return new AuditEntry(
                json["seq"]!.GetValue<long>(),
                DateTimeOffset.Parse(json["time"]!.GetValue<string>(), CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal | DateTimeStyles.AdjustToUniversal),
                json["type"]!.GetValue<string>(),
                json["actor"]!.GetValue<string>(),
                json["data"] as JsonObject ?? throw new FormatException("data must be an object"),
                json["prev"]!.GetValue<string>(),
                json["hash"]!.GetValue<string>(),
                json["keyId"]?.GetValue<string>(),
                json["signature"]?.GetValue<string>());
        }
        catch (Exception ex) when (ex is NullReferenceException or InvalidOperationException or FormatException or JsonException or OverflowException or ArgumentException)
        {
            throw new StewardInputException($"{where}: not an audit entry ({ex.Message})", ex);
        }
    }
}

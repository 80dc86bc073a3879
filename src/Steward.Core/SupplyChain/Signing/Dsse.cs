using System.Text;
using System.Text.Json;

namespace Steward.Core.SupplyChain.Signing;

/// <summary>One signature of a DSSE envelope.</summary>
public sealed record DsseSignature(string KeyId, byte[] Sig);

/// <summary>
/// A Dead Simple Signing Envelope (https://github.com/secure-systems-lab/dsse, envelope.md and
/// protocol.md): the payload, its type, and signatures over the pre-authentication encoding.
/// </summary>
public sealed record DsseEnvelope(string PayloadType, byte[] Payload, IReadOnlyList<DsseSignature> Signatures)
{
    public const string InTotoPayloadType = "application/vnd.in-toto+json";

    /// <summary>
    /// PAE(type, body) = "DSSEv1" SP LEN(type) SP type SP LEN(body) SP body, where LEN is the
    /// byte length in ASCII decimal and SP one space (protocol.md).
    /// </summary>
    public static byte[] Pae(string payloadType, byte[] payload)
    {
        var type = Encoding.UTF8.GetBytes(payloadType);
        var header = Encoding.ASCII.GetBytes($"DSSEv1 {type.Length} ");
        var middle = Encoding.ASCII.GetBytes($" {payload.Length} ");
        return [.. header, .. type, .. middle, .. payload];
    }

    public byte[] Pae() => Pae(PayloadType, Payload);

    /// <summary>The envelope as JSON (standard base64 with padding, as the DSSE spec requires for output).</summary>
    public string ToJson()
    {
        using var buffer = new MemoryStream();
        using (var w = new Utf8JsonWriter(buffer, new JsonWriterOptions { Indented = true }))
        {
            w.WriteStartObject();
            w.WriteString("payloadType", PayloadType);
            w.WriteString("payload", Convert.ToBase64String(Payload));
            w.WriteStartArray("signatures");
            foreach (var s in Signatures)
            {
                w.WriteStartObject();
                w.WriteString("keyid", s.KeyId);
                w.WriteString("sig", Convert.ToBase64String(s.Sig));
                w.WriteEndObject();
            }
            w.WriteEndArray();
            w.WriteEndObject();
        }
        return Encoding.UTF8.GetString(buffer.ToArray()) + "\n";
    }

    /// <summary>Reads an envelope file.</summary>
    /// <exception cref="StewardInputException">Not a DSSE envelope; the message names the file and field.</exception>
    public static DsseEnvelope Read(string file)
    {
        if (!File.Exists(file)) throw new StewardInputException($"{file}: signature file not found.");
        return Parse(Security.SafeFile.ReadText(file, file), file);
    }

    public static DsseEnvelope Parse(string json, string source)
    {
        try
        {
            using var doc = JsonDocument.Parse(json, JsonInput.Options(ParseLimits.Default));
            var root = doc.RootElement;
            if (root.ValueKind != JsonValueKind.Object) throw new StewardInputException($"{source}: a DSSE envelope must be a JSON object.");
            var type = RequiredString(root, "payloadType", source);
            var payload = Base64(RequiredString(root, "payload", source), "payload", source);
            if (!root.TryGetProperty("signatures", out var sigs) || sigs.ValueKind != JsonValueKind.Array || sigs.GetArrayLength() == 0)
                throw new StewardInputException($"{source}: signatures: a non-empty array is required.");
            var signatures = new List<DsseSignature>();
            var i = 0;
            foreach (var s in sigs.EnumerateArray())
            {
                if (s.ValueKind != JsonValueKind.Object) throw new StewardInputException($"{source}: signatures[{i}]: expected an object.");
                var keyId = s.TryGetProperty("keyid", out var k) && k.ValueKind == JsonValueKind.String ? k.GetString()! : "";
                signatures.Add(new DsseSignature(keyId, Base64(RequiredString(s, "sig", source, $"signatures[{i}]."), $"signatures[{i}].sig", source)));
                i++;
            }
            return new DsseEnvelope(type, payload, signatures);
        }
        catch (JsonException ex)
        {
            throw new StewardInputException($"{source} (line {(ex.LineNumber ?? 0) + 1}): not valid JSON: {JsonInput.Reason(ex, ParseLimits.Default)}", ex);
        }
    }

    private static string RequiredString(JsonElement e, string name, string source, string prefix = "") =>
        e.TryGetProperty(name, out var v) && v.ValueKind == JsonValueKind.String
            ? v.GetString()!
            : throw new StewardInputException($"{source}: {prefix}{name}: a string is required.");

    /// <summary>DSSE readers must accept standard and URL-safe base64, with or without padding.</summary>
    private static byte[] Base64(string text, string field, string source)
    {
        var s = text.Replace('-', '+').Replace('_', '/');
        s = s.PadRight(s.Length + ((4 - (s.Length % 4)) % 4), '=');
        try
        {
            return Convert.FromBase64String(s);
        }
        catch (FormatException)
        {
            throw new StewardInputException($"{source}: {field}: not base64.");
        }
    }
}

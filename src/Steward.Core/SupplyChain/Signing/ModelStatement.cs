using System.Text;
using System.Text.Json;
using Steward.Core.SupplyChain.Artifacts;

namespace Steward.Core.SupplyChain.Signing;

/// <summary>
/// The in-toto Statement v1 (https://github.com/in-toto/attestation/blob/main/spec/v1/statement.md)
/// Steward signs for a model artifact: one subject per file (name = relative path, digest.sha256)
/// and a predicate of type <see cref="PredicateType"/> holding the artifact digest.
/// </summary>
public static class ModelStatement
{
    public const string StatementType = "https://in-toto.io/Statement/v1";
    public const string PredicateType = "https://steward.dev/attestation/model-digest/v1";

    /// <summary>Compact, deterministic JSON (subjects in artifact order).</summary>
    public static byte[] Create(ArtifactDigest digest)
    {
        using var buffer = new MemoryStream();
        using (var w = new Utf8JsonWriter(buffer))
        {
            w.WriteStartObject();
            w.WriteString("_type", StatementType);
            w.WriteStartArray("subject");
            foreach (var file in digest.Files)
            {
                w.WriteStartObject();
                w.WriteString("name", file.Path);
                w.WriteStartObject("digest");
                w.WriteString("sha256", file.Sha256);
                w.WriteEndObject();
                w.WriteEndObject();
            }
            w.WriteEndArray();
            w.WriteString("predicateType", PredicateType);
            w.WriteStartObject("predicate");
            w.WriteStartObject("artifactDigest");
            w.WriteString("sha256", digest.Sha256);
            w.WriteEndObject();
            w.WriteString("digestAlgorithm", digest.IsDirectory ? "sha256sum-manifest" : "sha256");
            w.WriteEndObject();
            w.WriteEndObject();
        }
        return buffer.ToArray();
    }

    /// <summary>The subjects (name → sha256) of a statement; null and a reason when it is not an in-toto statement.</summary>
    public static (IReadOnlyDictionary<string, string>? Subjects, string? Problem) ReadSubjects(byte[] payload)
    {
        try
        {
            if (!System.Text.Unicode.Utf8.IsValid(payload)) return (null, "the payload is not UTF-8");
            using var doc = JsonDocument.Parse(payload, JsonInput.Options(ParseLimits.Default));
            var root = doc.RootElement;
            if (root.ValueKind != JsonValueKind.Object || !root.TryGetProperty("_type", out var type)
                || type.ValueKind != JsonValueKind.String || type.GetString() is not (StatementType or "https://in-toto.io/Statement/v0.1"))
                return (null, "the payload is not an in-toto Statement");
            if (!root.TryGetProperty("subject", out var subjects) || subjects.ValueKind != JsonValueKind.Array)
                return (null, "the statement has no subject list");
            var result = new SortedDictionary<string, string>(StringComparer.Ordinal);
            foreach (var s in subjects.EnumerateArray())
            {
                if (s.ValueKind != JsonValueKind.Object || !s.TryGetProperty("name", out var name) || name.ValueKind != JsonValueKind.String
                    || !s.TryGetProperty("digest", out var digest) || digest.ValueKind != JsonValueKind.Object
                    || !digest.TryGetProperty("sha256", out var sha) || sha.ValueKind != JsonValueKind.String)
                    return (null, "a subject has no name or no sha256 digest");
                result[name.GetString()!] = sha.GetString()!.ToLowerInvariant();
            }
            return (result, null);
        }
        catch (JsonException)
        {
            return (null, "the payload is not JSON");
        }
    }

    public static string ToText(byte[] payload) => Encoding.UTF8.GetString(payload);
}

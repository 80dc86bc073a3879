using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;

namespace Steward.Core.SupplyChain.Provenance;

/// <summary>A dependency the build resolved: the source repository at a commit, a dataset by digest.</summary>
public sealed record ResolvedDependency(string? Name, string? Uri, IReadOnlyDictionary<string, string> Digest);

/// <summary>
/// An SLSA v1 provenance statement (in-toto Statement v1, predicateType https://slsa.dev/provenance/v1),
/// the fields Steward reads. A DSSE envelope around the statement is accepted too (its payload is read,
/// not verified).
/// </summary>
public sealed record SlsaProvenance(
    IReadOnlyList<(string Name, string? Sha256)> Subjects,
    string? BuilderId,
    string? BuildType,
    IReadOnlyList<ResolvedDependency> ResolvedDependencies,
    JsonObject Statement)
{
    public const string StatementType = "https://in-toto.io/Statement/v1";
    public const string PredicateType = "https://slsa.dev/provenance/v1";

    /// <exception cref="StewardInputException">Not JSON, or not an SLSA v1 statement; names the file and the field.</exception>
    public static SlsaProvenance Read(string file)
    {
        if (!File.Exists(file)) throw new StewardInputException($"{file}: provenance file not found.");
        return Parse(Security.SafeFile.ReadText(file, file), file);
    }

    public static SlsaProvenance Parse(string json, string source)
    {
        JsonNode? node;
        try
        {
            node = JsonNode.Parse(json, documentOptions: JsonInput.Options(ParseLimits.Default));
        }
        catch (JsonException ex)
        {
            throw new StewardInputException($"{source} (line {(ex.LineNumber ?? 0) + 1}): not valid JSON: {JsonInput.Reason(ex, ParseLimits.Default)}", ex);
        }
        if (node is not JsonObject root) throw new StewardInputException($"{source}: a provenance statement must be a JSON object.");
        if (root["payloadType"] is not null && root["payload"] is JsonValue payload)
        {
            var envelope = Signing.DsseEnvelope.Parse(json, source);
            return Parse(Encoding.UTF8.GetString(envelope.Payload), source + " (DSSE payload)");
        }

        var type = Text(root, "_type");
        if (type != StatementType && type != "https://in-toto.io/Statement/v0.1")
            throw new StewardInputException($"{source}: _type: expected {StatementType}, got {Show(type)}.");
        var predicateType = Text(root, "predicateType");
        if (predicateType != PredicateType)
            throw new StewardInputException($"{source}: predicateType: expected {PredicateType}, got {Show(predicateType)}.");
        if (root["subject"] is not JsonArray subjectArray || subjectArray.Count == 0)
            throw new StewardInputException($"{source}: subject: a non-empty array is required.");
        var subjects = new List<(string, string?)>();
        for (var i = 0; i < subjectArray.Count; i++)
        {
            if (subjectArray[i] is not JsonObject s) throw new StewardInputException($"{source}: subject[{i}]: expected an object.");
            if (s["digest"] is not JsonObject digest || digest.Count == 0)
                throw new StewardInputException($"{source}: subject[{i}].digest: a digest object is required.");
            subjects.Add((Text(s, "name") ?? "", Text(digest, "sha256")?.ToLowerInvariant()));
        }
        if (root["predicate"] is not JsonObject predicate)
            throw new StewardInputException($"{source}: predicate: an object is required.");

        var build = predicate["buildDefinition"] as JsonObject;
        var dependencies = new List<ResolvedDependency>();
        if (build?["resolvedDependencies"] is JsonArray deps)
        {
            for (var i = 0; i < deps.Count; i++)
            {
                if (deps[i] is not JsonObject d) throw new StewardInputException($"{source}: predicate.buildDefinition.resolvedDependencies[{i}]: expected an object.");
                var digests = new SortedDictionary<string, string>(StringComparer.Ordinal);
                if (d["digest"] is JsonObject digest)
                {
                    foreach (var (alg, value) in digest)
                        if (value is JsonValue v && v.TryGetValue<string>(out var text)) digests[alg] = text;
                }
                dependencies.Add(new ResolvedDependency(Text(d, "name"), Text(d, "uri"), digests));
            }
        }
        var builder = (predicate["runDetails"] as JsonObject)?["builder"] as JsonObject;
        return new SlsaProvenance(subjects, builder is null ? null : Text(builder, "id"), build is null ? null : Text(build, "buildType"), dependencies, root);
    }

    private static string? Text(JsonObject o, string name) =>
        o[name] is JsonValue v && v.TryGetValue<string>(out var s) ? s : null;

    private static string Show(string? value) => value is null ? "nothing" : $"\"{value}\"";
}

using System.Text.Json;
using System.Text.Json.Nodes;

namespace Steward.Core.GitOps.Audit;

/// <summary>An audit log kept as a JSON Lines file (one entry per line), the export format.</summary>
public sealed class JsonLinesAuditStore(string path) : IAuditStore
{
    private static readonly object Gate = new();

    public AuditEntry Append(Func<AuditEntry?, AuditEntry> create)
    {
        lock (Gate)
        {
            var entry = create(ReadAll().LastOrDefault());
            File.AppendAllText(path, JsonCanonicalizer.Canonicalize(entry.ToJson()) + "\n");
            return entry;
        }
    }

    public IEnumerable<AuditEntry> ReadAll()
    {
        if (!File.Exists(path)) yield break;
        var lineNumber = 0;
        foreach (var line in File.ReadLines(path))
        {
            lineNumber++;
            if (line.Trim().Length == 0) continue;
            JsonObject? json;
            try
            {
                json = JsonNode.Parse(line) as JsonObject;
            }
            catch (JsonException ex)
            {
                throw new StewardInputException($"{path}:{lineNumber}: invalid JSON: {ex.Message}", ex);
            }
            yield return AuditEntry.FromJson(json ?? throw new StewardInputException($"{path}:{lineNumber}: expected a JSON object"), $"{path}:{lineNumber}");
        }
    }

    /// <summary>Writes entries as JSON Lines, each line the entry's canonical JSON.</summary>
    public static void Export(IEnumerable<AuditEntry> entries, TextWriter output)
    {
        foreach (var entry in entries)
            output.Write(JsonCanonicalizer.Canonicalize(entry.ToJson()) + "\n");
    }
}

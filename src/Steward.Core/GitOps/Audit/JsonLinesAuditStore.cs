using System.Text.Json;
using System.Text.Json.Nodes;

namespace Steward.Core.GitOps.Audit;

/// <summary>
/// An audit log kept as a JSON Lines file, the export format: one entry per line, then the head
/// (<c>{"head":{...}}</c>) as the last line.
/// </summary>
public sealed class JsonLinesAuditStore(string path) : IAuditStore
{
    private static readonly object Gate = new();

    public AuditEntry Append(Func<AuditEntry?, AuditEntry> create, Func<AuditEntry, AuditHead> head)
    {
        lock (Gate)
        {
            var entries = ReadAll().ToList();
            var entry = create(entries.LastOrDefault());
            entries.Add(entry);
            // The head line changes with every entry: write a new file and move it over the old one,
            // so that a crash leaves the old log or the new one, never half of either.
            var next = path + ".tmp";
            using (var writer = new StreamWriter(next, append: false, new System.Text.UTF8Encoding(false)))
                Export(entries, head(entry), writer);
            File.Move(next, path, overwrite: true);
            return entry;
        }
    }

    public IEnumerable<AuditEntry> ReadAll() => Read().Where(x => x.Entry is not null).Select(x => x.Entry!);

    public AuditHead? Head() => Read().Select(x => x.Head).LastOrDefault(h => h is not null);

    private IEnumerable<(AuditEntry? Entry, AuditHead? Head)> Read()
    {
        if (!File.Exists(path)) yield break;
        var lineNumber = 0;
        var headLine = 0;
        foreach (var line in File.ReadLines(path))
        {
            lineNumber++;
            if (line.Trim().Length == 0) continue;
            if (headLine > 0)
                throw new StewardInputException($"{path}:{lineNumber}: a line after the head (line {headLine}); the head must be the last line");
            JsonObject? json;
            try
            {
                json = JsonNode.Parse(line) as JsonObject;
            }
            catch (JsonException ex)
            {
                throw new StewardInputException($"{path}:{lineNumber}: invalid JSON: {ex.Message}", ex);
            }
            if (json is null)
                throw new StewardInputException($"{path}:{lineNumber}: expected a JSON object");
            if (AuditHead.IsHead(json))
            {
                headLine = lineNumber;
                yield return (null, AuditHead.FromJson(json, $"{path}:{lineNumber}"));
            }
            else
            {
                yield return (AuditEntry.FromJson(json, $"{path}:{lineNumber}"), null);
            }
        }
    }

    /// <summary>Writes entries as JSON Lines, each line the entry's canonical JSON.</summary>
    public static void Export(IEnumerable<AuditEntry> entries, TextWriter output)
    {
        foreach (var entry in entries)
            output.Write(JsonCanonicalizer.Canonicalize(entry.ToJson()) + "\n");
    }

    /// <summary>Writes entries as JSON Lines, then the head (if the log has one) as the last line.</summary>
    public static void Export(IEnumerable<AuditEntry> entries, AuditHead? head, TextWriter output)
    {
        Export(entries, output);
        if (head is not null)
            output.Write(JsonCanonicalizer.Canonicalize(head.ToJson()) + "\n");
    }
}

using System.Text.Json;
using Steward.Core.SupplyChain.Cvss;
using Steward.Core.SupplyChain.Purls;

namespace Steward.Core.SupplyChain.Osv;

/// <summary>
/// OSV records read from a folder (the osv.dev export: one JSON record per file; a file holding a
/// JSON array of records is accepted too), indexed by ecosystem and package name so that a scan
/// looks at the few records of each component only. Withdrawn records are dropped.
/// </summary>
public sealed class OsvDatabase
{
    private static readonly JsonSerializerOptions Json = new() { AllowTrailingCommas = true, ReadCommentHandling = JsonCommentHandling.Skip };

    private readonly Dictionary<string, List<(OsvRecord Record, OsvAffected Affected)>> _index = new(StringComparer.Ordinal);

    public OsvDatabase(IEnumerable<OsvRecord> records)
    {
        foreach (var record in records)
        {
            if (record.Withdrawn is not null) continue;
            foreach (var affected in record.Affected ?? [])
            {
                if (affected.Package is not { } package) continue;
                var ecosystem = OsvEcosystems.BaseEcosystem(package.Ecosystem);
                var key = Key(ecosystem, package.Name);
                if (!_index.TryGetValue(key, out var list)) _index[key] = list = [];
                list.Add((record, affected));
            }
            Count++;
        }
    }

    /// <summary>The number of records kept (not withdrawn).</summary>
    public int Count { get; }

    /// <summary>The affected entries that name this package.</summary>
    public IReadOnlyList<(OsvRecord Record, OsvAffected Affected)> For(string ecosystem, string name) =>
        _index.TryGetValue(Key(ecosystem, name), out var list) ? list : [];

    private static string Key(string ecosystem, string name) => ecosystem + "\n" + OsvEcosystems.NameKey(ecosystem, name);

    /// <summary>
    /// Reads every *.json file under <paramref name="path"/> (a folder), in ordinal path order, or
    /// every *.json entry of a zip archive (osv.dev publishes one all.zip per ecosystem).
    /// </summary>
    /// <exception cref="StewardInputException">A file is not an OSV record; the message names it.</exception>
    public static OsvDatabase Load(string path)
    {
        if (File.Exists(path) && path.EndsWith(".zip", StringComparison.OrdinalIgnoreCase))
            return LoadZip(path);
        if (!Directory.Exists(path))
            throw new StewardInputException($"{path}: OSV database folder (or .zip) not found.");
        // Fenced walk: no link out of the folder is followed, no FIFO or device opened.
        var files = Security.FolderWalk.Files(path, path)
            .Where(f => f.RelativePath.EndsWith(".json", StringComparison.Ordinal))
            .Select(f => f.FullPath)
            .Order(StringComparer.Ordinal);
        return new OsvDatabase(files.SelectMany(ReadFile));
    }

    private static OsvDatabase LoadZip(string zip)
    {
        var limits = ParseLimits.Default;
        try
        {
            Security.SafeFile.EnsureRegular(zip, zip);
            using var archive = System.IO.Compression.ZipFile.OpenRead(zip);
            var records = new List<OsvRecord>();
            long total = 0;
            foreach (var entry in archive.Entries
                .Where(e => e.FullName.EndsWith(".json", StringComparison.OrdinalIgnoreCase))
                .OrderBy(e => e.FullName, StringComparer.Ordinal))
            {
                var name = $"{zip}!{entry.FullName}";
                var budget = ArchiveBudget.ForEntry(name, entry.Length, entry.CompressedLength, total, limits);
                using var stream = new BoundedReadStream(entry.Open(), budget.Bytes, budget.Describe);
                records.AddRange(Read(stream, name));
                total += stream.BytesRead;
            }
            return new OsvDatabase(records);
        }
        catch (InvalidDataException ex)
        {
            throw new StewardInputException($"{zip}: not a readable zip archive: {ex.Message}", ex);
        }
    }

    /// <summary>Reads one file of OSV records.</summary>
    public static IReadOnlyList<OsvRecord> ReadFile(string file)
    {
        Security.SafeFile.EnsureRegular(file, file); // a FIFO would hang the read
        ParseLimits.Default.CheckDataFile(file);
        using var stream = File.OpenRead(file);
        return Read(stream, file);
    }

    /// <summary>Reads OSV records (one object or an array) from a stream; <paramref name="source"/> names it in errors.</summary>
    public static IReadOnlyList<OsvRecord> Read(Stream stream, string source)
    {
        var limits = ParseLimits.Default;
        try
        {
            using var buffer = new MemoryStream();
            stream.CopyTo(buffer);
            var bytes = buffer.GetBuffer().AsMemory(0, (int)buffer.Length);
            JsonInput.CheckUtf8(bytes.Span, source);
            using var doc = JsonDocument.Parse(bytes, JsonInput.Options(limits, lenient: true));
            var elements = doc.RootElement.ValueKind == JsonValueKind.Array
                ? doc.RootElement.EnumerateArray().ToList()
                : [doc.RootElement];
            var records = new List<OsvRecord>(elements.Count);
            foreach (var element in elements)
            {
                if (element.ValueKind != JsonValueKind.Object)
                    throw new StewardInputException($"{source}: an OSV record must be a JSON object.");
                var record = element.Deserialize<OsvRecord>(Json)! with { SourceFile = source };
                Validate(record, source);
                records.Add(record);
            }
            return records;
        }
        catch (JsonException ex)
        {
            var where = ex.LineNumber is { } line ? $" (line {line + 1}{(ex.Path is { Length: > 0 } p ? ", " + p : "")})" : "";
            throw new StewardInputException($"{source}{where}: not a valid OSV record: {JsonInput.Reason(ex, limits)}", ex);
        }
    }

    private static void Validate(OsvRecord record, string file)
    {
        if (string.IsNullOrWhiteSpace(record.Id))
            throw new StewardInputException($"{file}: OSV record without an 'id'.");
        foreach (var severity in (record.Severity ?? []).Concat((record.Affected ?? []).SelectMany(a => a.Severity ?? [])))
        {
            if (severity.Type == "CVSS_V3" && !CvssV3.TryParse(severity.Score, out _))
                throw new StewardInputException($"{file}: {record.Id}: severity '{severity.Score}' is not a valid CVSS v3 vector.");
        }
        foreach (var affected in record.Affected ?? [])
        foreach (var range in affected.Ranges ?? [])
        foreach (var e in range.Events)
        {
            var set = (e.Introduced is null ? 0 : 1) + (e.Fixed is null ? 0 : 1) + (e.LastAffected is null ? 0 : 1) + (e.Limit is null ? 0 : 1);
            if (set != 1)
                throw new StewardInputException($"{file}: {record.Id}: each range event must have exactly one of introduced, fixed, last_affected, limit.");
        }
    }
}

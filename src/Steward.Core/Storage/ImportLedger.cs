using System.Data.Common;
using System.Globalization;
using System.Security.Cryptography;

namespace Steward.Core.Storage;

/// <summary>What every engine does the same way to record imports in the <c>imports</c> table.</summary>
internal static class ImportLedger
{
    /// <summary>
    /// Loads each file not yet in <paramref name="known"/> (the kind's imports by content hash) and
    /// records it, inside the caller's transaction; a file already known, or met earlier in the list,
    /// is reported as already imported.
    /// </summary>
    public static IReadOnlyList<ImportOutcome> LoadNew(IStewardStore store, IReadOnlyList<(string Full, string Sha256)> files,
        string kind, Dictionary<string, ImportRecord> known, Func<ImportContext, long> load)
    {
        var outcomes = new List<ImportOutcome>();
        foreach (var (full, sha) in files)
        {
            if (known.TryGetValue(sha, out var existing))
            {
                outcomes.Add(new ImportOutcome(existing, AlreadyImported: true));
                continue;
            }
            var id = Convert.ToInt64(store.Scalar("SELECT nextval('imports_seq')"), CultureInfo.InvariantCulture);
            var rows = load(new ImportContext(id, full, sha, store));
            var at = NowMicroseconds();
            store.Execute("INSERT INTO imports VALUES ($id, $kind, $path, $sha, $rows, $at)",
                ("id", id), ("kind", kind), ("path", full), ("sha", sha), ("rows", rows), ("at", at));
            var record = new ImportRecord(id, kind, full, sha, rows, at);
            known[sha] = record;
            outcomes.Add(new ImportOutcome(record, AlreadyImported: false));
        }
        return outcomes;
    }

    /// <summary>The imports of <paramref name="kind"/> (all when null), oldest first, on either engine's connection.</summary>
    public static IReadOnlyList<ImportRecord> Read(DbConnection connection, string? kind)
    {
        var sql = "SELECT import_id, kind, source_path, sha256, row_count, imported_at FROM imports"
            + (kind is null ? "" : " WHERE kind = $kind") + " ORDER BY import_id";
        using var command = StoreSql.Command(connection, sql, kind is null ? [] : [("kind", kind)]);
        using var reader = command.ExecuteReader();
        var records = new List<ImportRecord>();
        while (reader.Read())
            records.Add(new ImportRecord(reader.GetInt64(0), reader.GetString(1), reader.GetString(2), reader.GetString(3),
                reader.GetInt64(4), DateTime.SpecifyKind(reader.GetDateTime(5), DateTimeKind.Utc)));
        return records;
    }

    /// <summary>Full paths and content hashes of <paramref name="paths"/>; a missing file fails before anything is written.</summary>
    public static IReadOnlyList<(string Full, string Sha256)> HashAll(IReadOnlyList<string> paths)
    {
        var files = new List<(string, string)>();
        foreach (var path in paths)
        {
            var full = Path.GetFullPath(path);
            if (!File.Exists(full))
                throw new FileNotFoundException(null, path);
            files.Add((full, ContentHash(full)));
        }
        return files;
    }

    /// <summary>The lower-case hex SHA-256 of a file's content: the identity of an import.</summary>
    public static string ContentHash(string path)
    {
        using var stream = File.OpenRead(path);
        return Convert.ToHexStringLower(SHA256.HashData(stream));
    }

    /// <summary>Now in UTC, truncated to microseconds (what both engines keep), so that the record returned equals the one stored.</summary>
    public static DateTime NowMicroseconds()
    {
        var at = DateTime.UtcNow;
        return new DateTime(at.Ticks - at.Ticks % 10, DateTimeKind.Utc);
    }
}

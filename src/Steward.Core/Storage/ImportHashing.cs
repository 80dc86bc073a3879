using System.Security.Cryptography;

namespace Steward.Core.Storage;

/// <summary>What every engine does the same way before and while it records an import.</summary>
internal static class ImportHashing
{
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

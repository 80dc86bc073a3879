using System.Text.RegularExpressions;
using DuckDB.NET.Data;

namespace Steward.Core.Storage;

/// <summary>
/// Tells a store file that is damaged, or is not a DuckDB or Steward store at all, from Steward's own
/// failures, so that the user gets exit 2 and one line naming the file instead of an internal error.
/// A DuckDB file starts with three 4 KiB headers (the first holds the magic "DUCK" at byte 8), then
/// fixed-size blocks. DuckDB reads blocks lazily, so a truncated file may open and fail only when a
/// query reaches a missing block: that error is recognised by <see cref="Describe"/> wherever it
/// surfaces. (Comparing the file's length with DuckDB's block count when opening is not reliable:
/// a healthy store's count can exceed its length while blocks are allocated but not yet written.)
/// </summary>
public static partial class StoreDamage
{
    private const int MagicOffset = 8;
    private static readonly byte[] DuckMagic = "DUCK"u8.ToArray();
    private static readonly byte[] SqliteMagic = "SQLite format 3\0"u8.ToArray();

    /// <summary>The error for a store that cannot be used, naming it.</summary>
    public static StewardInputException Damaged(string display, string detail, Exception? inner = null)
    {
        var message = $"store {display} is damaged or not a Steward store ({detail})";
        return inner is null ? new StewardInputException(message) : new StewardInputException(message, inner);
    }

    /// <summary>
    /// Refuses an existing file that is not a DuckDB database before DuckDB opens it: DuckDB would
    /// otherwise hand a SQLite file to its sqlite extension (which it would try to download).
    /// </summary>
    public static void CheckHeader(string full, string display)
    {
        var header = new byte[SqliteMagic.Length];
        int read;
        using (var stream = new FileStream(full, FileMode.Open, FileAccess.Read, FileShare.ReadWrite))
            read = stream.ReadAtLeast(header, header.Length, throwOnEndOfStream: false);
        if (read == header.Length && header.AsSpan().SequenceEqual(SqliteMagic))
            throw new StewardInputException($"store {display} is not a DuckDB store (it is a SQLite database)");
        if (read < MagicOffset + DuckMagic.Length || !header.AsSpan(MagicOffset, DuckMagic.Length).SequenceEqual(DuckMagic))
            throw Damaged(display, read == 0 ? "the file is empty" : "not a DuckDB database file");
    }

    /// <summary>
    /// The one-line message for a DuckDB error that comes from reading a damaged database file (a
    /// block past the end, a checksum that does not match), or null for any other error.
    /// </summary>
    public static string? Describe(Exception ex)
    {
        if (ex is not DuckDBException duck)
            return null;
        var message = FirstLine(duck.Message);
        var file = ShortRead().Match(message);
        if (file.Success)
            return $"store {file.Groups[1].Value} is damaged or not a Steward store ({Reason(message)})";
        if (message.Contains("Corrupt database file", StringComparison.OrdinalIgnoreCase)
            || message.Contains("not a valid DuckDB database file", StringComparison.OrdinalIgnoreCase))
            return $"the store is damaged or not a Steward store ({Reason(message)})";
        return null;
    }

    /// <summary>Whether DuckDB refused to open a file because of its content (rather than a lock or a permission).</summary>
    public static bool IsDamage(DuckDBException ex) => Describe(ex) is not null;

    private static string Reason(string message)
    {
        // "DuckDBOpen failed: IO Error: Could not read ..." → "Could not read ..."
        var text = message;
        foreach (var prefix in new[] { "DuckDBOpen failed:", "IO Error:" })
        {
            var at = text.IndexOf(prefix, StringComparison.Ordinal);
            if (at >= 0)
                text = text[(at + prefix.Length)..].TrimStart();
        }
        return text;
    }

    private static string FirstLine(string message)
    {
        var end = message.IndexOf('\n');
        return (end < 0 ? message : message[..end]).Trim();
    }

    [GeneratedRegex("Could not read enough bytes from file \"([^\"]+)\"")]
    private static partial Regex ShortRead();
}

using System.Globalization;

namespace Steward.Core;

/// <summary>
/// The bounds every reader of untrusted input applies (YAML, JSON, JSON Lines, archives, forecast
/// horizon). A file over a limit is bad input: exit 2 with one line naming the file and the limit.
/// The defaults and the reason for each are in docs/security.md ("Parser limits").
/// </summary>
/// <param name="MaxYamlBytes">Largest YAML (or JSON read as YAML) file of the repository: 3 MiB, the Kubernetes API server's request limit.</param>
/// <param name="MaxDataFileBytes">Largest JSON data file (SBOM, OSV record, DSSE envelope, live state, provenance): 256 MiB.</param>
/// <param name="MaxDepth">Deepest nesting of mappings and lists (after alias expansion), of JSON objects and arrays, and of JSON Lines records: 256.</param>
/// <param name="MaxTableJsonDepth">Deepest nesting of a JSON / JSON Lines data table (analyze, ingest, monitors): 64; DuckDB's type detection slows with depth.</param>
/// <param name="MaxArchiveEntryBytes">Largest uncompressed entry of an archive (OSV all.zip): 64 MiB.</param>
/// <param name="MaxArchiveBytes">Largest total uncompressed size of an archive: 2 GiB.</param>
/// <param name="MaxArchiveRatio">Largest uncompressed-to-compressed ratio of an archive entry: 100.</param>
/// <param name="MaxForecastHorizonDays">Longest <c>cost forecast --horizon</c>: 3,660 days (ten years).</param>
public sealed record ParseLimits(
    long MaxYamlBytes,
    long MaxDataFileBytes,
    int MaxDepth,
    int MaxTableJsonDepth,
    long MaxArchiveEntryBytes,
    long MaxArchiveBytes,
    int MaxArchiveRatio,
    int MaxForecastHorizonDays)
{
    /// <summary>
    /// The largest text file Steward reads from a repository (YAML, Rego, and the JSON files path
    /// fields name: SBOMs, provenance, signatures, keys, the OSV database). Kubernetes rejects a
    /// request over 3 MiB, so one object is never larger; a file may hold many (a rendered chart,
    /// a CRD bundle), and large container SBOMs reach a few MiB, hence 16 MiB: over five times
    /// the largest object, still parsed in well under a second, and far from exhausting memory.
    /// A constant rather than a field: it is the default of the sandbox readers' parameters.
    /// </summary>
    public const long MaxRepositoryFileBytes = 16L * 1024 * 1024;

    /// <summary>The documented defaults.</summary>
    public static ParseLimits Default { get; } = new(
        MaxYamlBytes: 3L * 1024 * 1024,
        MaxDataFileBytes: 256L * 1024 * 1024,
        MaxDepth: 256,
        MaxTableJsonDepth: 64,
        MaxArchiveEntryBytes: 64L * 1024 * 1024,
        MaxArchiveBytes: 2L * 1024 * 1024 * 1024,
        MaxArchiveRatio: 100,
        MaxForecastHorizonDays: 3660);

    /// <summary>A byte count as people read it in a message: "3,145,728 bytes (3 MiB)".</summary>
    public static string Bytes(long bytes)
    {
        var exact = bytes.ToString("N0", CultureInfo.InvariantCulture) + " bytes";
        foreach (var (unit, size) in new[] { ("GiB", 1L << 30), ("MiB", 1L << 20), ("KiB", 1L << 10) })
            if (bytes >= size && bytes % size == 0)
                return $"{exact} ({bytes / size} {unit})";
        return exact;
    }

    /// <summary>Throws when a data file is larger than <see cref="MaxDataFileBytes"/>; a missing file is left to the reader.</summary>
    /// <exception cref="StewardInputException">The file is too large.</exception>
    public void CheckDataFile(string path, string? display = null)
    {
        var info = new FileInfo(path);
        if (info.Exists && info.Length > MaxDataFileBytes)
            throw new StewardInputException($"{display ?? path}: the file is {Bytes(info.Length)}, over the limit of {Bytes(MaxDataFileBytes)} for a data file");
    }
}

using System.Data.Common;

namespace Steward.Core.Storage;

/// <summary>
/// Steward's store: where costs, usage, inference logs, findings and the audit log live.
/// The embedded DuckDB file (<see cref="StewardStore"/>) is the default; a shared PostgreSQL
/// store (<see cref="PostgresStore"/>) implements the same contract; <see cref="Stores"/> opens either by address. Every area owns its tables through a
/// <see cref="SchemaModule"/> and loads files through <see cref="ImportFile"/>, which gives
/// every importer the same two guarantees: atomic (a failed file leaves nothing behind) and
/// idempotent (the same content imported twice is stored once).
/// </summary>
public interface IStewardStore : IDisposable
{
    /// <summary>Where the store lives (a file path for DuckDB, a connection name otherwise).</summary>
    string Location { get; }

    /// <summary>The database that holds the store.</summary>
    StoreEngine Engine { get; }

    /// <summary>
    /// The open connection. Being retired (#17): areas reach their engine's connection through their
    /// store port (<see cref="StoreBackend"/>); no new code uses this.
    /// </summary>
    DbConnection Connection { get; }

    /// <summary>Applies the migrations of <paramref name="module"/> that the store has not seen yet.</summary>
    void EnsureSchema(SchemaModule module);

    /// <summary>The highest migration of <paramref name="module"/> applied to the store, 0 if none.</summary>
    int SchemaVersion(string module);

    /// <summary>
    /// Imports one file as <paramref name="kind"/> (e.g. <c>focus</c>). If a file with the same
    /// SHA-256 content hash was already imported as that kind, nothing is loaded and the earlier
    /// import is returned. Otherwise <paramref name="load"/> runs inside one transaction and returns
    /// the number of rows it stored; if it throws, the transaction is rolled back and the exception
    /// propagates, leaving the store as it was.
    /// </summary>
    ImportOutcome ImportFile(string path, string kind, Func<ImportContext, long> load);

    /// <summary>
    /// Imports several files as one unit: all of them or none. Files whose content is already in
    /// the store (or earlier in <paramref name="paths"/>) are skipped and reported as such.
    /// </summary>
    IReadOnlyList<ImportOutcome> ImportFiles(IReadOnlyList<string> paths, string kind, Func<ImportContext, long> load);

    /// <summary>The imports recorded so far, oldest first; only those of <paramref name="kind"/> if given.</summary>
    IReadOnlyList<ImportRecord> Imports(string? kind = null);
}

using System.Data;
using System.Data.Common;
using System.Globalization;
using DuckDB.NET.Data;

namespace Steward.Core.Storage;

/// <summary>
/// The embedded store: one DuckDB file (created with its folder on first use). DuckDB reads CSV
/// and Parquet itself and aggregates in place, so importers and reports push work into SQL.
/// One process writes at a time (DuckDB locks the file).
/// </summary>
public sealed class StewardStore : IStewardStore
{
    private readonly DuckDBConnection connection;
    private readonly HashSet<SchemaModule> ensured = [];

    // One lock per store file in this process: its turns. Two opens of one store at once (the server's
    // metrics scrape, a dashboard page, a loop step) may both find a module's tables missing and create
    // them; DuckDB refuses the second as a write-write conflict on its catalog. Opens and migrations of a
    // file take turns, and so do writes that read-then-append (the audit log's hash chain).
    private static readonly System.Collections.Concurrent.ConcurrentDictionary<string, Lock> Turns = new(StringComparer.Ordinal);

    /// <summary>The in-process lock of this store's file (re-entrant): writers that must not interleave within the process take it.</summary>
    internal Lock Turn => TurnOf(Location);

    private static Lock TurnOf(string fullPath) => Turns.GetOrAdd(fullPath, static _ => new Lock());

    private StewardStore(string location, DuckDBConnection connection)
    {
        Location = location;
        this.connection = connection;
    }

    /// <summary>The DuckDB storage format of stores created by this Steward.</summary>
    public const string StorageVersion = "latest";

    public string Location { get; }

    public StoreEngine Engine => StoreEngine.DuckDb;

    /// <summary>The open connection; for the DuckDB implementations of the store ports (<see cref="StoreBackend"/>).</summary>
    public DuckDBConnection Connection => connection;

    /// <summary>
    /// Opens (or creates) the store at <paramref name="path"/> and brings the given modules' schemas up
    /// to date. For commands that write (imports, ingest, <c>monitor run</c>, the audit log).
    /// </summary>
    public static StewardStore Open(string path, params SchemaModule[] modules) => OpenFile(path, modules);

    /// <summary>
    /// Opens the store at <paramref name="path"/>, which must exist: for commands that only read, so
    /// that a mistyped path is an error naming it rather than a new, empty store and an empty report.
    /// </summary>
    /// <param name="missingHint">What creates the store, for the error (e.g. "import costs with `steward cost import` first").</param>
    public static StewardStore OpenExisting(string path, string missingHint, params SchemaModule[] modules)
    {
        if (!File.Exists(Path.GetFullPath(path)))
            throw new StewardInputException($"{path}: no Steward store ({missingHint})");
        return OpenFile(path, modules);
    }

    private static StewardStore OpenFile(string path, SchemaModule[] modules)
    {
        var full = Path.GetFullPath(path);
        // Opens of one file in this process take turns until the store is created and migrated: another
        // thread's open may have created the file without its header yet, which the check would call damaged.
        lock (TurnOf(full))
            return OpenFileLocked(path, full, modules);
    }

    private static StewardStore OpenFileLocked(string path, string full, SchemaModule[] modules)
    {
        var existed = File.Exists(full);
        if (existed)
            StoreDamage.CheckHeader(full, path);
        var folder = Path.GetDirectoryName(full);
        if (!string.IsNullOrEmpty(folder))
            StoreFolder.Create(folder);
        var builder = DuckDbSettings.Builder(full);
        // A new store uses the storage format of the DuckDB that Steward ships, not DuckDB's
        // default (v0.10.2, for older readers): its string compression (dictionary + FSST) writes
        // a 10,000,000-row FOCUS import with a quarter less CPU. An existing store keeps its format.
        builder["storage_compatibility_version"] = StorageVersion;
        var connection = new DuckDBConnection(builder.ToString());
        try
        {
            connection.Open();
        }
        catch (DuckDBException ex)
        {
            connection.Dispose();
            if (existed && StoreDamage.IsDamage(ex))
                throw StoreDamage.Damaged(path, FirstLine(ex.Message), ex);
            throw new StewardInputException($"{path}: cannot open the Steward store: {FirstLine(ex.Message)}", ex);
        }

        var store = new StewardStore(full, connection);
        try
        {
            if (existed)
                store.CheckIsStewardStore(path);
            store.UseUtc();
            store.EnsureSchema(CoreSchema.Module);
            foreach (var module in modules)
                store.EnsureSchema(module);
        }
        catch (DuckDBException ex) when (existed && StoreDamage.IsDamage(ex))
        {
            store.Dispose();
            throw StoreDamage.Damaged(path, FirstLine(ex.Message), ex);
        }
        catch
        {
            store.Dispose();
            throw;
        }
        return store;
    }

    /// <summary>An in-memory store, for tests and one-off computations.</summary>
    public static StewardStore InMemory(params SchemaModule[] modules)
    {
        var store = new StewardStore(":memory:", DuckDbSettings.OpenInMemory());
        store.UseUtc();
        store.EnsureSchema(CoreSchema.Module);
        foreach (var module in modules)
            store.EnsureSchema(module);
        return store;
    }

    // Steward adds its tables to a store only when it created it: a DuckDB database of another
    // program (tables, but no schema_version) is refused rather than written into.
    private void CheckIsStewardStore(string display)
    {
        var tables = Convert.ToInt64(this.Scalar("SELECT count(*) FROM duckdb_tables() WHERE database_name = current_database()"), CultureInfo.InvariantCulture);
        var versioned = Convert.ToInt64(this.Scalar(
            "SELECT count(*) FROM duckdb_tables() WHERE database_name = current_database() AND table_name = 'schema_version'"), CultureInfo.InvariantCulture);
        if (tables > 0 && versioned == 0)
            throw StoreDamage.Damaged(display, "a DuckDB database without Steward's schema_version table");
    }

    // Timestamps are stored as UTC; offsets in imported files are converted, naive ones read as UTC.
    private void UseUtc() => this.Execute("SET TimeZone = 'UTC'");

    public void EnsureSchema(SchemaModule module)
    {
        // Commands call this before every use of a module's tables; check the store only once.
        if (ensured.Contains(module))
            return;
        lock (Turn)
            Migrate(module);
        ensured.Add(module);
    }

    private void Migrate(SchemaModule module)
    {
        this.Execute("""
            CREATE TABLE IF NOT EXISTS schema_version (
                module      VARCHAR NOT NULL,
                version     INTEGER NOT NULL,
                description VARCHAR NOT NULL,
                applied_at  TIMESTAMP NOT NULL,
                PRIMARY KEY (module, version)
            )
            """);
        var current = SchemaVersion(module.Name);
        if (current > module.LatestVersion)
            throw new StewardInputException(
                $"{Location}: the store's '{module.Name}' schema is at version {current}, newer than this Steward knows ({module.LatestVersion}); upgrade Steward.");

        foreach (var migration in module.Migrations.Where(m => m.Version > current).OrderBy(m => m.Version))
        {
            using var transaction = connection.BeginTransaction();
            try
            {
                this.Execute(migration.Sql);
                this.Execute("INSERT INTO schema_version VALUES ($module, $version, $description, now()::TIMESTAMP)",
                    ("module", module.Name), ("version", migration.Version), ("description", migration.Description));
                transaction.Commit();
            }
            catch
            {
                transaction.Rollback();
                throw;
            }
        }
    }

    public int SchemaVersion(string module)
    {
        var value = this.Scalar("SELECT coalesce(max(version), 0) FROM schema_version WHERE module = $module", ("module", module));
        return Convert.ToInt32(value, CultureInfo.InvariantCulture);
    }

    public ImportOutcome ImportFile(string path, string kind, Func<ImportContext, long> load)
        => ImportFiles([path], kind, load)[0];

    public IReadOnlyList<ImportOutcome> ImportFiles(IReadOnlyList<string> paths, string kind, Func<ImportContext, long> load)
    {
        var files = ImportLedger.HashAll(paths);
        var known = Imports(kind).GroupBy(r => r.Sha256).ToDictionary(g => g.Key, g => g.First());
        using var transaction = connection.BeginTransaction();
        try
        {
            var outcomes = ImportLedger.LoadNew(this, files, kind, known, load);
            transaction.Commit();
            return outcomes;
        }
        catch
        {
            // A statement that failed inside DuckDB may already have aborted the transaction;
            // rolling back is still required to release it, and must not mask the real error.
            try { transaction.Rollback(); } catch (DuckDBException) { }
            throw;
        }
    }

    public IReadOnlyList<ImportRecord> Imports(string? kind = null) => ImportLedger.Read(connection, kind);

    /// <summary>A command on the store's connection with named parameters (<c>$name</c>).</summary>
    public DbCommand Command(string sql, params (string Name, object? Value)[] parameters)
        => StoreSql.Command(connection, sql, parameters);

    /// <summary>The lower-case hex SHA-256 of a file's content: the identity of an import.</summary>
    public static string ContentHash(string path) => ImportLedger.ContentHash(path);

    public void Dispose()
    {
        if (connection.State != ConnectionState.Closed)
            connection.Close();
        connection.Dispose();
    }

    private static string FirstLine(string message)
    {
        var end = message.IndexOf('\n');
        return end < 0 ? message : message[..end];
    }
}

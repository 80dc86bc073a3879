using System.Globalization;
using Npgsql;

namespace Steward.Core.Storage;

/// <summary>
/// A store on a PostgreSQL server, shared by several <c>steward serve</c> replicas and CI jobs.
/// Concurrency is by design rather than by luck: migrations run under a session advisory lock (two
/// replicas starting at once migrate once); an import takes a transaction-scoped advisory lock on its
/// file's (kind, content hash), so two replicas importing the same file store it once while different
/// files load in parallel; every import is one transaction, so a reader never sees half of one.
/// One instance holds one connection and is used by one thread at a time, like <see cref="StewardStore"/>.
/// </summary>
public sealed class PostgresStore : IStewardStore
{
    // Advisory lock keys: a fixed 64-bit number per purpose, far from small integers other programs use.
    private const long MigrationLockKey = 0x5374657761726401; // "Steward" + 1
    private readonly HashSet<SchemaModule> ensured = [];

    private PostgresStore(string location, NpgsqlConnection connection)
    {
        Location = location;
        Connection = connection;
    }

    /// <summary>The address without credentials, e.g. <c>postgresql://steward@db:5432/steward</c>.</summary>
    public string Location { get; }

    public StoreEngine Engine => StoreEngine.PostgreSql;

    /// <summary>The open connection; for the PostgreSQL implementations of the store ports (<see cref="StoreBackend"/>).</summary>
    public NpgsqlConnection Connection { get; }

    /// <summary>Connects to the store at <paramref name="address"/> and brings the given modules' schemas up to date.</summary>
    public static PostgresStore Open(StoreAddress address, params SchemaModule[] modules)
    {
        var connection = new NpgsqlConnection(address.ConnectionString);
        try
        {
            connection.Open();
        }
        catch (Exception ex) when (ex is NpgsqlException or InvalidOperationException or ArgumentException)
        {
            connection.Dispose();
            throw new StewardInputException($"{address.Display}: cannot connect to the PostgreSQL store: {PostgresErrors.Describe(ex)}", ex);
        }

        var store = new PostgresStore(address.Display, connection);
        try
        {
            store.EnsureSchema(CoreSchema.Module);
            foreach (var module in modules)
                store.EnsureSchema(module);
        }
        catch
        {
            store.Dispose();
            throw;
        }
        return store;
    }

    public void EnsureSchema(SchemaModule module)
    {
        if (ensured.Contains(module))
            return;
        this.Scalar("SELECT pg_advisory_lock($key)", ("key", MigrationLockKey));
        try
        {
            Migrate(module);
        }
        finally
        {
            this.Scalar("SELECT pg_advisory_unlock($key)", ("key", MigrationLockKey));
        }
        ensured.Add(module);
    }

    private void Migrate(SchemaModule module)
    {
        this.Execute("""
            CREATE TABLE IF NOT EXISTS schema_version (
                module      TEXT NOT NULL,
                version     INTEGER NOT NULL,
                description TEXT NOT NULL,
                applied_at  TIMESTAMPTZ NOT NULL,
                PRIMARY KEY (module, version)
            )
            """);
        var current = SchemaVersion(module.Name);
        var latest = module.LatestVersionFor(StoreEngine.PostgreSql);
        if (current > latest)
            throw new StewardInputException(
                $"{Location}: the store's '{module.Name}' schema is at version {current}, newer than this Steward knows ({latest}); upgrade Steward.");

        foreach (var migration in module.PostgresMigrations.Where(m => m.Version > current).OrderBy(m => m.Version))
        {
            using var transaction = Connection.BeginTransaction();
            this.Execute(migration.Sql);
            this.Execute("INSERT INTO schema_version VALUES ($module, $version, $description, now())",
                ("module", module.Name), ("version", migration.Version), ("description", migration.Description));
            transaction.Commit();
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
        using var transaction = Connection.BeginTransaction();
        // Lock every file's identity before looking it up, in one order so that two imports of
        // overlapping sets cannot deadlock. The lock is held until commit: a second replica waits,
        // then finds the first one's import committed and answers "already imported".
        foreach (var sha in files.Select(f => f.Sha256).Distinct(StringComparer.Ordinal).Order(StringComparer.Ordinal))
            this.Scalar("SELECT pg_advisory_xact_lock(hashtextextended($identity, 0))", ("identity", $"steward:import:{kind}:{sha}"));

        var known = new Dictionary<string, ImportRecord>(StringComparer.Ordinal);
        foreach (var record in Imports(kind))
            known.TryAdd(record.Sha256, record);
        var outcomes = ImportLedger.LoadNew(this, files, kind, known, load);
        transaction.Commit();
        return outcomes;
    }

    public IReadOnlyList<ImportRecord> Imports(string? kind = null) => ImportLedger.Read(Connection, kind);

    public void Dispose() => Connection.Dispose();
}

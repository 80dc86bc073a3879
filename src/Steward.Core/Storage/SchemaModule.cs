namespace Steward.Core.Storage;

/// <summary>
/// The tables of one area of Steward (<c>store</c>, <c>finops</c>, <c>alignment</c>, ...), versioned
/// on their own so that areas add migrations without renumbering each other's.
/// </summary>
/// <param name="Name">The module's name in <c>schema_version.module</c>.</param>
/// <param name="Migrations">DuckDB's, numbered 1, 2, 3, ... in order; a released migration is never edited, only followed.</param>
public sealed record SchemaModule(string Name, IReadOnlyList<Migration> Migrations)
{
    /// <summary>
    /// PostgreSQL's migrations of the same module, numbered on their own (PostgreSQL stores start with
    /// the schema as it is now, not with DuckDB's history). Empty while the area has no PostgreSQL port.
    /// </summary>
    public IReadOnlyList<Migration> PostgresMigrations { get; init; } = [];

    /// <summary>The version the code expects on DuckDB: the number of the last migration.</summary>
    public int LatestVersion => Migrations.Count == 0 ? 0 : Migrations[^1].Version;

    /// <summary>The migrations of <paramref name="engine"/>.</summary>
    public IReadOnlyList<Migration> MigrationsFor(StoreEngine engine) =>
        engine == StoreEngine.PostgreSql ? PostgresMigrations : Migrations;

    /// <summary>The version the code expects on <paramref name="engine"/>.</summary>
    public int LatestVersionFor(StoreEngine engine)
    {
        var migrations = MigrationsFor(engine);
        return migrations.Count == 0 ? 0 : migrations[^1].Version;
    }
}

/// <summary>One step of a module's schema: SQL statements separated by semicolons, applied in one transaction.</summary>
public sealed record Migration(int Version, string Description, string Sql);

using DuckDB.NET.Data;
using Npgsql;

namespace Steward.Core.Storage;

/// <summary>
/// Where an area's store port finds its database. <see cref="IStewardStore"/> hands out no connection:
/// each area (cost ledger, inference log, audit log, ...) has a port with one implementation per
/// <see cref="StoreEngine"/>, and only those implementations reach the connection of their engine, here.
/// </summary>
/// <example><code>
/// public static ICostLedger For(IStewardStore store) =&gt;
///     StoreBackend.Port&lt;ICostLedger&gt;(store, duck =&gt; new DuckDbCostLedger(duck), pg =&gt; new PostgresCostLedger(pg));
/// </code></example>
public static class StoreBackend
{
    /// <summary>The store under any decorators.</summary>
    public static IStewardStore Unwrap(IStewardStore store)
    {
        while (store is IStoreDecorator decorator)
            store = decorator.Inner;
        return store;
    }

    /// <summary>The port of <paramref name="store"/>'s engine, built by the matching factory.</summary>
    public static TPort Port<TPort>(IStewardStore store, Func<StewardStore, TPort> duckDb, Func<PostgresStore, TPort> postgres) =>
        Unwrap(store) switch
        {
            StewardStore duck => duckDb(duck),
            PostgresStore pg => postgres(pg),
            var other => throw new InvalidOperationException($"no store port for {other.GetType().Name}"),
        };

    /// <summary>The DuckDB connection of a DuckDB store; for the DuckDB implementations of the ports only.</summary>
    public static DuckDBConnection DuckDb(IStewardStore store) =>
        Unwrap(store) is StewardStore duck ? duck.Connection : throw new InvalidOperationException($"{store.Location} is not a DuckDB store");

    /// <summary>The PostgreSQL connection of a PostgreSQL store; for the PostgreSQL implementations of the ports only.</summary>
    public static NpgsqlConnection Postgres(IStewardStore store) =>
        Unwrap(store) is PostgresStore pg ? pg.Connection : throw new InvalidOperationException($"{store.Location} is not a PostgreSQL store");
}

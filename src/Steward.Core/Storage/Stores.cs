namespace Steward.Core.Storage;

/// <summary>Opens a store by its address (<see cref="StoreAddress"/>): a DuckDB file or a PostgreSQL database.</summary>
public static class Stores
{
    /// <summary>Opens (or creates) the store and brings the given modules' schemas up to date: for commands that write.</summary>
    public static IStewardStore Open(string address, params SchemaModule[] modules)
    {
        var parsed = StoreAddress.Parse(address);
        return parsed.Engine == StoreEngine.PostgreSql
            ? PostgresStore.Open(parsed, modules)
            : StewardStore.Open(parsed.Path!, modules);
    }

    /// <summary>
    /// Opens a store that must exist: for commands that only read. A missing DuckDB file is an error
    /// naming it (<paramref name="missingHint"/> says what creates it); a PostgreSQL database must be
    /// reachable, and an empty one reads as empty.
    /// </summary>
    public static IStewardStore OpenExisting(string address, string missingHint, params SchemaModule[] modules)
    {
        var parsed = StoreAddress.Parse(address);
        return parsed.Engine == StoreEngine.PostgreSql
            ? PostgresStore.Open(parsed, modules)
            : StewardStore.OpenExisting(parsed.Path!, missingHint, modules);
    }
}

namespace Steward.Core.Storage;

/// <summary>Which database holds a store: the embedded DuckDB file or a shared PostgreSQL server.</summary>
public enum StoreEngine
{
    /// <summary>One DuckDB file on this machine (<see cref="StewardStore"/>): the default, one writer process at a time.</summary>
    DuckDb,

    /// <summary>A PostgreSQL database (<see cref="PostgresStore"/>) that several replicas and CI jobs share.</summary>
    PostgreSql,
}

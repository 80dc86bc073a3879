using DuckDB.NET.Data;

namespace Steward.Core.Alignment.Drift;

/// <summary>Connections to a database that is already open, so that several queries can run at once.</summary>
public static class DuckDbConnections
{
    /// <summary>
    /// A new connection to the same database, for one statistic's queries: a duplicate of an in-memory
    /// connection (the only kind DuckDB.NET duplicates), or a second connection to the same file, which
    /// DuckDB.NET serves from the database instance already open in this process.
    /// </summary>
    public static DuckDBConnection Fork(DuckDBConnection open)
    {
        var connection = IsInMemory(open) ? open.Duplicate() : new DuckDBConnection(open.ConnectionString);
        if (connection.State != System.Data.ConnectionState.Open) connection.Open();
        return connection;
    }

    private static bool IsInMemory(DuckDBConnection connection)
    {
        var source = connection.DataSource;
        return string.IsNullOrEmpty(source) || source.StartsWith(":memory:", StringComparison.OrdinalIgnoreCase);
    }
}

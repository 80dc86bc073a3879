using DuckDB.NET.Data;

namespace Steward.Core.Storage;

/// <summary>
/// The settings every DuckDB connection Steward opens carries. DuckDB by default installs and loads
/// "known" extensions on demand, downloading them over HTTP: a SQLite file given as a store makes it
/// fetch <c>sqlite_scanner</c>, an <c>https://</c> path fetches <c>httpfs</c>. Steward never downloads
/// code at run time (docs/security.md), so both are off, and so are community extensions. The
/// extensions Steward uses (parquet, json, icu) are built into the DuckDB library it ships.
/// External file access stays on: importers read CSV and Parquet files through DuckDB.
/// </summary>
public static class DuckDbSettings
{
    /// <summary>The settings, as connection-string keys (DuckDB applies them when the database opens).</summary>
    public static readonly IReadOnlyList<(string Name, string Value)> All =
    [
        ("autoinstall_known_extensions", "false"),
        ("autoload_known_extensions", "false"),
        ("allow_community_extensions", "false"),
    ];

    /// <summary>A connection string for <paramref name="dataSource"/> (a file path or <c>:memory:</c>) with <see cref="All"/>.</summary>
    public static DuckDBConnectionStringBuilder Builder(string dataSource)
    {
        // The builder quotes the path, so that a folder name with ';' or '=' stays a path.
        var builder = new DuckDBConnectionStringBuilder { DataSource = dataSource };
        foreach (var (name, value) in All)
            builder[name] = value;
        return builder;
    }

    /// <summary>An open in-memory connection with <see cref="All"/>.</summary>
    public static DuckDBConnection OpenInMemory()
    {
        var connection = new DuckDBConnection(Builder(":memory:").ToString());
        connection.Open();
        return connection;
    }
}

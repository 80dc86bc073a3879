using DuckDB.NET.Data;
using Steward.Core.Storage;

namespace Steward.Core.Alignment.Ingest;

/// <summary>
/// A private in-memory DuckDB database set up as a DuckDB store's connection is (timestamps in UTC), where a
/// PostgreSQL store's files are read and its windows computed; it spills to the temporary folder when large.
/// </summary>
internal static class InMemoryAnalytics
{
    public static DuckDBConnection Open()
    {
        var connection = DuckDbSettings.OpenInMemory();
        try
        {
            var spill = Path.Combine(Path.GetTempPath(), "steward-duckdb");
            using var command = connection.CreateCommand();
            command.CommandText = $"SET GLOBAL TimeZone = 'UTC'; SET temp_directory = '{spill.Replace("'", "''")}'";
            command.ExecuteNonQuery();
        }
        catch
        {
            connection.Dispose();
            throw;
        }
        return connection;
    }
}

using System.Globalization;
using DuckDB.NET.Data;
using Npgsql;
using NpgsqlTypes;
using Steward.Core.Storage;

namespace Steward.Core.Alignment.Ingest;

/// <summary>
/// The inference log of a PostgreSQL store. Files are read and checked by DuckDB in a private in-memory
/// database (the same SQL, the same diagnostics as on a DuckDB store) and their rows streamed into
/// PostgreSQL with binary COPY inside the import's transaction: memory stays flat whatever the row count.
/// The monitors read one window at a time, copied into an in-memory DuckDB table (<see cref="OpenWindows"/>).
/// </summary>
internal sealed class PostgresInferenceLog(PostgresStore store) : IInferenceLog
{
    private DuckDBConnection? staging;

    private NpgsqlConnection Connection => store.Connection;

    public DuckDBConnection Staging => staging ??= InMemoryAnalytics.Open();

    public long Append(ImportContext context, string select, params (string Name, object? Value)[] parameters)
    {
        using var command = (DuckDBCommand)StoreSql.Command(Staging, $"SELECT model, version, ts, request_id, row_number, data FROM ({select})", parameters);
        command.UseStreamingMode = true;
        using var reader = command.ExecuteReader();
        using var copy = Connection.BeginBinaryImport(
            "COPY inferences (import_id, model, version, ts, request_id, row_number, data, label) FROM STDIN (FORMAT BINARY)");
        long rows = 0;
        while (reader.Read())
        {
            copy.StartRow();
            copy.Write(context.ImportId, NpgsqlDbType.Bigint);
            copy.Write(reader.GetString(0), NpgsqlDbType.Text);
            copy.Write(reader.GetString(1), NpgsqlDbType.Text);
            copy.Write(DateTime.SpecifyKind(reader.GetDateTime(2), DateTimeKind.Utc), NpgsqlDbType.TimestampTz);
            if (reader.IsDBNull(3)) copy.WriteNull();
            else copy.Write(reader.GetString(3), NpgsqlDbType.Text);
            copy.Write(Convert.ToInt64(reader.GetValue(4), CultureInfo.InvariantCulture), NpgsqlDbType.Bigint);
            copy.Write(reader.GetString(5), NpgsqlDbType.Text);
            copy.WriteNull();
            rows++;
        }
        copy.Complete();
        return rows;
    }

    public long Label(ImportContext context, string labels, string model, string? version)
    {
        var table = CopyRequestIds($"SELECT request_id, label FROM ({labels})", withLabel: true);
        try
        {
            using var command = StoreSql.Command(Connection, $"""
                UPDATE inferences SET label = l.label FROM {table} AS l
                WHERE inferences.model = $model AND inferences.request_id = l.request_id{DuckDbInferenceLog.OfVersion(version)}
                """, DuckDbInferenceLog.Parameters(model, version));
            return command.ExecuteNonQuery();
        }
        finally
        {
            store.Execute($"DROP TABLE {table}");
        }
    }

    public long MatchedRequestIds(string requestIds, string model, string? version)
    {
        var table = CopyRequestIds($"SELECT * FROM ({requestIds})", withLabel: false);
        try
        {
            using var command = StoreSql.Command(Connection, $"""
                SELECT count(DISTINCT request_id) FROM inferences
                WHERE model = $model AND request_id IN (SELECT request_id FROM {table}){DuckDbInferenceLog.OfVersion(version)}
                """, DuckDbInferenceLog.Parameters(model, version));
            return Convert.ToInt64(command.ExecuteScalar(), CultureInfo.InvariantCulture);
        }
        finally
        {
            store.Execute($"DROP TABLE {table}");
        }
    }

    /// <summary>The rows of <paramref name="select"/> on the staging database, copied into a temporary table of the session.</summary>
    private string CopyRequestIds(string select, bool withLabel)
    {
        var table = "steward_labels_" + Guid.NewGuid().ToString("N")[..12];
        store.Execute($"CREATE TEMP TABLE {table} (request_id TEXT{(withLabel ? ", label TEXT" : "")})");
        using (var command = (DuckDBCommand)StoreSql.Command(Staging, select))
        {
            command.UseStreamingMode = true;
            using var reader = command.ExecuteReader();
            using var copy = Connection.BeginBinaryImport($"COPY {table} FROM STDIN (FORMAT BINARY)");
            while (reader.Read())
            {
                copy.StartRow();
                for (var i = 0; i < (withLabel ? 2 : 1); i++)
                {
                    if (reader.IsDBNull(i)) copy.WriteNull();
                    else copy.Write(reader.GetString(i), NpgsqlDbType.Text);
                }
            }
            copy.Complete();
        }
        store.Execute($"ANALYZE {table}");
        return table;
    }

    public Dictionary<(string Model, string Version), long> Counts(DateTime? from, DateTime? to) => InferenceCounts.Read(Connection, from, to);

    public IReadOnlyList<(DateTime Start, long Rows)> Windows(InferenceScope scope, WindowUnit unit)
    {
        var (predicate, parameters) = scope.Parameterised();
        var starts = new List<(DateTime Start, long Rows)>();
        // Truncated in UTC whatever the session's time zone, as DuckDB truncates its UTC timestamps.
        using var command = StoreSql.Command(Connection,
            $"SELECT date_trunc('{unit.Sql()}', ts AT TIME ZONE 'UTC') AS w, count(*) FROM inferences WHERE {predicate} GROUP BY 1 ORDER BY 1", parameters);
        using var r = command.ExecuteReader();
        while (r.Read())
            starts.Add((DateTime.SpecifyKind(r.GetDateTime(0), DateTimeKind.Utc), r.GetInt64(1)));
        return starts;
    }

    public IInferenceWindows OpenWindows() => new CopiedWindows(store);

    public void Dispose() => staging?.Dispose();

    /// <summary>
    /// One window at a time copied from PostgreSQL into an in-memory DuckDB database with the DuckDB store's
    /// tables, so that the statistics run the very SQL they run on a DuckDB store and give the same figures.
    /// DuckDB keeps the window compressed and spills to disk beyond its memory limit.
    /// </summary>
    private sealed class CopiedWindows : IInferenceWindows
    {
        private readonly PostgresStore store;

        public CopiedWindows(PostgresStore store)
        {
            this.store = store;
            Connection = InMemoryAnalytics.Open();
            try
            {
                Execute(AlignmentSchema.InferencesDuckDbTable);
                Execute("CREATE TABLE imports (import_id BIGINT, kind VARCHAR, source_path VARCHAR, sha256 VARCHAR, row_count BIGINT, imported_at TIMESTAMP)");
                using var appender = Connection.CreateAppender("imports");
                foreach (var i in store.Imports())
                    appender.CreateRow().AppendValue(i.ImportId).AppendValue(i.Kind).AppendValue(i.SourcePath).AppendValue(i.Sha256)
                        .AppendValue(i.Rows).AppendValue(i.ImportedAtUtc).EndRow();
            }
            catch
            {
                Connection.Dispose();
                throw;
            }
        }

        public DuckDBConnection Connection { get; }

        public void Load(InferenceScope scope, DateTime start, DateTime end)
        {
            Execute("DELETE FROM inferences");
            // The window within the scope's own bounds, as the statistics' SQL selects it again on the copy.
            var window = scope with
            {
                From = scope.From is { } from && from > start ? from : start,
                To = scope.To is { } to && to < end ? to : end,
            };
            var (predicate, parameters) = window.Parameterised();
            using var command = StoreSql.Command(store.Connection,
                $"SELECT import_id, model, version, ts, request_id, row_number, data, label FROM inferences WHERE {predicate}", parameters);
            using var reader = command.ExecuteReader();
            using var appender = Connection.CreateAppender("inferences");
            while (reader.Read())
            {
                var row = appender.CreateRow()
                    .AppendValue(reader.GetInt64(0)).AppendValue(reader.GetString(1)).AppendValue(reader.GetString(2))
                    .AppendValue(DateTime.SpecifyKind(reader.GetDateTime(3), DateTimeKind.Unspecified));
                row = reader.IsDBNull(4) ? row.AppendNullValue() : row.AppendValue(reader.GetString(4));
                row = row.AppendValue(reader.GetInt64(5)).AppendValue(reader.GetString(6));
                row = reader.IsDBNull(7) ? row.AppendNullValue() : row.AppendValue(reader.GetString(7));
                row.EndRow();
            }
        }

        private void Execute(string sql)
        {
            using var command = Connection.CreateCommand();
            command.CommandText = sql;
            command.ExecuteNonQuery();
        }

        public void Dispose() => Connection.Dispose();
    }
}

using System.Globalization;
using DuckDB.NET.Data;
using Steward.Core.Storage;

namespace Steward.Core.Alignment.Ingest;

/// <summary>
/// The inference log of a DuckDB store: files are staged on the store's own connection and every statement
/// runs there, so an import is one INSERT ... SELECT and the monitors read the stored table in place.
/// </summary>
internal sealed class DuckDbInferenceLog(StewardStore store) : IInferenceLog
{
    public DuckDBConnection Staging => store.Connection;

    public long Append(ImportContext context, string select, params (string Name, object? Value)[] parameters)
    {
        using var command = store.Command($"""
            INSERT INTO inferences (import_id, model, version, ts, request_id, row_number, data, label)
            SELECT $steward_import_id, model, version, ts, request_id, row_number, data, NULL FROM ({select})
            """, [("steward_import_id", context.ImportId), .. parameters]);
        return command.ExecuteNonQuery();
    }

    public long Label(ImportContext context, string labels, string model, string? version)
    {
        using var command = store.Command($"""
            UPDATE inferences SET label = l.label FROM ({labels}) AS l
            WHERE inferences.model = $model AND inferences.request_id = l.request_id{OfVersion(version)}
            """, Parameters(model, version));
        return command.ExecuteNonQuery();
    }

    public long MatchedRequestIds(string requestIds, string model, string? version)
    {
        using var command = store.Command($"""
            SELECT count(DISTINCT request_id) FROM inferences
            WHERE model = $model AND request_id IN ({requestIds}){OfVersion(version)}
            """, Parameters(model, version));
        return Convert.ToInt64(command.ExecuteScalar(), CultureInfo.InvariantCulture);
    }

    public Dictionary<(string Model, string Version), long> Counts(DateTime? from, DateTime? to) => InferenceCounts.Read(store.Connection, from, to);

    public IReadOnlyList<(DateTime Start, long Rows)> Windows(InferenceScope scope, WindowUnit unit)
    {
        var starts = new List<(DateTime Start, long Rows)>();
        using var command = store.Command($"SELECT date_trunc('{unit.Sql()}', ts) AS w, count(*) FROM inferences WHERE {scope.DuckDbPredicate()} GROUP BY 1 ORDER BY 1");
        using var r = command.ExecuteReader();
        while (r.Read())
            starts.Add((DateTime.SpecifyKind(r.GetDateTime(0), DateTimeKind.Utc), Convert.ToInt64(r.GetValue(1), CultureInfo.InvariantCulture)));
        return starts;
    }

    /// <summary>The store itself: the statistics' SQL selects each window from the stored table.</summary>
    public IInferenceWindows OpenWindows() => new StoredWindows(store.Connection);

    internal static string OfVersion(string? version) => version is null ? "" : " AND inferences.version = $version";

    internal static (string, object?)[] Parameters(string model, string? version) =>
        version is null ? [("model", model)] : [("model", model), ("version", version)];

    public void Dispose()
    {
    }

    private sealed class StoredWindows(DuckDBConnection connection) : IInferenceWindows
    {
        public DuckDBConnection Connection => connection;

        public void Load(InferenceScope scope, DateTime start, DateTime end)
        {
        }

        public void Dispose()
        {
        }
    }
}

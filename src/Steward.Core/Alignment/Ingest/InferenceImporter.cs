using System.Globalization;
using DuckDB.NET.Data;
using Steward.Core.Alignment.Data;
using Steward.Core.Storage;

namespace Steward.Core.Alignment.Ingest;

/// <summary>The outcome of one <c>steward ingest</c> file.</summary>
/// <param name="Rows">Rows stored (inferences) or labels matched (labels); for a file already imported, the earlier count.</param>
public sealed record IngestResult(string Path, long ImportId, bool AlreadyImported, long Rows, long Unmatched = 0);

/// <summary>
/// Loads inference logs (CSV, Parquet, JSON Lines) into <c>inferences</c> and joins late labels by
/// request id. Every file is one import: atomic and idempotent by content hash
/// (<see cref="IStewardStore.ImportFile"/>). Rows are checked before anything is written; a bad row
/// is named by file, row and column. Files are read and checked by DuckDB on the log's staging connection
/// and stored through the store's inference log (<see cref="IInferenceLog"/>), whatever its engine.
/// </summary>
public sealed class InferenceImporter
{
    public const string InferenceKind = "inferences";
    public const string LabelKind = "labels";

    private readonly IStewardStore store;

    // The log of the call in progress: each call opens its own (on PostgreSQL, with a private staging database).
    private IInferenceLog? log;

    public InferenceImporter(IStewardStore store)
    {
        this.store = store;
        store.EnsureSchema(AlignmentSchema.Module);
    }

    private IInferenceLog Log => log ?? throw new InvalidOperationException("no import in progress");

    private DuckDBConnection Connection => Log.Staging;

    private T WithLog<T>(Func<T> action)
    {
        using var opened = InferenceLog.For(store);
        log = opened;
        try
        {
            return action();
        }
        finally
        {
            log = null;
        }
    }

    /// <summary>Imports one inference log of <paramref name="model"/> <paramref name="version"/>.</summary>
    public IngestResult Inferences(string path, string model, string version, string timestampColumn = "timestamp", string? requestIdColumn = null) =>
        WithLog(() => ImportInferences(path, model, version, timestampColumn, requestIdColumn));

    private IngestResult ImportInferences(string path, string model, string version, string timestampColumn, string? requestIdColumn)
    {
        using var source = Stage(path);
        Require(source, path, timestampColumn);
        if (requestIdColumn is not null)
            Require(source, path, requestIdColumn);
        else if (source.Columns.Any(c => c.Name == "request_id"))
            requestIdColumn = "request_id";

        var ts = TableFile.Quote(timestampColumn);
        var bad = FirstRow(source, $"{ts} IS NULL OR TRY_CAST({ts} AS TIMESTAMPTZ) IS NULL", $"CAST({ts} AS VARCHAR)");
        if (bad is { } b)
            throw new StewardInputException($"{path}: row {b.Row}{source.LineNote(b.Row)}, column '{timestampColumn}': {Show(b.Value)} is not a timestamp; nothing was imported");
        if (requestIdColumn is not null)
        {
            var rid = TableFile.Quote(requestIdColumn);
            var missing = FirstRow(source, $"{rid} IS NULL OR trim(CAST({rid} AS VARCHAR)) = ''", "NULL");
            if (missing is { } m)
                throw new StewardInputException($"{path}: row {m.Row}{source.LineNote(m.Row)}, column '{requestIdColumn}': the request id is empty; nothing was imported");
        }

        var fields = string.Join(", ", source.Columns.Select(c => $"{TableFile.Quote(c.Name)} := {TableFile.Quote(c.Name)}"));
        var outcome = store.ImportFile(path, $"{InferenceKind}/{model}/{version}", context => Log.Append(context, $"""
            SELECT CAST($model AS VARCHAR) AS model, CAST($version AS VARCHAR) AS version, CAST(CAST({ts} AS TIMESTAMPTZ) AS TIMESTAMP) AS ts,
                   {(requestIdColumn is null ? "CAST(NULL AS VARCHAR)" : $"CAST({TableFile.Quote(requestIdColumn)} AS VARCHAR)")} AS request_id,
                   steward_row AS row_number, CAST(to_json(struct_pack({fields})) AS VARCHAR) AS data
            FROM {source.Table}
            """, ("model", model), ("version", version)));
        return new IngestResult(path, outcome.Record.ImportId, outcome.AlreadyImported, outcome.Record.Rows);
    }

    /// <summary>
    /// Sets <c>label</c> on the stored inferences of <paramref name="model"/> whose request id appears
    /// in the file; one transaction. Rows reports how many inferences were matched.
    /// </summary>
    /// <param name="version">Only inferences of this version (the ingestion API's <c>version</c>); null: every version, as the CLI.</param>
    public IngestResult Labels(string path, string model, string requestIdColumn = "request_id", string labelColumn = "label", string? version = null) =>
        WithLog(() => ImportLabels(path, model, requestIdColumn, labelColumn, version));

    private IngestResult ImportLabels(string path, string model, string requestIdColumn, string labelColumn, string? version)
    {
        using var source = Stage(path);
        Require(source, path, requestIdColumn);
        Require(source, path, labelColumn);
        var rid = TableFile.Quote(requestIdColumn);
        var label = TableFile.Quote(labelColumn);
        var missing = FirstRow(source, $"{rid} IS NULL OR trim(CAST({rid} AS VARCHAR)) = ''", "NULL");
        if (missing is { } m)
            throw new StewardInputException($"{path}: row {m.Row}{source.LineNote(m.Row)}, column '{requestIdColumn}': the request id is empty; nothing was imported");

        long total = Convert.ToInt64(TableFile.Scalar(Connection, $"SELECT count(DISTINCT CAST({rid} AS VARCHAR)) FROM {source.Table}"), CultureInfo.InvariantCulture);
        var outcome = store.ImportFile(path, version is null ? $"{LabelKind}/{model}" : $"{LabelKind}/{model}/{version}", context => Log.Label(context, $"""
            SELECT CAST({rid} AS VARCHAR) AS request_id, CAST(last({label}) AS VARCHAR) AS label
            FROM {source.Table} GROUP BY 1
            """, model, version));
        long matchedIds = Log.MatchedRequestIds($"SELECT CAST({rid} AS VARCHAR) AS request_id FROM {source.Table}", model, version);
        return new IngestResult(path, outcome.Record.ImportId, outcome.AlreadyImported, outcome.Record.Rows, total - matchedIds);
    }

    private Staged Stage(string path)
    {
        var reader = TableFile.ReaderSql(path);
        var csv = reader.StartsWith("read_csv", StringComparison.Ordinal);
        if (csv)
            // Every CSV value is read as text: a bad value is then found and named here, not by DuckDB's sniffer.
            reader = reader[..^1] + ", all_varchar = true)";
        var table = "steward_ingest_" + Guid.NewGuid().ToString("N")[..12];
        TableFile.Guard(path, () => Execute($"CREATE TEMP TABLE {table} AS SELECT row_number() OVER () AS steward_row, * FROM {reader}"));
        var staged = new Staged(this, table, csv);
        try
        {
            staged.Columns = TableFile.Describe(Connection, table).Where(c => c.Name != "steward_row").ToList();
            if (Convert.ToInt64(TableFile.Scalar(Connection, $"SELECT count(*) FROM {table}"), CultureInfo.InvariantCulture) == 0)
                throw new StewardInputException($"{path}: the file has no rows; nothing was imported");
        }
        catch
        {
            staged.Dispose();
            throw;
        }
        return staged;
    }

    private static void Require(Staged source, string path, string column)
    {
        if (!source.Columns.Any(c => c.Name == column))
            throw new StewardInputException(
                $"{path}: missing column '{column}'{(source.Csv ? " (header, line 1)" : "")}; the file has {string.Join(", ", source.Columns.Select(c => c.Name))}; nothing was imported");
    }

    private (long Row, string? Value)? FirstRow(Staged source, string predicate, string value)
    {
        using var command = StoreSql.Command(Connection, $"SELECT steward_row, {value} FROM {source.Table} WHERE {predicate} ORDER BY steward_row LIMIT 1");
        using var reader = command.ExecuteReader();
        if (!reader.Read()) return null;
        return (Convert.ToInt64(reader.GetValue(0), CultureInfo.InvariantCulture), reader.IsDBNull(1) ? null : reader.GetValue(1).ToString());
    }

    private static string Show(string? value) => value is null || value.Trim().Length == 0 ? "an empty value" : $"'{value}'";

    private int Execute(string sql)
    {
        using var command = Connection.CreateCommand();
        command.CommandText = sql;
        return command.ExecuteNonQuery();
    }

    private sealed class Staged(InferenceImporter owner, string table, bool csv) : IDisposable
    {
        public string Table { get; } = table;
        public bool Csv { get; } = csv;
        public List<TableColumn> Columns { get; set; } = [];

        /// <summary>For CSV, the file line of a data row (the header is line 1).</summary>
        public string LineNote(long row) => Csv ? $" (line {row + 1})" : "";

        public void Dispose() => owner.Execute($"DROP TABLE IF EXISTS {Table}");
    }
}

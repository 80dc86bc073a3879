using System.Data.Common;
using DuckDB.NET.Data;
using Steward.Core.Storage;

namespace Steward.Core.FinOps.Import;

/// <summary>
/// Loads FOCUS cost exports (CSV, gzip CSV, Parquet) into <c>cost_focus</c>. DuckDB reads the
/// files; Steward checks the mandatory columns first and, if a value is refused, names its row.
/// All files of one call are imported together or not at all; content already imported is skipped.
/// </summary>
public sealed class FocusImporter
{
    public const string Kind = "focus";

    private readonly IStewardStore store;

    public FocusImporter(IStewardStore store)
    {
        this.store = store;
        store.EnsureSchema(FinOpsSchema.Module);
    }

    public IReadOnlyList<FocusImportResult> Import(params string[] paths) => Import(paths, afterInsert: null);

    /// <param name="afterInsert">
    /// Runs inside the import's transaction after each new file's rows are inserted (e.g. replacing
    /// restated billing periods); what it writes commits or rolls back with the import.
    /// </param>
    public IReadOnlyList<FocusImportResult> Import(IReadOnlyList<string> paths, Action<ImportContext>? afterInsert)
    {
        // Read every header first, so that a file lacking a column fails before any is loaded.
        var sources = new Dictionary<string, FocusSource>(StringComparer.Ordinal);
        foreach (var path in paths)
        {
            var full = Path.GetFullPath(path);
            if (!File.Exists(full))
                throw new FileNotFoundException(null, path);
            var source = FocusSource.Open(store.Connection, full, path);
            CheckColumns(source);
            sources.TryAdd(full, source);
        }

        // The summary of each new file is read inside the import's transaction: a sum that fails
        // (as an overflow did before values were range-checked) rolls the import back with it,
        // instead of failing after the rows and their import record were committed.
        var summaries = new Dictionary<long, FocusImportResult>();
        IReadOnlyList<ImportOutcome> outcomes;
        try
        {
            outcomes = store.ImportFiles(paths, Kind, context =>
            {
                var source = sources[context.Path];
                var rows = Load(context, source);
                afterInsert?.Invoke(context);
                try
                {
                    summaries[context.ImportId] = Summarize(context.Path, context.ImportId, rows, alreadyImported: false);
                }
                catch (DuckDBException ex)
                {
                    throw new LoadFailed(source, ex);
                }
                return rows;
            });
        }
        catch (LoadFailed failed)
        {
            // The transaction is rolled back now, so the file can be scanned again to find the bad row.
            throw FocusDiagnostics.Explain(store.Connection, failed.Export, failed.Error);
        }
        return outcomes.Select((o, i) => o.AlreadyImported
            ? Summarize(paths[i], o.Record.ImportId, o.Record.Rows, alreadyImported: true)
            : summaries[o.Record.ImportId] with { Path = paths[i] }).ToList();
    }

    private static void CheckColumns(FocusSource source)
    {
        var where = source.Format == FocusFormat.Csv ? " (header, line 1)" : "";
        foreach (var column in FocusColumns.All)
        {
            var found = source.Find(column);
            if (found is null)
            {
                if (column.Required)
                {
                    var also = column.Aliases.Length > 0 ? " (or " + string.Join(", ", column.Aliases) + ")" : "";
                    throw new StewardInputException(
                        $"{source.DisplayName}: missing mandatory FOCUS column {column.Name}{also}{where}; nothing was imported");
                }
                continue;
            }
            if (!FocusExpressions.IsCompatible(column.Kind, found.Type))
                throw new StewardInputException(
                    $"{source.DisplayName}: column {found.Name} has type {found.Type}, expected {FocusColumns.SqlType(column.Kind)}; nothing was imported");
        }
    }

    private static long Load(ImportContext context, FocusSource source)
    {
        // Only the columns the export has are written, each in its stored type; the view
        // cost_focus shows the rest as NULL (see CostFocusTables for why).
        var present = FocusColumns.All.Select(c => (Column: c, Source: source.Find(c))).Where(x => x.Source is not null).ToList();
        var shape = present.Select(x => new StoredColumn(x.Column.Name, FocusExpressions.StoredType(x.Column, x.Source!), x.Column.NotNull)).ToList();
        var names = string.Join(", ", present.Select(x => x.Column.Name));
        var values = string.Join(",\n    ", present.Select(x => FocusExpressions.Convert(x.Column, x.Source!)));
        try
        {
            var part = CostFocusTables.PartFor(context.Store.Connection, shape);
            var sql = $"INSERT INTO {part} (import_id, {names})\nSELECT $import_id,\n    {values}\nFROM {source.Scan}";
            using var command = StoreSql.Command(context.Store.Connection, sql, ("import_id", context.ImportId));
            return command.ExecuteNonQuery();
        }
        catch (DuckDBException ex)
        {
            throw new LoadFailed(source, ex);
        }
    }

    private FocusImportResult Summarize(string path, long id, long rows, bool alreadyImported)
    {
        var totals = new List<CurrencyAmount>();
        using (var command = StoreSql.Command(store.Connection,
            "SELECT BillingCurrency, sum(BilledCost) FROM cost_focus WHERE import_id = $id GROUP BY 1 ORDER BY 1", ("id", id)))
        using (var reader = command.ExecuteReader())
        {
            while (reader.Read())
                totals.Add(new CurrencyAmount(reader.GetString(0), reader.GetDecimal(1)));
        }

        using var period = StoreSql.Command(store.Connection,
            "SELECT min(ChargePeriodStart), max(ChargePeriodEnd) FROM cost_focus WHERE import_id = $id", ("id", id));
        using var p = period.ExecuteReader();
        p.Read();
        return new FocusImportResult
        {
            Path = path,
            ImportId = id,
            AlreadyImported = alreadyImported,
            Rows = rows,
            BilledCost = totals,
            PeriodStart = p.IsDBNull(0) ? null : DateTime.SpecifyKind(p.GetDateTime(0), DateTimeKind.Utc),
            PeriodEnd = p.IsDBNull(1) ? null : DateTime.SpecifyKind(p.GetDateTime(1), DateTimeKind.Utc),
        };
    }

    /// <summary>Carries a refused load out of the import's transaction, to be explained after the rollback.</summary>
    private sealed class LoadFailed(FocusSource source, DuckDBException error) : Exception(error.Message, error)
    {
        public FocusSource Export { get; } = source;
        public DuckDBException Error { get; } = error;
    }
}

using DuckDB.NET.Data;
using Steward.Core.FinOps.Ledger;
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
        using var ledger = CostLedger.For(store);
        // Read every header first, so that a file lacking a column fails before any is loaded.
        var sources = new Dictionary<string, FocusSource>(StringComparer.Ordinal);
        foreach (var path in paths)
        {
            var full = Path.GetFullPath(path);
            if (!File.Exists(full))
                throw new FileNotFoundException(null, path);
            var source = FocusSource.Open(ledger.Files, full, path);
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
                var rows = ledger.Load(context, source);
                afterInsert?.Invoke(context);
                try
                {
                    summaries[context.ImportId] = Summarize(ledger, context.Path, context.ImportId, rows, alreadyImported: false);
                }
                catch (DuckDBException ex)
                {
                    throw new FocusLoadException(source, ex);
                }
                return rows;
            });
        }
        catch (FocusLoadException failed)
        {
            // The transaction is rolled back now, so the file can be scanned again to find the bad row.
            throw FocusDiagnostics.Explain(ledger.Files, failed.Export, failed.Error);
        }
        return outcomes.Select((o, i) => o.AlreadyImported
            ? Summarize(ledger, paths[i], o.Record.ImportId, o.Record.Rows, alreadyImported: true)
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

    private static FocusImportResult Summarize(ICostLedger ledger, string path, long id, long rows, bool alreadyImported)
    {
        var summary = ledger.Summary(id);
        return new FocusImportResult
        {
            Path = path,
            ImportId = id,
            AlreadyImported = alreadyImported,
            Rows = rows,
            BilledCost = summary.BilledCost,
            PeriodStart = summary.PeriodStart,
            PeriodEnd = summary.PeriodEnd,
        };
    }
}

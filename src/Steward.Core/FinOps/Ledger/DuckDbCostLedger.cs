using System.Data.Common;
using DuckDB.NET.Data;
using Steward.Core.FinOps.Import;
using Steward.Core.Storage;

namespace Steward.Core.FinOps.Ledger;

/// <summary>
/// FOCUS charges in the embedded DuckDB store: the file is read and written by one SQL statement
/// (<c>INSERT ... SELECT ... FROM read_parquet(...)</c>) into the part table of its shape (<see cref="CostFocusTables"/>).
/// </summary>
internal sealed class DuckDbCostLedger(StewardStore store) : CostLedger(store)
{
    private readonly DuckDBConnection connection = StoreBackend.DuckDb(store);

    public override StoreEngine Engine => StoreEngine.DuckDb;

    public override DuckDBConnection Files => connection;

    protected override DbConnection Connection => connection;

    protected override string Epoch(string timestamp) => $"epoch({timestamp})";

    protected override IReadOnlyList<(string Table, Func<string, string> Column)> UnderlyingTables() => CostFocusTables.UnderlyingTables(connection);

    public override long Load(ImportContext context, FocusSource source)
    {
        // Only the columns the export has are written, each in its stored type; the view
        // cost_focus shows the rest as NULL (see CostFocusTables for why).
        var present = source.Present();
        var shape = present.Select(x => new StoredColumn(x.Column.Name, FocusExpressions.StoredType(x.Column, x.Source), x.Column.NotNull)).ToList();
        var names = string.Join(", ", present.Select(x => x.Column.Name));
        var values = string.Join(",\n    ", present.Select(x => FocusExpressions.Convert(x.Column, x.Source)));
        try
        {
            var part = CostFocusTables.PartFor(connection, shape);
            var sql = $"INSERT INTO {part} (import_id, {names})\nSELECT $import_id,\n    {values}\nFROM {source.Scan}";
            using var command = StoreSql.Command(connection, sql, ("import_id", context.ImportId));
            return command.ExecuteNonQuery();
        }
        catch (DuckDBException ex)
        {
            throw new FocusLoadException(source, ex);
        }
    }
}

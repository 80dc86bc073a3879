using DuckDB.NET.Data;
using Steward.Core.FinOps;
using Steward.Core.FinOps.Import;
using Steward.Core.Storage;

using Steward.TestSupport;

namespace Steward.Core.Tests.FinOps;

/// <summary>cost_focus as a view over one part table per export shape, and the migration to it.</summary>
public class CostFocusTablesTests
{
    // The sample's totals, computed with Python's decimal module (see FocusImportTests):
    //   sum(Decimal(x) for x in pandas.read_csv(..., dtype=str, keep_default_na=False).BilledCost)
    private const decimal SampleBilledCost = 20.52022672899m;

    private static decimal Sum(IStewardStore store, string column)
        => Convert.ToDecimal(store.Scalar($"SELECT coalesce(sum({column}), 0) FROM cost_focus"));

    private static long Rows(IStewardStore store) => Convert.ToInt64(store.Scalar("SELECT count(*) FROM cost_focus"));

    /// <summary>The sample as Parquet with only the mandatory columns, money as DECIMAL(20,11) (the sample has 11 decimals).</summary>
    private static string NarrowParquet(string path, string? where = null)
    {
        using var scratch = StewardStore.InMemory();
        scratch.Execute($"""
            COPY (SELECT CAST(BilledCost AS DECIMAL(20,11)) AS BilledCost, CAST(EffectiveCost AS DECIMAL(20,11)) AS EffectiveCost,
                         CAST(ListCost AS DECIMAL(20,11)) AS ListCost, BillingCurrency,
                         CAST(ChargePeriodStart AS TIMESTAMP) AS ChargePeriodStart, CAST(ChargePeriodEnd AS TIMESTAMP) AS ChargePeriodEnd,
                         CAST(BillingPeriodStart AS TIMESTAMP) AS BillingPeriodStart, CAST(BillingPeriodEnd AS TIMESTAMP) AS BillingPeriodEnd,
                         ProviderName, ServiceName, ChargeCategory, Tags
                  FROM {FocusSource.ScanSql(FocusFiles.Sample, FocusFormat.Csv)} {where})
            TO '{path}' (FORMAT parquet)
            """);
        return path;
    }

    [Fact]
    public void Exports_of_one_shape_share_a_part_and_the_view_shows_every_column_in_its_canonical_type()
    {
        using var temp = new TempFolder();
        var first = NarrowParquet(temp["first.parquet"], "WHERE ServiceName <> 'Amazon Elastic Compute Cloud'");
        var second = NarrowParquet(temp["second.parquet"], "WHERE ServiceName = 'Amazon Elastic Compute Cloud'");
        using var store = StewardStore.Open(temp["s.duckdb"]);

        new FocusImporter(store).Import(first, second, FocusFiles.Sample);

        // Two shapes, whatever the number of files: the narrow Parquet (12 columns) and the CSV (43 of
        // Steward's 44 FOCUS columns: it has no ServiceSubcategory, and its Id column is not kept).
        var parts = CostFocusTables.Parts(store.Connection);
        parts.Select(p => p.Columns.Count).Should().BeEquivalentTo([12, 43]);
        parts.Single(p => p.Columns.Count == 12).Columns.Single(c => c.Name == "BilledCost").Type.Should().Be("DECIMAL(20,11)");
        store.Scalar("SELECT DISTINCT typeof(BilledCost) FROM cost_focus").Should().Be(FocusColumns.MoneyType);
        store.Scalar("SELECT DISTINCT typeof(ResourceId) FROM cost_focus").Should().Be("VARCHAR");
        // The two Parquet halves (554 EC2 rows and 446 others; no ServiceName is empty) make the sample once more, the CSV is the sample: twice its rows and total.
        Rows(store).Should().Be(2000);
        Sum(store, "BilledCost").Should().Be(2 * SampleBilledCost);
        // The narrow files have no ResourceId: their 1,000 rows read NULL, plus the sample's 75 without one.
        Convert.ToInt64(store.Scalar("SELECT count(*) FROM cost_focus WHERE ResourceId IS NULL")).Should().Be(1075);
    }

    [Fact]
    public void A_refused_export_of_a_new_shape_leaves_no_part_and_no_view_change()
    {
        using var temp = new TempFolder();
        var bad = temp["bad.parquet"];
        using (var scratch = StewardStore.InMemory())
        {
            scratch.Execute($"""
                COPY (SELECT * REPLACE (CASE WHEN ChargePeriodStart = (SELECT max(ChargePeriodStart) FROM {FocusSource.ScanSql(FocusFiles.Sample, FocusFormat.Csv)})
                                        THEN NULL ELSE CAST(BilledCost AS DECIMAL(20,11)) END AS BilledCost)
                      FROM {FocusSource.ScanSql(FocusFiles.Sample, FocusFormat.Csv)})
                TO '{bad}' (FORMAT parquet)
                """);
        }
        using var store = StewardStore.Open(temp["s.duckdb"]);
        var importer = new FocusImporter(store);
        importer.Import(FocusFiles.Sample);
        var view = store.Scalar("SELECT sql FROM duckdb_views() WHERE view_name = 'cost_focus'");

        var act = () => importer.Import(bad);

        act.Should().Throw<StewardInputException>().WithMessage("*bad.parquet: row *, column BilledCost: value is empty; nothing was imported");
        CostFocusTables.Parts(store.Connection).Should().ContainSingle();
        store.Scalar("SELECT sql FROM duckdb_views() WHERE view_name = 'cost_focus'").Should().Be(view);
        Sum(store, "BilledCost").Should().Be(SampleBilledCost);
    }

    [Fact]
    public void A_store_from_before_part_tables_keeps_its_rows_and_adds_new_imports_to_them()
    {
        using var temp = new TempFolder();
        var path = temp["old.duckdb"];
        // An earlier Steward: DuckDB's default storage format, and FinOps migrations 1-2 only (cost_focus a table).
        using (var old = new DuckDBConnection(new DuckDBConnectionStringBuilder { DataSource = path, ["storage_compatibility_version"] = "v0.10.2" }.ToString()))
            old.Open();
        var before = new SchemaModule(FinOpsSchema.ModuleName, FinOpsSchema.Module.Migrations.Take(2).ToList());
        using (var old = StewardStore.Open(path, before))
        {
            old.Execute("""
                INSERT INTO cost_focus (import_id, BilledCost, EffectiveCost, ListCost, BillingCurrency, ChargePeriodStart, ChargePeriodEnd) VALUES
                  (7, 1.25, 1.00, 1.50, 'USD', '2024-09-01 00:00:00', '2024-09-01 01:00:00'),
                  (7, 0.000000000010, 0, 0, 'USD', '2024-09-01 00:00:00', '2024-09-01 01:00:00')
                """);
        }

        using var store = StewardStore.Open(path, FinOpsSchema.Module);
        new FocusImporter(store).Import(FocusFiles.Sample);

        store.SchemaVersion(FinOpsSchema.ModuleName).Should().Be(FinOpsSchema.Module.LatestVersion);
        Rows(store).Should().Be(1002);
        // Python: Decimal('1.25') + Decimal('0.000000000010') + sum(Decimal(x) for x in df.BilledCost)
        Sum(store, "BilledCost").Should().Be(21.770226729000m);
        Convert.ToInt64(store.Scalar("SELECT count(*) FROM cost_focus_rows")).Should().Be(2);
    }
}

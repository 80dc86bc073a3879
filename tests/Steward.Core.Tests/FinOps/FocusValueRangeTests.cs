using Steward.Core.FinOps.Import;
using Steward.Core.Storage;
using Steward.TestSupport;

namespace Steward.Core.Tests.FinOps;

/// <summary>
/// Issue 12, item 6: a FOCUS export whose costs overflow DuckDB's HUGEINT when summed was kept after
/// the import failed. Values are now range-checked on the way in (costs within ±10^15, quantities
/// finite and within ±10^18, date-times from 1970 to 2199) and the import's summary runs inside
/// its transaction, so a failed import leaves the store exactly as it was.
/// </summary>
public class FocusValueRangeTests
{
    // 26 nines: the largest integer part DECIMAL(38,12) holds. Two of them sum to 2·10^26 - 2, which
    // as 10^-12 units (2·10^38) exceeds HUGEINT's 1.7·10^38: DuckDB's "Overflow in HUGEINT addition".
    private const string Huge = "99999999999999999999999999.0";

    private static long Rows(IStewardStore store) => Convert.ToInt64(store.Scalar("SELECT count(*) FROM cost_focus"));

    /// <summary>The sample with data rows 2 and 3 (1-based) given BilledCost <see cref="Huge"/>.</summary>
    private static string Overflowing(string folder)
    {
        var lines = FocusFiles.SampleLines();
        var index = FocusFiles.Split(lines[0]).IndexOf("\"BilledCost\"");
        foreach (var row in new[] { 2, 3 })
        {
            var cells = FocusFiles.Split(lines[row]);
            cells[index] = Huge;
            lines[row] = string.Join(",", cells);
        }
        var path = Path.Combine(folder, "overflowing.csv");
        File.WriteAllLines(path, lines);
        return path;
    }

    [Fact]
    public void The_sum_really_overflows_in_DuckDB()
    {
        // The premise of the test file, checked against DuckDB itself rather than assumed.
        using var store = StewardStore.InMemory();
        var act = () => store.Scalar($"SELECT sum(x) FROM (VALUES (CAST('{Huge}' AS DECIMAL(38,12))), (CAST('{Huge}' AS DECIMAL(38,12)))) t(x)");
        act.Should().Throw<DuckDB.NET.Data.DuckDBException>().WithMessage("*Overflow in HUGEINT addition*");
    }

    [Fact]
    public void An_overflowing_export_is_refused_naming_its_row_and_the_store_is_unchanged()
    {
        using var temp = new TempFolder();
        using var store = StewardStore.Open(temp["s.duckdb"]);
        var importer = new FocusImporter(store);
        var first = temp["first.csv"];
        File.WriteAllLines(first, FocusFiles.SampleLines().Take(11));
        importer.Import(first);
        var importsBefore = store.Imports();
        var rowsBefore = Rows(store);

        var act = () => importer.Import(Overflowing(temp.Path));

        act.Should().Throw<StewardInputException>().WithMessage(
            $"{temp["overflowing.csv"]}: row 2 (line 3), column BilledCost: value '{Huge}' is out of range (a cost must be within ±10^15); nothing was imported");
        store.Imports().Should().Equal(importsBefore);
        Rows(store).Should().Be(rowsBefore).And.Be(10);

        // The corrected export (the sample itself) imports, as new content.
        var corrected = importer.Import(FocusFiles.Sample).Single();
        corrected.AlreadyImported.Should().BeFalse();
        corrected.Rows.Should().Be(1000);
        Rows(store).Should().Be(1010);
    }

    [Fact]
    public void An_overflowing_Parquet_export_with_wide_decimals_is_refused_too()
    {
        // DECIMAL(38,12) in Parquet is stored as it is (no cast that could fail): the guard must catch it.
        using var temp = new TempFolder();
        var parquet = temp["wide.parquet"];
        using (var scratch = StewardStore.InMemory())
        {
            scratch.Execute($"""
                COPY (SELECT * REPLACE (CAST(BilledCost AS DECIMAL(38,12)) AS BilledCost)
                      FROM {FocusSource.ScanSql(Overflowing(temp.Path), FocusFormat.Csv)})
                TO '{parquet}' (FORMAT parquet)
                """);
        }
        using var store = StewardStore.Open(temp["s.duckdb"]);

        var act = () => new FocusImporter(store).Import(parquet);

        act.Should().Throw<StewardInputException>().WithMessage(
            "*wide.parquet: row 2, column BilledCost: value '99999999999999999999999999.000000000000' is out of range (a cost must be within ±10^15); nothing was imported");
        Rows(store).Should().Be(0);
        store.Imports().Should().BeEmpty();
    }

    [Theory]
    // The bound itself is accepted, one 10^-12 unit beyond it is not.
    [InlineData("BilledCost", "1000000000000000", null)]
    [InlineData("BilledCost", "-1000000000000000.000000000001", "value '-1000000000000000.000000000001' is out of range (a cost must be within ±10^15)")]
    [InlineData("ListCost", "1e40", "value '1e40' is out of range (a cost must be within ±10^15)")]
    [InlineData("EffectiveCost", "NaN", "value 'NaN' is not a decimal number")]
    [InlineData("PricingQuantity", "NaN", "value 'NaN' is out of range (a quantity or unit price must be finite and within ±10^18)")]
    [InlineData("ConsumedQuantity", "-Infinity", "value '-Infinity' is out of range (a quantity or unit price must be finite and within ±10^18)")]
    [InlineData("ListUnitPrice", "2e18", "value '2e18' is out of range (a quantity or unit price must be finite and within ±10^18)")]
    [InlineData("ChargePeriodStart", "\"2200-01-01 00:00:00\"", "value '2200-01-01 00:00:00' is out of range (a date-time must be from 1970 to 2199)")]
    [InlineData("BillingPeriodEnd", "\"1969-12-31 23:59:59\"", "value '1969-12-31 23:59:59' is out of range (a date-time must be from 1970 to 2199)")]
    public void Values_are_range_checked_on_the_way_in(string column, string value, string? problem)
    {
        using var temp = new TempFolder();
        using var store = StewardStore.Open(temp["s.duckdb"]);
        var path = FocusFiles.WithValue(temp.Path, column, 5, value);

        var act = () => new FocusImporter(store).Import(path);

        if (problem is null)
        {
            act.Should().NotThrow();
            Rows(store).Should().Be(1000);
            return;
        }
        act.Should().Throw<StewardInputException>().WithMessage($"{path}: row 5 (line 6), column {column}: {problem}; nothing was imported");
        Rows(store).Should().Be(0);
    }

    [Fact]
    public void A_failure_inside_the_store_after_the_rows_are_written_rolls_everything_back()
    {
        // Defence in depth: an arithmetic overflow in DuckDB after the insert (here forced in the
        // import's own transaction) must take the rows and the import record with it.
        using var temp = new TempFolder();
        using var store = StewardStore.Open(temp["s.duckdb"]);

        var act = () => new FocusImporter(store).Import([FocusFiles.Sample], context =>
            context.Store.Scalar($"SELECT sum(x) FROM (VALUES (CAST('{Huge}' AS DECIMAL(38,12))), (CAST('{Huge}' AS DECIMAL(38,12)))) t(x)"));

        act.Should().Throw<DuckDB.NET.Data.DuckDBException>().WithMessage("*Overflow in HUGEINT addition*");
        Rows(store).Should().Be(0);
        store.Imports().Should().BeEmpty();
        new FocusImporter(store).Import(FocusFiles.Sample).Single().AlreadyImported.Should().BeFalse();
        Rows(store).Should().Be(1000);
    }
}

using System.IO.Compression;
using Steward.Core.FinOps;
using Steward.Core.FinOps.Import;
using Steward.Core.Storage;

using Steward.TestSupport;

namespace Steward.Core.Tests.FinOps;

public class FocusImportTests
{
    // Independently computed from focus_sample.csv with Python's decimal module:
    //   df = pandas.read_csv(..., dtype=str, keep_default_na=False); sum(Decimal(x) for x in df.BilledCost)
    private const decimal SampleBilledCost = 20.52022672899m;
    private const decimal SampleEffectiveCost = 14.97651418586m;
    private const decimal SampleListCost = 20.39090575119m;

    private static decimal Sum(IStewardStore store, string column)
        => Convert.ToDecimal(store.Scalar($"SELECT coalesce(sum({column}), 0) FROM cost_focus"));

    private static long Rows(IStewardStore store) => Convert.ToInt64(store.Scalar("SELECT count(*) FROM cost_focus"));

    [Fact]
    public void The_sample_imports_with_totals_that_reconcile_exactly()
    {
        using var temp = new TempFolder();
        using var store = StewardStore.Open(temp["s.duckdb"]);

        var result = new FocusImporter(store).Import(FocusFiles.Sample).Single();

        result.AlreadyImported.Should().BeFalse();
        result.Rows.Should().Be(1000);
        result.BilledCost.Should().Equal(new CurrencyAmount("USD", SampleBilledCost));
        result.PeriodStart.Should().Be(new DateTime(2024, 9, 1, 0, 0, 0, DateTimeKind.Utc));
        result.PeriodEnd.Should().Be(new DateTime(2024, 10, 1, 0, 0, 0, DateTimeKind.Utc));
        Sum(store, "BilledCost").Should().Be(SampleBilledCost);
        Sum(store, "EffectiveCost").Should().Be(SampleEffectiveCost);
        Sum(store, "ListCost").Should().Be(SampleListCost);
        // 289 rows have Tags NULL (pandas: (df.Tags == 'NULL').sum()), 75 have no ResourceId.
        Convert.ToInt64(store.Scalar("SELECT count(*) FROM cost_focus WHERE Tags IS NULL")).Should().Be(289);
        Convert.ToInt64(store.Scalar("SELECT count(*) FROM cost_focus WHERE ResourceId IS NULL")).Should().Be(75);
    }

    [Fact]
    public void Importing_the_same_file_twice_changes_nothing()
    {
        using var temp = new TempFolder();
        using var store = StewardStore.Open(temp["s.duckdb"]);
        var importer = new FocusImporter(store);
        var first = importer.Import(FocusFiles.Sample).Single();

        var second = importer.Import(FocusFiles.Sample).Single();

        second.AlreadyImported.Should().BeTrue();
        second.ImportId.Should().Be(first.ImportId);
        second.BilledCost.Should().Equal(first.BilledCost);
        Rows(store).Should().Be(1000);
        Sum(store, "BilledCost").Should().Be(SampleBilledCost);
    }

    [Fact]
    public void A_missing_mandatory_column_is_named_and_nothing_is_imported()
    {
        using var temp = new TempFolder();
        var bad = FocusFiles.WithoutColumn(temp.Path, "BilledCost");
        using var store = StewardStore.Open(temp["s.duckdb"]);

        var act = () => new FocusImporter(store).Import(FocusFiles.Sample, bad);

        act.Should().Throw<StewardInputException>()
            .WithMessage("*without-BilledCost.csv: missing mandatory FOCUS column BilledCost (header, line 1)*");
        Rows(store).Should().Be(0);
        store.Imports().Should().BeEmpty();
    }

    [Fact]
    public void Text_in_BilledCost_is_named_with_its_row_and_line_and_nothing_is_imported()
    {
        using var temp = new TempFolder();
        var bad = FocusFiles.WithValue(temp.Path, "BilledCost", 5, "\"twelve\"");
        using var store = StewardStore.Open(temp["s.duckdb"]);
        var importer = new FocusImporter(store);
        importer.Import(FocusFiles.Sample);

        var act = () => importer.Import(bad);

        act.Should().Throw<StewardInputException>()
            .WithMessage("*bad-BilledCost-5.csv: row 5 (line 6), column BilledCost: value 'twelve' is not a decimal number*");
        Rows(store).Should().Be(1000);
        Sum(store, "BilledCost").Should().Be(SampleBilledCost);
        store.Imports().Should().ContainSingle();
    }

    [Fact]
    public void An_empty_mandatory_value_and_a_bad_date_are_named()
    {
        using var temp = new TempFolder();
        using var store = StewardStore.Open(temp["s.duckdb"]);
        var importer = new FocusImporter(store);

        var emptyCurrency = () => importer.Import(FocusFiles.WithValue(temp.Path, "BillingCurrency", 17, ""));
        var badDate = () => importer.Import(FocusFiles.WithValue(temp.Path, "ChargePeriodStart", 999, "\"yesterday\""));
        var badTags = () => importer.Import(FocusFiles.WithValue(temp.Path, "Tags", 3, "\"{not json\""));

        emptyCurrency.Should().Throw<StewardInputException>().WithMessage("*row 17 (line 18), column BillingCurrency: value is empty*");
        badDate.Should().Throw<StewardInputException>().WithMessage("*row 999 (line 1000), column ChargePeriodStart: value 'yesterday' is not an ISO 8601 date-time*");
        badTags.Should().Throw<StewardInputException>().WithMessage("*row 3 (line 4), column Tags: value '{not json' is not a JSON object*");
        Rows(store).Should().Be(0);
    }

    [Fact]
    public void Gzip_csv_and_parquet_exports_give_the_same_totals()
    {
        using var temp = new TempFolder();
        var gz = temp["focus.csv.gz"];
        using (var input = File.OpenRead(FocusFiles.Sample))
        using (var output = new GZipStream(File.Create(gz), CompressionLevel.Fastest))
            input.CopyTo(output);
        var parquet = temp["focus.parquet"];
        using (var scratch = StewardStore.InMemory())
        {
            // Typed the way exporters write Parquet: decimals, timestamps, and Tags as text.
            scratch.Execute($"""
                COPY (SELECT * REPLACE (CAST(BilledCost AS DECIMAL(20,11)) AS BilledCost,
                                        CAST(ChargePeriodStart AS TIMESTAMP) AS ChargePeriodStart)
                      FROM {FocusSource.ScanSql(FocusFiles.Sample, FocusFormat.Csv)})
                TO '{parquet}' (FORMAT parquet)
                """);
        }

        using var store = StewardStore.Open(temp["s.duckdb"]);
        var results = new FocusImporter(store).Import(gz, parquet);

        results.Select(r => r.Rows).Should().Equal(1000, 1000);
        results.Select(r => r.BilledCost.Single().Amount).Should().Equal(SampleBilledCost, SampleBilledCost);
        Sum(store, "BilledCost").Should().Be(2 * SampleBilledCost);
    }

    [Fact]
    public void Focus_1_3_ServiceProviderName_and_time_zone_offsets_are_accepted()
    {
        using var temp = new TempFolder();
        var path = temp["focus13.csv"];
        File.WriteAllLines(path,
        [
            "BilledCost,EffectiveCost,ListCost,BillingCurrency,ChargePeriodStart,ChargePeriodEnd,BillingPeriodStart,BillingPeriodEnd,ServiceProviderName,ServiceName,ChargeCategory,Tags",
            "1.25,1.00,1.50,EUR,2025-03-01T10:00:00+02:00,2025-03-01T11:00:00+02:00,2025-03-01T00:00:00Z,2025-04-01T00:00:00Z,Acme,Compute,Usage,\"{\"\"team\"\": \"\"ml\"\"}\"",
        ]);
        using var store = StewardStore.Open(temp["s.duckdb"]);

        var result = new FocusImporter(store).Import(path).Single();

        result.BilledCost.Should().Equal(new CurrencyAmount("EUR", 1.25m));
        result.PeriodStart.Should().Be(new DateTime(2025, 3, 1, 8, 0, 0, DateTimeKind.Utc));
        store.Scalar("SELECT ProviderName FROM cost_focus").Should().Be("Acme");
        store.Scalar("SELECT json_extract_string(Tags, '/team') FROM cost_focus").Should().Be("ml");
    }

    [Fact]
    public void A_row_with_too_few_columns_is_named_by_line()
    {
        using var temp = new TempFolder();
        var lines = FocusFiles.SampleLines().Take(6).Append("NULL,1.0,\"x\"").ToArray();
        var path = temp["ragged.csv"];
        File.WriteAllLines(path, lines);
        using var store = StewardStore.Open(temp["s.duckdb"]);

        var act = () => new FocusImporter(store).Import(path);

        act.Should().Throw<StewardInputException>().WithMessage("*ragged.csv: line 7: expected 44 columns, found 3; nothing was imported");
        Rows(store).Should().Be(0);
    }

    [Fact]
    public void A_parquet_column_of_the_wrong_type_is_refused()
    {
        using var temp = new TempFolder();
        var parquet = temp["bool-cost.parquet"];
        using (var scratch = StewardStore.InMemory())
        {
            scratch.Execute($"""
                COPY (SELECT * REPLACE (BilledCost IS NOT NULL AS BilledCost)
                      FROM {FocusSource.ScanSql(FocusFiles.Sample, FocusFormat.Csv)})
                TO '{parquet}' (FORMAT parquet)
                """);
        }
        using var store = StewardStore.Open(temp["s.duckdb"]);

        var act = () => new FocusImporter(store).Import(parquet);

        act.Should().Throw<StewardInputException>()
            .WithMessage("*bool-cost.parquet: column BilledCost has type BOOLEAN, expected DECIMAL(38,12); nothing was imported");
    }

    [Fact]
    public void An_unknown_extension_is_refused()
    {
        using var temp = new TempFolder();
        var path = temp["focus.xlsx"];
        File.WriteAllText(path, "x");
        using var store = StewardStore.Open(temp["s.duckdb"]);

        var act = () => new FocusImporter(store).Import(path);

        act.Should().Throw<StewardInputException>().WithMessage("*focus.xlsx: unknown FOCUS export format*");
    }
}

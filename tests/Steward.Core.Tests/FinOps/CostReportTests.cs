using Steward.Core.FinOps.Import;
using Steward.Core.FinOps.Reports;
using Steward.Core.Storage;

using Steward.TestSupport;

namespace Steward.Core.Tests.FinOps;

/// <summary>
/// Expected figures are the file's own sums, computed independently with Python's decimal module
/// over pandas.read_csv(focus_sample.csv, dtype=str): group by the column (or json.loads(Tags).get(key),
/// '__unallocated__' when absent) and add Decimal(BilledCost); sorted by cost descending then key.
/// </summary>
public sealed class CostReportTests : IDisposable
{
    private readonly TempFolder temp = new();
    private readonly StewardStore store;

    public CostReportTests()
    {
        store = StewardStore.Open(temp["s.duckdb"]);
        new FocusImporter(store).Import(FocusFiles.Sample);
    }

    public void Dispose()
    {
        store.Dispose();
        temp.Dispose();
    }

    private CostReportResult Report(string groupBy, string metric = "BilledCost", CostFilter? filter = null)
        => CostReport.Run(store, CostDimension.ParseList(groupBy), metric, filter);

    [Fact]
    public void Per_provider_totals_equal_the_file_sums()
    {
        var report = Report("ProviderName");

        report.Rows.Should().Equal(
            new CostReportRow(["AWS"], 18.00663861840m),
            new CostReportRow(["Microsoft"], 1.97651418586m),
            new CostReportRow(["Oracle"], 0.53707392473m));
        report.Total.Should().Be(20.52022672899m);
        report.Currency.Should().Be("USD");
    }

    [Fact]
    public void Per_service_totals_equal_the_file_sums_and_add_up_to_the_total()
    {
        var report = Report("ServiceName");

        report.Rows.Should().HaveCount(33);
        report.Rows.Take(3).Should().Equal(
            new CostReportRow(["Amazon Elastic Compute Cloud"], 16.04169305050m),
            new CostReportRow(["Azure Kubernetes Service"], 1.58088000000m),
            new CostReportRow(["Amazon Relational Database Service"], 0.75322708520m));
        // Two services cost exactly 0: ties are ordered by key.
        report.Rows.TakeLast(3).Should().Equal(
            new CostReportRow(["AWS CloudTrail"], 0m),
            new CostReportRow(["NETWORK"], 0m),
            new CostReportRow(["Azure Machine Learning"], -0.15189756178m));
        report.Rows.Sum(r => r.Cost).Should().Be(20.52022672899m);
    }

    [Fact]
    public void Per_tag_totals_keep_untagged_costs_as_unallocated()
    {
        var environment = Report("tag:environment");
        var project = Report("tag:Project");

        environment.Rows.Should().Equal(
            new CostReportRow(["dev"], 18.20324140013m),
            new CostReportRow(["prod"], 2.04282084220m),
            new CostReportRow(["__unallocated__"], 0.27416448666m));
        project.Rows.Should().Equal(
            new CostReportRow(["__unallocated__"], 20.51995771699m),
            new CostReportRow(["Foo"], 0.00026901200m));
        environment.Total.Should().Be(20.52022672899m);
        Report("tag:business_unit").Rows.Should().HaveCount(302);
    }

    [Fact]
    public void Two_dimensions_day_granularity_metric_and_dates()
    {
        var byProviderService = Report("ProviderName,ServiceName");
        var byDay = Report("ChargePeriodStart:day");
        var byMonth = Report("ChargePeriodStart:month");
        var effective = Report("ProviderName", "EffectiveCost");
        var window = Report("ProviderName", filter: new CostFilter { From = new DateOnly(2024, 9, 10), To = new DateOnly(2024, 9, 19) });

        byProviderService.Rows.Should().HaveCount(33);
        byProviderService.Rows[0].Should().Be(new CostReportRow(["AWS", "Amazon Elastic Compute Cloud"], 16.04169305050m));
        byDay.Rows.Should().HaveCount(30);
        byDay.Rows.Take(2).Should().Equal(
            new CostReportRow(["2024-09-18"], 2.28791439970m),
            new CostReportRow(["2024-09-13"], 2.18537286780m));
        byMonth.Rows.Should().Equal(new CostReportRow(["2024-09"], 20.52022672899m));
        effective.Rows.Should().Equal(
            new CostReportRow(["AWS"], 13.00000000000m),
            new CostReportRow(["Microsoft"], 1.97651418586m),
            new CostReportRow(["Oracle"], 0m));
        effective.Total.Should().Be(14.97651418586m);
        // ChargePeriodStart from 2024-09-10 through 2024-09-19 inclusive.
        window.Total.Should().Be(9.60694642782m);
    }

    [Fact]
    public void Weeks_start_on_monday_and_tag_keys_may_hold_spaces()
    {
        // pandas: Monday = date - weekday; the sample starts on Sunday 2024-09-01 (week of 2024-08-26).
        Report("ChargePeriodStart:week").Rows.Should().Equal(
            new CostReportRow(["2024-09-16"], 8.10435416364m),
            new CostReportRow(["2024-09-23"], 5.65600312540m),
            new CostReportRow(["2024-09-09"], 4.71928978461m),
            new CostReportRow(["2024-09-30"], 1.06985930120m),
            new CostReportRow(["2024-09-02"], 0.84312895064m),
            new CostReportRow(["2024-08-26"], 0.12759140350m));
        // The sample has a tag key " org" (leading space).
        Report("tag: org").Rows.Should().Equal(
            new CostReportRow(["__unallocated__"], 20.51431626846m),
            new CostReportRow(["trey"], 0.00591046053m));
    }

    [Fact]
    public void Parquet_tags_stored_as_a_map_are_queryable_like_json_tags()
    {
        var parquet = temp["map-tags.parquet"];
        store.Execute($$"""
            COPY (SELECT * REPLACE (CASE WHEN Tags IS NULL THEN NULL
                                         ELSE MAP {'environment': json_extract_string(Tags, '/environment')} END AS Tags)
                  FROM {{FocusSource.ScanSql(FocusFiles.Sample, FocusFormat.Csv)}})
            TO '{{parquet}}' (FORMAT parquet)
            """);
        using var other = StewardStore.Open(temp["map.duckdb"]);
        new FocusImporter(other).Import(parquet);

        CostReport.Run(other, CostDimension.ParseList("tag:environment")).Rows.Should().Equal(
            new CostReportRow(["dev"], 18.20324140013m),
            new CostReportRow(["prod"], 2.04282084220m),
            new CostReportRow(["__unallocated__"], 0.27416448666m));
    }

    [Fact]
    public void Nothing_but_whitelisted_columns_reaches_sql()
    {
        var injection = () => Report("ServiceName; DROP TABLE cost_focus");
        var money = () => Report("BilledCost");
        var metric = () => Report("ServiceName", "ResourceId");
        var granularity = () => Report("ChargePeriodStart:fortnight");

        injection.Should().Throw<StewardInputException>().WithMessage("--group-by: unknown dimension 'ServiceName; DROP TABLE cost_focus'*");
        money.Should().Throw<StewardInputException>().WithMessage("*unknown dimension 'BilledCost'*");
        metric.Should().Throw<StewardInputException>().WithMessage("--metric: unknown metric 'ResourceId'*");
        granularity.Should().Throw<StewardInputException>().WithMessage("*unknown granularity 'fortnight'*");
        // A tag key is a bound parameter, not SQL.
        Report("tag:x') OR 1=1 --").Rows.Should().Equal(new CostReportRow(["__unallocated__"], 20.52022672899m));
    }

    [Fact]
    public void Several_currencies_need_a_choice()
    {
        var path = temp["eur.csv"];
        File.WriteAllLines(path,
        [
            "BilledCost,EffectiveCost,ListCost,BillingCurrency,ChargePeriodStart,ChargePeriodEnd,BillingPeriodStart,BillingPeriodEnd,ProviderName,ServiceName,ChargeCategory",
            "3.5,3.5,3.5,EUR,2024-09-02,2024-09-03,2024-09-01,2024-10-01,Acme,Compute,Usage",
        ]);
        new FocusImporter(store).Import(path);

        var mixed = () => Report("ProviderName");

        mixed.Should().Throw<StewardInputException>().WithMessage("*several currencies (EUR, USD); choose one with --currency*");
        Report("ProviderName", filter: new CostFilter { Currency = "EUR" }).Total.Should().Be(3.5m);
        Report("ProviderName", filter: new CostFilter { Currency = "USD" }).Total.Should().Be(20.52022672899m);
    }
}

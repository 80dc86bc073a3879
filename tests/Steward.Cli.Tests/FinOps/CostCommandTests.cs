using System.Text.Json;

namespace Steward.Cli.Tests.FinOps;

/// <summary>
/// End-to-end: the real CLI in-process. Expected figures are focus_sample.csv's own sums, computed
/// independently with Python's decimal module over pandas.read_csv(..., dtype=str) (group by the
/// column or by json.loads(Tags).get(key), '__unallocated__' when absent; sum Decimal(BilledCost)).
/// </summary>
public sealed class CostCommandTests : IDisposable
{
    private readonly CostCli cli = new();

    public void Dispose() => cli.Dispose();

    private static Dictionary<string, decimal> Costs(JsonElement report, string dimension)
        => report.GetProperty("rows").EnumerateArray().ToDictionary(
            r => r.GetProperty("keys").GetProperty(dimension).GetString()!,
            r => r.GetProperty("cost").GetDecimal());

    private async Task<JsonElement> Report(params string[] args)
    {
        var (exit, output, error) = await cli.Run(["cost", "report", .. args, "--format", "json"]);
        exit.Should().Be(0, error);
        return JsonDocument.Parse(output).RootElement.Clone();
    }

    [Fact]
    public async Task Import_prints_rows_total_currency_and_period()
    {
        var (exit, output, _) = await cli.Run("cost", "import", CostCli.Sample);

        exit.Should().Be(0);
        output.Should().Be("focus_sample.csv: imported 1000 rows, BilledCost 20.52022672899 USD, 2024-09-01 to 2024-10-01 (import 1)\n");
        System.IO.File.Exists(cli.StorePath).Should().BeTrue();
    }

    [Fact]
    public async Task Provider_service_and_tag_totals_equal_the_file_sums_also_after_a_second_import()
    {
        (await cli.Run("cost", "import", CostCli.Sample)).Exit.Should().Be(0);
        var again = await cli.Run("cost", "import", CostCli.Sample);
        again.Out.Should().Contain("already imported (import 1); nothing added");

        var providers = await Report("--group-by", "ProviderName");
        var services = await Report("--group-by", "ServiceName");
        var environments = await Report("--group-by", "tag:environment");

        Costs(providers, "ProviderName").Should().Equal(new Dictionary<string, decimal>
        {
            ["AWS"] = 18.00663861840m,
            ["Microsoft"] = 1.97651418586m,
            ["Oracle"] = 0.53707392473m,
        });
        providers.GetProperty("total").GetDecimal().Should().Be(20.52022672899m);
        providers.GetProperty("currency").GetString().Should().Be("USD");
        var byService = Costs(services, "ServiceName");
        byService.Should().HaveCount(33);
        byService["Amazon Elastic Compute Cloud"].Should().Be(16.04169305050m);
        byService["Azure Machine Learning"].Should().Be(-0.15189756178m);
        services.GetProperty("total").GetDecimal().Should().Be(20.52022672899m);
        Costs(environments, "tag:environment").Should().Equal(new Dictionary<string, decimal>
        {
            ["dev"] = 18.20324140013m,
            ["prod"] = 2.04282084220m,
            ["__unallocated__"] = 0.27416448666m,
        });
        // Sorted by cost descending.
        var costs = services.GetProperty("rows").EnumerateArray().Select(r => r.GetProperty("cost").GetDecimal()).ToList();
        costs.Should().BeInDescendingOrder();
    }

    [Fact]
    public async Task A_file_missing_a_mandatory_column_exits_2_and_leaves_the_store_unchanged()
    {
        (await cli.Run("cost", "import", CostCli.Sample)).Exit.Should().Be(0);
        var bad = cli.SampleVariant("no-billed-cost.csv", "BilledCost");

        var (exit, output, error) = await cli.Run("cost", "import", bad);

        exit.Should().Be(2);
        output.Should().BeEmpty();
        error.Should().Contain("no-billed-cost.csv: missing mandatory FOCUS column BilledCost (header, line 1)");
        (await Report("--group-by", "ProviderName")).GetProperty("total").GetDecimal().Should().Be(20.52022672899m);
    }

    [Fact]
    public async Task Text_in_BilledCost_exits_2_naming_row_line_and_column_and_nothing_is_imported()
    {
        var bad = cli.SampleVariant("text-cost.csv", "BilledCost", 5, "\"n/a\"");

        var (exit, _, error) = await cli.Run("cost", "import", CostCli.Sample, bad);

        exit.Should().Be(2);
        error.Should().StartWith("steward: ").And.EndWith("text-cost.csv: row 5 (line 6), column BilledCost: value 'n/a' is not a decimal number; nothing was imported\n");
        // Both files were one import: the good one was not kept either.
        (await Report("--group-by", "ProviderName")).GetProperty("rows").GetArrayLength().Should().Be(0);
    }

    [Fact]
    public async Task Bad_dimensions_metrics_and_dates_exit_2()
    {
        (await cli.Run("cost", "import", CostCli.Sample)).Exit.Should().Be(0);

        var injection = await cli.Run("cost", "report", "--group-by", "ServiceName) FROM cost_focus; DROP TABLE imports; --");
        var metric = await cli.Run("cost", "report", "--group-by", "ServiceName", "--metric", "Tags");
        var date = await cli.Run("cost", "report", "--group-by", "ServiceName", "--from", "01/09/2024");
        var format = await cli.Run("cost", "report", "--group-by", "ServiceName", "--format", "xml");

        injection.Exit.Should().Be(2);
        injection.Err.Should().Contain("--group-by: unknown dimension");
        metric.Exit.Should().Be(2);
        metric.Err.Should().Contain("--metric: unknown metric 'Tags'");
        date.Exit.Should().Be(2);
        date.Err.Should().Contain("--from: '01/09/2024' is not a date (YYYY-MM-DD)");
        format.Exit.Should().Be(2);
        (await Report("--group-by", "ProviderName")).GetProperty("total").GetDecimal().Should().Be(20.52022672899m);
    }

    [Fact]
    public async Task Table_csv_and_html_show_the_same_figures()
    {
        (await cli.Run("cost", "import", CostCli.Sample)).Exit.Should().Be(0);

        var table = await cli.Run("cost", "report", "--group-by", "ProviderName");
        var csv = await cli.Run("cost", "report", "--group-by", "ProviderName", "--format", "csv");
        var html = await cli.Run("cost", "report", "--group-by", "ProviderName", "--format", "html");

        table.Out.Should().Be("""
            ProviderName  BilledCost (USD)  share
            ------------  ----------------  -----
            AWS                  18.006639  87.8%
            Microsoft             1.976514   9.6%
            Oracle                0.537074   2.6%
            ------------  ----------------  -----
            total                20.520227

            """);
        csv.Out.Should().Be("ProviderName,cost\nAWS,18.0066386184\nMicrosoft,1.97651418586\nOracle,0.53707392473\n");
        html.Out.Should().Contain("<td>AWS</td><td class=\"n\">18.0066386184</td>").And.Contain("<th class=\"n\">20.52022672899</th>");
    }

    [Fact]
    public async Task Day_granularity_and_date_window()
    {
        (await cli.Run("cost", "import", CostCli.Sample)).Exit.Should().Be(0);

        var days = await Report("--group-by", "ChargePeriodStart:day", "--from", "2024-09-10", "--to", "2024-09-19");

        // pandas: BilledCost summed over ChargePeriodStart dates 2024-09-10..2024-09-19 = 9.60694642782.
        days.GetProperty("total").GetDecimal().Should().Be(9.60694642782m);
        days.GetProperty("rows").GetArrayLength().Should().Be(10);
        Costs(days, "ChargePeriodStart:day")["2024-09-18"].Should().Be(2.28791439970m);
    }
}

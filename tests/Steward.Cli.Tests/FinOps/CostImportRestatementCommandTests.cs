using System.Text.Json;

namespace Steward.Cli.Tests.FinOps;

/// <summary>
/// <c>steward cost import --replace-period</c>: a restated export replaces the billing period it re-sends.
/// Expected sums computed independently with pandas.read_csv(dtype=str) and Python's decimal module:
/// the restated file (CostCli.RestatedAws: 847 AWS rows) sums to 13.31314368890; the sample's other
/// providers keep Microsoft 1.97651418586 and Oracle 0.53707392473.
/// </summary>
public sealed class CostImportRestatementCommandTests : IDisposable
{
    private readonly CostCli cli = new();

    public void Dispose() => cli.Dispose();

    private async Task<Dictionary<string, decimal>> Providers()
    {
        var (exit, output, error) = await cli.Run("cost", "report", "--group-by", "ProviderName", "--format", "json");
        exit.Should().Be(0, error);
        var json = JsonDocument.Parse(output).RootElement;
        var rows = json.GetProperty("rows").EnumerateArray().ToDictionary(
            r => r.GetProperty("keys").GetProperty("ProviderName").GetString()!, r => r.GetProperty("cost").GetDecimal());
        json.GetProperty("total").GetDecimal().Should().Be(rows.Values.Sum());
        return rows;
    }

    [Fact]
    public async Task A_restated_export_replaces_its_billing_period_and_the_totals_are_its_own_sums()
    {
        (await cli.Run("cost", "import", CostCli.Sample)).Exit.Should().Be(0);
        var restated = cli.RestatedAws("aws-2024-09-restated.csv");

        var (exit, output, error) = await cli.Run("cost", "import", "--replace-period", restated);

        exit.Should().Be(0, error);
        output.Should().Be("""
            aws-2024-09-restated.csv: imported 847 rows, BilledCost 13.3131436889 USD, 2024-09-01 to 2024-10-01 (import 2)
              replaced 942 rows of import 1 (AWS, account 1234567890123, billing period 2024-09-01), BilledCost 18.0066386184 USD

            """.Replace("\r\n", "\n", StringComparison.Ordinal));
        (await Providers()).Should().Equal(new Dictionary<string, decimal>
        {
            ["AWS"] = 13.31314368890m,
            ["Microsoft"] = 1.97651418586m,
            ["Oracle"] = 0.53707392473m,
        });
    }

    [Fact]
    public async Task Without_the_option_a_restated_export_adds_to_the_period_and_importing_it_again_with_the_option_changes_nothing()
    {
        (await cli.Run("cost", "import", CostCli.Sample)).Exit.Should().Be(0);
        var restated = cli.RestatedAws("restated.csv");
        (await cli.Run("cost", "import", restated)).Exit.Should().Be(0);
        // 18.00663861840 + 13.31314368890: the period counted twice, which is why the option exists.
        (await Providers())["AWS"].Should().Be(31.31978230730m);

        var (exit, output, _) = await cli.Run("cost", "import", "--replace-period", restated);

        exit.Should().Be(0);
        output.Should().Be("restated.csv: already imported (import 2); nothing added\n");
        (await Providers())["AWS"].Should().Be(31.31978230730m);
    }

    [Fact]
    public async Task A_refused_restatement_leaves_the_earlier_charges_in_place()
    {
        (await cli.Run("cost", "import", CostCli.Sample)).Exit.Should().Be(0);
        var restated = cli.RestatedAws("restated.csv");
        var bad = cli.SampleVariant("bad.csv", "BilledCost", row: 3, value: "twelve");

        var (exit, _, error) = await cli.Run("cost", "import", "--replace-period", restated, bad);

        exit.Should().Be(2);
        error.Should().Contain("bad.csv: row 3 (line 4), column BilledCost: value 'twelve' is not a decimal number; nothing was imported");
        (await Providers())["AWS"].Should().Be(18.00663861840m);
    }

    [Fact]
    public async Task Json_lists_what_was_replaced()
    {
        (await cli.Run("cost", "import", CostCli.Sample)).Exit.Should().Be(0);

        var (exit, output, error) = await cli.Run("cost", "import", "--replace-period", cli.RestatedAws("restated.csv"), "--format", "json");

        exit.Should().Be(0, error);
        var replaced = JsonDocument.Parse(output).RootElement.GetProperty("replaced").EnumerateArray().Single();
        replaced.GetProperty("import_id").GetInt64().Should().Be(2);
        replaced.GetProperty("replaced_import_id").GetInt64().Should().Be(1);
        replaced.GetProperty("provider").GetString().Should().Be("AWS");
        replaced.GetProperty("billing_account_id").GetString().Should().Be("1234567890123");
        replaced.GetProperty("billing_period_start").GetString().Should().Be("2024-09-01T00:00:00Z");
        replaced.GetProperty("rows").GetInt64().Should().Be(942);
        replaced.GetProperty("billed_cost").GetDecimal().Should().Be(18.00663861840m);
    }
}

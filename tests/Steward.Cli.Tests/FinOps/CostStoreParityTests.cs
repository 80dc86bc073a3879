using System.Text.Json;
using Steward.TestSupport;

namespace Steward.Cli.Tests.FinOps;

/// <summary>
/// Issue 17: the same cost commands give byte-identical output on the embedded DuckDB store and on a
/// PostgreSQL store (a real throw-away server, <see cref="PostgresServer"/>): imports, restatements,
/// usage, reports by FOCUS columns, tags, date-times and allocation dimensions, budgets, allocation,
/// forecasts and anomalies. The figures themselves are those the DuckDB tests already check against
/// independent computations; here one anchor is repeated (the sample plus the node bill: 30.72022672899,
/// Python's decimal over the files), the rest must match DuckDB's to the byte.
/// </summary>
public sealed class CostStoreParityTests : IDisposable
{
    private readonly TempFolder temp = new();

    public void Dispose() => temp.Dispose();

    // Two node charges (as CostReportAllocationCommandTests): node-a tagged team=platform, node-b untagged.
    private const string NodeBill = """
        BilledCost,EffectiveCost,ListCost,BillingCurrency,ChargePeriodStart,ChargePeriodEnd,BillingPeriodStart,BillingPeriodEnd,ProviderName,ServiceName,ChargeCategory,ResourceId,Tags
        1.20,1.20,1.20,USD,2026-11-01T00:00:00Z,2026-11-01T02:00:00Z,2026-11-01,2026-12-01,Cloud,Compute,Usage,node-a,"{""team"": ""platform""}"
        9.00,9.00,9.00,USD,2026-11-01T00:00:00Z,2026-11-01T03:00:00Z,2026-11-01,2026-12-01,Cloud,Compute,Usage,node-b,
        """;

    [Fact]
    public async Task Cost_commands_print_the_same_bytes_on_DuckDB_and_PostgreSQL()
    {
        var (repo, usage) = UsageFixture.Write(temp);
        var bill = temp.Write("bill.csv", NodeBill);
        using var duck = new CostCli();
        using var pg = new CostCli(PostgresServer.Shared.CreateDatabase("costs"));
        var restated = duck.RestatedAws("restated.csv");
        string[][] script =
        [
            ["cost", "import", CostCli.Sample, bill, "--format", "json"],
            ["cost", "import", CostCli.Sample],
            ["cost", "import-usage", usage],
            ["cost", "report", "--group-by", "ProviderName,ServiceName,tag:environment", "--format", "json"],
            ["cost", "report", "--group-by", "ChargePeriodStart:week,RegionId", "--metric", "EffectiveCost", "--format", "json"],
            ["cost", "report", "--group-by", "ChargePeriodStart:hour,ChargePeriodStart:month,ChargePeriodStart:year", "--format", "csv"],
            ["cost", "report", "--group-by", "ServiceName", "--from", "2024-09-10", "--to", "2024-09-20", "--format", "json"],
            ["cost", "report", "--group-by", "BillingCurrency", "--format", "json"],
            ["cost", "report", "--group-by", "team", "--repo", repo, "--format", "json"],
            ["cost", "report", "--group-by", "team,ChargePeriodStart:day", "--repo", repo, "--format", "json"],
            ["cost", "budgets", repo, "--month", "2026-11", "--format", "json"],
            ["cost", "allocate", repo, "--format", "json"],
            ["cost", "forecast", "--horizon", "7", "--group-by", "ServiceName", "--top", "3", "--from", "2024-09-01", "--to", "2024-09-30", "--format", "json"],
            ["cost", "anomalies", "--group-by", "ProviderName", "--format", "json"],
            ["cost", "import", "--replace-period", restated, "--format", "json"],
            ["cost", "report", "--group-by", "ProviderName,BillingPeriodStart:month", "--format", "json"],
            ["cost", "report", "--group-by", "squad"],
        ];

        var outputs = new List<string>();
        foreach (var command in script)
        {
            var onDuck = await duck.Run(command);
            outputs.Add(onDuck.Out);
            if (command[^1] != "squad")
                onDuck.Exit.Should().BeOneOf([0, 1], $"`{string.Join(' ', command)}` runs ({onDuck.Err})");
            var onPg = await pg.Run(command);
            onPg.Exit.Should().Be(onDuck.Exit, $"`{string.Join(' ', command)}` exits alike (PostgreSQL: {onPg.Err})");
            onPg.Out.Should().Be(onDuck.Out, $"`{string.Join(' ', command)}` prints the same bytes");
            onPg.Err.Should().Be(onDuck.Err);
        }

        // The anchor: the sample's 20.52022672899 plus the bill's 10.20 before the restatement (script line 8).
        using var total = JsonDocument.Parse(outputs[7]);
        total.RootElement.GetProperty("total").GetDecimal().Should().Be(30.72022672899m);
        outputs[^1].Should().BeEmpty("an unknown dimension is an input error on both stores");
    }

    [Fact]
    public async Task Two_imports_of_one_file_at_once_on_PostgreSQL_store_it_once()
    {
        using var first = new CostCli(PostgresServer.Shared.CreateDatabase("race"));
        using var second = new CostCli(first.StorePath);

        var results = await Task.WhenAll(
            Task.Run(() => first.Run("cost", "import", CostCli.Sample), TestContext.Current.CancellationToken),
            Task.Run(() => second.Run("cost", "import", CostCli.Sample), TestContext.Current.CancellationToken));

        results.Select(r => r.Exit).Should().Equal(0, 0);
        results.Select(r => r.Out).Should().BeEquivalentTo(
            "focus_sample.csv: imported 1000 rows, BilledCost 20.52022672899 USD, 2024-09-01 to 2024-10-01 (import 1)\n",
            "focus_sample.csv: already imported (import 1); nothing added\n");
        var report = await first.Run("cost", "report", "--group-by", "BillingCurrency", "--format", "json");
        JsonDocument.Parse(report.Out).RootElement.GetProperty("total").GetDecimal().Should().Be(20.52022672899m);
    }
}

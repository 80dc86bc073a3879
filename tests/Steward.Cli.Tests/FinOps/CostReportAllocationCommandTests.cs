using System.Text.Json;

using Steward.TestSupport;

namespace Steward.Cli.Tests.FinOps;

/// <summary>
/// <c>steward cost report --group-by team --repo DIR</c>: allocation dimensions over FOCUS charges.
/// Expected figures computed independently with pandas and Python's decimal module: tags read with
/// json.loads, a missing or empty value as __unallocated__, Decimal(BilledCost) summed per value; node
/// charges split per overlapped usage hour by the containers' cost (max of request and usage at the
/// fixture's prices), the hours without usage to the charge's own tag.
/// </summary>
public sealed class CostReportAllocationCommandTests : IDisposable
{
    private readonly Steward.TestSupport.TempFolder temp = new();
    private readonly CostCli cli = new();

    public void Dispose()
    {
        cli.Dispose();
        temp.Dispose();
    }

    // focus_sample.csv's BilledCost: sum(Decimal(v)) over its 1,000 rows.
    private const decimal SampleTotal = 20.52022672899m;

    // Two node charges: node-a 1.20 for the two usage hours, tagged team=platform; node-b 9.00 for
    // 00:00–03:00 (a third of it has no usage), untagged.
    private const string NodeBill = """
        BilledCost,EffectiveCost,ListCost,BillingCurrency,ChargePeriodStart,ChargePeriodEnd,BillingPeriodStart,BillingPeriodEnd,ProviderName,ServiceName,ChargeCategory,ResourceId,Tags
        1.20,1.20,1.20,USD,2026-11-01T00:00:00Z,2026-11-01T02:00:00Z,2026-11-01,2026-12-01,Cloud,Compute,Usage,node-a,"{""team"": ""platform""}"
        9.00,9.00,9.00,USD,2026-11-01T00:00:00Z,2026-11-01T03:00:00Z,2026-11-01,2026-12-01,Cloud,Compute,Usage,node-b,
        """;

    private async Task<JsonElement> Report(params string[] args)
    {
        var (exit, output, error) = await cli.Run(["cost", "report", .. args, "--format", "json"]);
        exit.Should().Be(0, error);
        return JsonDocument.Parse(output).RootElement.Clone();
    }

    private static Dictionary<string, decimal> Costs(JsonElement report, string dimension)
        => report.GetProperty("rows").EnumerateArray().ToDictionary(
            r => r.GetProperty("keys").GetProperty(dimension).GetString()!,
            r => r.GetProperty("cost").GetDecimal());

    [Fact]
    public async Task Allocation_labels_of_steward_yaml_read_the_tags_of_the_sample_and_reconcile_to_the_file_total()
    {
        temp.Write("repo/steward.yaml", """
            apiVersion: steward.dev/v1alpha1
            kind: Settings
            labels:
              costAllocation: [CostCenter, business_unit]
            """);
        (await cli.Run("cost", "import", CostCli.Sample)).Exit.Should().Be(0);

        var centers = await Report("--group-by", "CostCenter", "--repo", temp["repo"]);
        var units = await Report("--group-by", "business_unit,ProviderName", "--repo", temp["repo"]);

        Costs(centers, "CostCenter").Should().Equal(new Dictionary<string, decimal>
        {
            ["__unallocated__"] = 18.76339185079m,
            ["1234"] = 1.75683487820m,
        });
        centers.GetProperty("total").GetDecimal().Should().Be(SampleTotal);
        var rows = units.GetProperty("rows").EnumerateArray().ToList();
        rows.Should().HaveCount(303);   // 301 business units (all AWS or Oracle), __unallocated__ under AWS and Microsoft
        rows.Sum(r => r.GetProperty("cost").GetDecimal()).Should().Be(SampleTotal);
        units.GetProperty("total").GetDecimal().Should().Be(SampleTotal);
        rows.Single(r => r.GetProperty("keys").GetProperty("business_unit").GetString() == "PeoriaData")
            .GetProperty("cost").GetDecimal().Should().Be(15.95809931820m);
        rows.Single(r => r.GetProperty("keys").GetProperty("business_unit").GetString() == "__unallocated__"
                && r.GetProperty("keys").GetProperty("ProviderName").GetString() == "Microsoft")
            .GetProperty("cost").GetDecimal().Should().Be(1.97651418586m);
    }

    [Fact]
    public async Task Team_splits_node_charges_by_the_workloads_labels_in_git_and_keeps_the_rest_unallocated()
    {
        var (repo, usage) = UsageFixture.Write(temp);
        (await cli.Run("cost", "import", CostCli.Sample, temp.Write("bill.csv", NodeBill))).Exit.Should().Be(0);
        (await cli.Run("cost", "import-usage", usage)).Exit.Should().Be(0);

        var teams = await Report("--group-by", "team", "--repo", repo);

        // focus_sample has no team tag: 20.52022672899 unallocated, plus the hour of node-b without usage (9.00 / 3).
        // node-a (1.20, both hours): payments 0.24241485625511755, data 0.8679315310911004, and the unmatched
        // coredns and orphan pods take the charge's tag, platform 0.089653612653782; node-b: ml 6.00.
        var costs = Costs(teams, "team");
        costs.Keys.Should().BeEquivalentTo(["__unallocated__", "ml", "data", "payments", "platform"]);
        costs["__unallocated__"].Should().BeApproximately(SampleTotal + 3.00m, 1e-9m);
        costs["ml"].Should().BeApproximately(6.00m, 1e-9m);
        costs["data"].Should().BeApproximately(0.8679315310911004m, 1e-9m);
        costs["payments"].Should().BeApproximately(0.24241485625511755m, 1e-9m);
        costs["platform"].Should().BeApproximately(0.089653612653782m, 1e-9m);
        // Every charge counted once, exactly: the file total plus the bill's 10.20.
        teams.GetProperty("total").GetDecimal().Should().Be(30.72022672899m);
        costs.Values.Sum().Should().Be(30.72022672899m);
        teams.GetProperty("rows").EnumerateArray().Select(r => r.GetProperty("cost").GetDecimal()).Should().BeInDescendingOrder();
    }

    [Fact]
    public async Task Without_a_repository_team_reads_the_charges_tags_only()
    {
        var (_, usage) = UsageFixture.Write(temp);
        (await cli.Run("cost", "import", CostCli.Sample, temp.Write("bill.csv", NodeBill))).Exit.Should().Be(0);
        (await cli.Run("cost", "import-usage", usage)).Exit.Should().Be(0);

        var teams = await Report("--group-by", "team");

        Costs(teams, "team").Should().Equal(new Dictionary<string, decimal>
        {
            ["__unallocated__"] = 29.52022672899m,   // 20.52022672899 + 9.00
            ["platform"] = 1.20m,
        });
    }

    [Fact]
    public async Task An_unknown_dimension_names_the_allocation_dimensions()
    {
        (await cli.Run("cost", "import", CostCli.Sample)).Exit.Should().Be(0);

        var (exit, _, error) = await cli.Run("cost", "report", "--group-by", "squad");

        exit.Should().Be(2);
        error.Should().Contain("--group-by: unknown dimension 'squad'; use tag:KEY, an allocation dimension (team, cost-center, model, model_version) or one of");
    }
}

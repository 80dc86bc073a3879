using System.Text.Json;

using Steward.TestSupport;

namespace Steward.Cli.Tests.FinOps;

/// <summary>
/// <c>steward cost forecast|anomalies --group-by team --repo DIR</c> over <see cref="AllocatedSeriesFixture"/>.
/// Expected figures computed independently with pandas and Python's decimal module (allocated totals:
/// payments 92.61 · 37/147 + 42.00 = 65.31, data 92.61 · 110/147 = 69.30, ml 536.10, __unallocated__ 21.00)
/// and by hand (the spike: ml's series is node-b's exact trend plus season, so day 35 expects 13.50 and
/// costs 43.50: impact 30.00, 222.22 %).
/// </summary>
public sealed class CostForecastAndAnomalyAllocationCommandTests : IDisposable
{
    private readonly TempFolder temp = new();
    private readonly CostCli cli = new();

    public void Dispose()
    {
        cli.Dispose();
        temp.Dispose();
    }

    private async Task<string> Import()
    {
        var (repo, usage, bill) = AllocatedSeriesFixture.Write(temp);
        (await cli.Run("cost", "import", bill)).Exit.Should().Be(0);
        (await cli.Run("cost", "import-usage", usage)).Exit.Should().Be(0);
        return repo;
    }

    private async Task<JsonElement> Json(params string[] args)
    {
        var (exit, output, error) = await cli.Run([.. args, "--format", "json"]);
        exit.Should().Be(0, error);
        return JsonDocument.Parse(output).RootElement.Clone();
    }

    [Fact]
    public async Task Anomalies_by_team_name_the_team_whose_share_spiked_with_its_impact_and_node()
    {
        var repo = await Import();

        var json = await Json("cost", "anomalies", "--group-by", "team", "--repo", repo);

        var anomaly = json.GetProperty("anomalies").EnumerateArray().Should().ContainSingle().Subject;
        anomaly.GetProperty("date").GetString().Should().Be("2026-11-05");
        anomaly.GetProperty("scope").EnumerateObject().Select(p => (p.Name, p.Value.GetString())).Should().Equal(("team", "ml"));
        anomaly.GetProperty("actual").GetDouble().Should().BeApproximately(43.50, 1e-6);
        anomaly.GetProperty("expected").GetDouble().Should().BeApproximately(13.50, 1e-6);
        anomaly.GetProperty("impact").GetDouble().Should().BeApproximately(30.00, 1e-6);
        anomaly.GetProperty("impact_percent").GetDouble().Should().BeApproximately(222.222222, 1e-5);
        var cause = anomaly.GetProperty("root_cause");
        cause.GetProperty("dimension").GetString().Should().Be("ResourceId");
        cause.GetProperty("value").GetString().Should().Be("node-b");
        cause.GetProperty("impact").GetDouble().Should().BeApproximately(30.00, 1e-6);
    }

    [Fact]
    public async Task Without_a_repository_the_spike_stays_with_the_untagged_node_charge()
    {
        await Import();

        var json = await Json("cost", "anomalies", "--group-by", "team");

        // node-b's charges carry no team tag: the spike is __unallocated__'s (21.00 of support + both nodes).
        var anomaly = json.GetProperty("anomalies").EnumerateArray().Should().ContainSingle().Subject;
        anomaly.GetProperty("scope").GetProperty("team").GetString().Should().Be("__unallocated__");
        anomaly.GetProperty("impact").GetDouble().Should().BeApproximately(30.00, 1e-6);
    }

    [Fact]
    public async Task A_team_can_be_the_root_cause_of_a_rise_in_the_whole_bill()
    {
        var repo = await Import();

        var json = await Json("cost", "anomalies", "--root-cause", "team", "--repo", repo);

        var cause = json.GetProperty("anomalies").EnumerateArray().Should().ContainSingle().Subject.GetProperty("root_cause");
        cause.GetProperty("dimension").GetString().Should().Be("team");
        cause.GetProperty("value").GetString().Should().Be("ml");
        cause.GetProperty("impact").GetDouble().Should().BeApproximately(30.00, 1e-6);
    }

    [Fact]
    public async Task Forecast_by_team_gives_one_forecast_per_team_and_the_allocated_history_adds_up_to_the_report()
    {
        var repo = await Import();

        var forecast = await Json("cost", "forecast", "--horizon", "7", "--group-by", "team", "--repo", repo);
        var report = await Json("cost", "report", "--group-by", "team", "--repo", repo);

        var groups = forecast.GetProperty("groups").EnumerateArray().ToList();
        groups.Select(g => g.GetProperty("scope").GetProperty("team").GetString()).Should().Equal("ml", "data", "payments", "__unallocated__");
        groups.Should().AllSatisfy(g => g.GetProperty("forecast").GetArrayLength().Should().Be(7));
        forecast.GetProperty("history").GetProperty("from").GetString().Should().Be("2026-10-01");
        forecast.GetProperty("history").GetProperty("to").GetString().Should().Be("2026-11-11");
        report.GetProperty("rows").EnumerateArray().ToDictionary(
                r => r.GetProperty("keys").GetProperty("team").GetString()!, r => Math.Round(r.GetProperty("cost").GetDecimal(), 2))
            .Should().Equal(new Dictionary<string, decimal>
            {
                ["ml"] = 536.10m,
                ["data"] = 69.30m,
                ["payments"] = 65.31m,
                ["__unallocated__"] = 21.00m,
            });
        // data is exactly node-a's share, (2.00 + 0.01 d + weekly) · 110/147: day 42 (2026-11-12) 2.42 · 110/147.
        var data = groups[1].GetProperty("forecast")[0];
        data.GetProperty("date").GetString().Should().Be("2026-11-12");
        data.GetProperty("cost").GetDouble().Should().BeApproximately(1.8108843537414966, 1e-4);
    }

    [Fact]
    public async Task Forecast_refuses_an_unknown_dimension_naming_the_allocation_dimensions()
    {
        await Import();

        var (exit, _, error) = await cli.Run("cost", "forecast", "--group-by", "squad");

        exit.Should().Be(2);
        error.Should().Contain("--group-by: unknown dimension 'squad'; use tag:KEY, an allocation dimension (team, cost-center, model, model_version) or one of");
    }
}

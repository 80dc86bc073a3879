using System.Text.Json;

namespace Steward.Cli.Tests.FinOps;

public sealed class CostForecastAndAnomalyCommandTests : IDisposable
{
    private static readonly DateOnly First = new(2025, 1, 6);
    private static readonly double[] Weekly = [5, 6, 4, 3, 0, -8, -10];
    private readonly CostCli cli = new();

    public void Dispose() => cli.Dispose();

    // Compute: 100 + 0.5 d + weekly; Storage: 20 + weekly / 2 — exactly trend plus season.
    private static double Cost(int day, string service)
        => service == "Compute" ? 100 + 0.5 * day + Weekly[day % 7] : 20 + Weekly[day % 7] / 2;

    [Fact]
    public async Task Forecast_json_recovers_trend_and_season_with_intervals()
    {
        var file = cli.Synthetic("series.csv", First, 56, Cost, "Compute", "Storage");
        (await cli.Run("cost", "import", file)).Exit.Should().Be(0);

        var (exit, output, error) = await cli.Run("cost", "forecast", "--horizon", "14", "--group-by", "ServiceName", "--format", "json");

        exit.Should().Be(0, error);
        var json = JsonDocument.Parse(output).RootElement;
        var forecast = json.GetProperty("forecast").EnumerateArray().ToList();
        forecast.Should().HaveCount(14);
        forecast[0].GetProperty("date").GetString().Should().Be("2025-03-03");
        for (var h = 0; h < 14; h++)
        {
            var day = 56 + h;
            var truth = Cost(day, "Compute") + Cost(day, "Storage");
            var point = forecast[h];
            point.GetProperty("cost").GetDouble().Should().BeApproximately(truth, 1e-4);
            point.GetProperty("lower").GetDouble().Should().BeLessThanOrEqualTo(point.GetProperty("lower80").GetDouble());
            point.GetProperty("upper").GetDouble().Should().BeGreaterThanOrEqualTo(point.GetProperty("upper80").GetDouble());
        }
        var expectedTotal = Enumerable.Range(56, 14).Sum(d => Cost(d, "Compute") + Cost(d, "Storage"));
        json.GetProperty("total").GetDouble().Should().BeApproximately(expectedTotal, 1e-3);
        json.GetProperty("backtest_mape").GetDouble().Should().BeLessThan(1e-4);
        var groups = json.GetProperty("groups").EnumerateArray().ToList();
        groups.Select(g => g.GetProperty("scope").GetProperty("ServiceName").GetString()).Should().Equal("Compute", "Storage");
        groups[1].GetProperty("forecast")[0].GetProperty("cost").GetDouble().Should().BeApproximately(Cost(56, "Storage"), 1e-4);

        var top = await cli.Run("cost", "forecast", "--horizon", "7", "--group-by", "ServiceName", "--top", "1", "--format", "json");
        JsonDocument.Parse(top.Out).RootElement.GetProperty("groups").EnumerateArray()
            .Select(g => g.GetProperty("scope").GetProperty("ServiceName").GetString()).Should().Equal("Compute");
    }

    [Fact]
    public async Task A_short_history_cannot_be_forecast()
    {
        var file = cli.Synthetic("short.csv", First, 10, Cost, "Compute");
        (await cli.Run("cost", "import", file)).Exit.Should().Be(0);

        var (exit, _, error) = await cli.Run("cost", "forecast", "--horizon", "7");

        exit.Should().Be(2);
        error.Should().Contain("needs at least 14 days of cost history; the selected costs cover 10");
    }

    [Fact]
    public async Task Anomalies_json_lists_the_injected_spike_with_its_root_cause()
    {
        var spikeDay = 45;
        var file = cli.Synthetic("spiky.csv", First, 56, (d, s) => Cost(d, s) + (d == spikeDay && s == "Storage" ? 80 : 0), "Compute", "Storage");
        (await cli.Run("cost", "import", file)).Exit.Should().Be(0);

        var (exit, output, error) = await cli.Run("cost", "anomalies", "--format", "json");
        var grouped = await cli.Run("cost", "anomalies", "--group-by", "ServiceName", "--since", "2025-02-01", "--format", "json");
        var table = await cli.Run("cost", "anomalies", "--group-by", "ServiceName");

        exit.Should().Be(0, error);
        var anomaly = JsonDocument.Parse(output).RootElement.GetProperty("anomalies").EnumerateArray().Single();
        anomaly.GetProperty("date").GetString().Should().Be(First.AddDays(spikeDay).ToString("yyyy-MM-dd"));
        anomaly.GetProperty("impact").GetDouble().Should().BeApproximately(80, 1e-6);
        // ServiceName=Storage and ResourceId=storage-1 both rose by 80: the more specific is named.
        anomaly.GetProperty("root_cause").GetProperty("dimension").GetString().Should().Be("ResourceId");
        anomaly.GetProperty("root_cause").GetProperty("value").GetString().Should().Be("storage-1");
        anomaly.GetProperty("root_cause").GetProperty("impact").GetDouble().Should().BeApproximately(80, 1e-6);
        anomaly.GetProperty("contributors")[0].GetProperty("value").GetString().Should().Be("Storage");
        var scoped = JsonDocument.Parse(grouped.Out).RootElement.GetProperty("anomalies").EnumerateArray().Single();
        scoped.GetProperty("scope").GetProperty("ServiceName").GetString().Should().Be("Storage");
        scoped.GetProperty("root_cause").GetProperty("value").GetString().Should().Be("storage-1");
        // Expected = the Thursday median = 20 + 3/2 = 21.5; impact 80 = 372 % of it.
        scoped.GetProperty("expected").GetDouble().Should().BeApproximately(21.5, 1e-6);
        scoped.GetProperty("impact_percent").GetDouble().Should().BeApproximately(100 * 80 / 21.5, 1e-4);
        table.Out.Should().Contain("ServiceName=Storage").And.Contain("1 anomalies");
    }
}

using Steward.Core.FinOps;
using Steward.Core.FinOps.Anomalies;
using Steward.Core.FinOps.Forecasting;
using Steward.Core.FinOps.Import;
using Steward.Core.FinOps.Reports;
using Steward.Core.FinOps.Usage;
using Steward.Core.Governance;
using Steward.Core.Storage;

using Steward.TestSupport;

namespace Steward.Core.Tests.FinOps;

/// <summary>
/// Daily series by allocation dimension (<see cref="AllocatedCostReport.Daily"/>) and the forecasts and
/// anomalies built on them, over <see cref="AllocatedSeriesFixture"/>. Expected figures computed
/// independently with pandas and Python's decimal module over the fixture's 42 days:
/// Σ node-a = 92.61, shared 0.037 : 0.110 between payments and data (the containers' cost at the
/// fixture's prices); payments = 92.61 · 37/147 + 42 · 1.00 = 65.31, data = 92.61 · 110/147 = 69.30,
/// ml = Σ node-b = 536.10 (spike included), __unallocated__ = 42 · 0.50 = 21.00; total 691.71.
/// </summary>
public sealed class AllocatedDailyCostsTests : IDisposable
{
    private readonly TempFolder temp = new();
    private readonly StewardStore store;
    private readonly GovernanceRepository repository;

    public AllocatedDailyCostsTests()
    {
        var (repo, usage, bill) = AllocatedSeriesFixture.Write(temp);
        repository = RepositoryLoader.LoadFolder(repo);
        store = StewardStore.Open(temp["s.duckdb"], FinOpsSchema.Module);
        new UsageImporter(store).Import([usage]);
        new FocusImporter(store).Import([bill]);
    }

    public void Dispose()
    {
        store.Dispose();
        temp.Dispose();
    }

    private IReadOnlyList<CostDimension> Dimensions(string groupBy) =>
        CostDimension.ParseList(groupBy, AllocatedCostReport.Dimensions(repository.Settings));

    private static readonly Dictionary<string, decimal> TeamTotals = new()
    {
        ["ml"] = 536.10m,
        ["data"] = 69.30m,
        ["payments"] = 65.31m,
        ["__unallocated__"] = 21.00m,
    };

    [Fact]
    public void Team_series_add_up_to_the_allocated_report_to_the_cent_and_each_day_to_its_charges()
    {
        var daily = AllocatedCostReport.Daily(store, Dimensions("team"), repository);
        var report = AllocatedCostReport.Run(store, Dimensions("team"), repository);
        var unsplit = DailyCosts.Load(store, [], CostReport.DefaultMetric, CostFilter.All);

        daily.First.Should().Be(AllocatedSeriesFixture.First);
        daily.Days.Should().Be(AllocatedSeriesFixture.Days);
        var sums = daily.Series.ToDictionary(kv => kv.Key.Keys[0]!, kv => Math.Round((decimal)kv.Value.Sum(), 2));
        sums.Should().Equal(TeamTotals);
        sums.Should().Equal(report.Rows.ToDictionary(r => r.Keys[0]!, r => Math.Round(r.Cost, 2)));
        report.Total.Should().Be(691.71m);
        // Allocation moves cost between teams, never between days.
        var total = daily.Total();
        var charged = unsplit.Series[CostScope.Whole];
        for (var i = 0; i < daily.Days; i++)
            total[i].Should().BeApproximately(charged[i], 1e-9);
    }

    [Fact]
    public void Without_allocation_dimensions_the_daily_series_are_the_stores()
    {
        var daily = AllocatedCostReport.Daily(store, Dimensions("ServiceName"), repository);
        var direct = DailyCosts.Load(store, Dimensions("ServiceName"), CostReport.DefaultMetric, CostFilter.All);

        daily.Series.Keys.Should().BeEquivalentTo(direct.Series.Keys);
        foreach (var (scope, series) in direct.Series)
            daily.Series[scope].Should().Equal(series);
    }

    [Fact]
    public void Forecast_by_team_fits_each_teams_allocated_history()
    {
        var result = CostForecaster.Run(store, 7, Dimensions("team"), repository: repository);

        result.Groups.Select(g => g.Scope.Keys[0]).Should().Equal("ml", "data", "payments", "__unallocated__");
        foreach (var group in result.Groups)
            Math.Round((decimal)group.History.Sum(), 2).Should().Be(TeamTotals[group.Scope.Keys[0]!]);
        // payments is exactly trend plus season: node-a's share (2.00 + 0.01 d + weekly) · 37/147 + 1.00;
        // on day 42 (2026-11-12): 2.42 · 37/147 + 1 = 1.6091156462585034.
        var payments = result.Groups.Single(g => g.Scope.Keys[0] == "payments").Points[0];
        payments.Date.Should().Be(new DateOnly(2026, 11, 12));
        payments.Cost.Should().BeApproximately(1.6091156462585034, 1e-4);
    }

    [Fact]
    public void Anomalies_by_team_find_the_spike_of_ml_alone_with_its_node()
    {
        var result = AnomalyDetector.Run(store, Dimensions("team"), repository: repository);

        // By hand: ml's series is node-b's, 10.00 + 0.10 d + weekly, so the trend-adjusted same-weekday
        // median is exact: on day 35 (2026-11-05, weekly 0) 10 + 3.5 = 13.50 expected, 43.50 actual,
        // impact 30.00 = 222.22 % of 13.50; node-b carries all of it.
        var anomaly = result.Anomalies.Should().ContainSingle().Subject;
        anomaly.Date.Should().Be(new DateOnly(2026, 11, 5));
        anomaly.Scope.Keys.Should().Equal("ml");
        anomaly.Actual.Should().BeApproximately(43.50, 1e-9);
        anomaly.Expected.Should().BeApproximately(13.50, 1e-9);
        anomaly.Impact.Should().BeApproximately(30.00, 1e-9);
        anomaly.ImpactPercent!.Value.Should().BeApproximately(222.22222222222223, 1e-7);
        anomaly.RootCause!.Dimension.Should().Be("ResourceId");
        anomaly.RootCause.Value.Should().Be("node-b");
        anomaly.RootCause.Impact.Should().BeApproximately(30.00, 1e-9);
    }

    [Fact]
    public void An_allocation_dimension_can_be_the_root_cause()
    {
        var result = AnomalyDetector.Run(store, [], rootCauseDimensions: Dimensions("team"), repository: repository);

        // The whole bill: every part is trend plus season but node-b's spike, so 30.00 over the exact expectation.
        var anomaly = result.Anomalies.Should().ContainSingle().Subject;
        anomaly.Date.Should().Be(new DateOnly(2026, 11, 5));
        anomaly.Impact.Should().BeApproximately(30.00, 1e-9);
        anomaly.RootCause.Should().Be(new RootCause("team", "ml", anomaly.RootCause!.Impact));
        anomaly.RootCause.Impact.Should().BeApproximately(30.00, 1e-9);
    }
}

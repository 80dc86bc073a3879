using Steward.Core.Findings;
using Steward.Core.FinOps.Anomalies;
using Steward.Core.FinOps.Import;
using Steward.Core.FinOps.Reports;
using Steward.Core.Storage;
using Steward.Core.Tests.Storage;

namespace Steward.Core.Tests.FinOps;

public sealed class AnomalyDetectorTests : IDisposable
{
    private static readonly DateOnly First = new(2025, 1, 1);

    // Spikes injected on top of about 260 a day (vm-2 ~ 80, db-1 ~ 50, bucket-1 ~ 30).
    private static readonly Dictionary<(DateOnly, string), double> Spikes = new()
    {
        [(new DateOnly(2025, 2, 12), "vm-2")] = 500,
        [(new DateOnly(2025, 3, 5), "db-1")] = 300,
        [(new DateOnly(2025, 3, 20), "bucket-1")] = 200,
    };

    private readonly TempFolder temp = new();

    public void Dispose() => temp.Dispose();

    private StewardStore Store(IReadOnlyDictionary<(DateOnly, string), double>? spikes)
    {
        var store = StewardStore.Open(temp.File(Guid.NewGuid().ToString("N") + ".duckdb"));
        new FocusImporter(store).Import(SyntheticFocus.Write(temp.File(Guid.NewGuid().ToString("N") + ".csv"), First, 90, spikes));
        return store;
    }

    [Fact]
    public void Every_spike_is_found_with_its_resource_as_root_cause_and_its_service_as_contributor()
    {
        using var store = Store(Spikes);

        var result = AnomalyDetector.Run(store, []);

        result.Anomalies.Select(a => (a.Date, a.RootCause!.Dimension, a.RootCause.Value)).Should().Equal(
            (new DateOnly(2025, 2, 12), "ResourceId", "vm-2"),
            (new DateOnly(2025, 3, 5), "ResourceId", "db-1"),
            (new DateOnly(2025, 3, 20), "ResourceId", "bucket-1"));
        result.Anomalies.Select(a => a.Contributors[0].Dimension + "=" + a.Contributors[0].Value)
            .Should().Equal("ServiceName=Compute", "ServiceName=Database", "ServiceName=Storage");
        // The impact is the spike, give or take the ±5 % daily noise on ~260.
        result.Anomalies.Select(a => a.Impact).Should().SatisfyRespectively(
            i => i.Should().BeApproximately(500, 30),
            i => i.Should().BeApproximately(300, 30),
            i => i.Should().BeApproximately(200, 30));
        result.Anomalies.Should().AllSatisfy(a =>
        {
            a.Impact.Should().BeApproximately(a.Actual - a.Expected, 1e-9);
            a.ImpactPercent!.Value.Should().BeApproximately(100 * a.Impact / a.Expected, 1e-9);
            a.RootCause!.Impact.Should().BeApproximately(a.Impact, 30);
        });
    }

    [Fact]
    public void A_rise_spread_over_a_services_resources_names_the_service()
    {
        var spread = new Dictionary<(DateOnly, string), double>
        {
            [(new DateOnly(2025, 2, 12), "vm-1")] = 250,
            [(new DateOnly(2025, 2, 12), "vm-2")] = 250,
        };
        using var store = Store(spread);

        var anomaly = AnomalyDetector.Run(store, []).Anomalies.Single();

        anomaly.RootCause!.Should().Match<RootCause>(r => r.Dimension == "ServiceName" && r.Value == "Compute");
        anomaly.RootCause.Impact.Should().BeApproximately(500, 30);
    }

    [Fact]
    public void The_root_cause_is_the_most_specific_contributor_with_most_of_the_rise()
    {
        RootCause[] oneResource = [new("ServiceName", "Compute", 510), new("ResourceId", "vm-2", 495)];
        RootCause[] spread = [new("ServiceName", "Compute", 510), new("ResourceId", "vm-2", 260)];
        RootCause[] falling = [new("ServiceName", "Compute", -5)];

        AnomalyDetector.RootCauseOf(oneResource).Should().Be(oneResource[1]);
        AnomalyDetector.RootCauseOf(spread).Should().Be(spread[0]);
        AnomalyDetector.RootCauseOf(falling).Should().BeNull();
    }

    [Fact]
    public void Grouped_by_service_each_spike_is_in_its_scope_with_the_resource_as_root_cause()
    {
        using var store = Store(Spikes);

        var result = AnomalyDetector.Run(store, CostDimension.ParseList("ServiceName"));

        result.Anomalies.Select(a => (a.Date, a.Scope.Keys[0], a.RootCause!.Dimension, a.RootCause.Value)).Should().Equal(
            (new DateOnly(2025, 2, 12), "Compute", "ResourceId", "vm-2"),
            (new DateOnly(2025, 3, 5), "Database", "ResourceId", "db-1"),
            (new DateOnly(2025, 3, 20), "Storage", "ResourceId", "bucket-1"));
    }

    [Fact]
    public void Root_causes_can_be_tags_and_since_limits_the_days_reported()
    {
        using var store = Store(Spikes);

        var result = AnomalyDetector.Run(store, [], since: new DateOnly(2025, 3, 1),
            rootCauseDimensions: CostDimension.ParseList("tag:team"));

        result.Anomalies.Select(a => (a.Date, a.RootCause!.Dimension, a.RootCause.Value)).Should().Equal(
            (new DateOnly(2025, 3, 5), "tag:team", "data"),
            (new DateOnly(2025, 3, 20), "tag:team", "web"));
    }

    [Fact]
    public void The_clean_series_raises_no_alarm()
    {
        using var store = Store(null);

        AnomalyDetector.Run(store, []).Anomalies.Should().BeEmpty();
        AnomalyDetector.Run(store, CostDimension.ParseList("ResourceId")).Anomalies.Should().BeEmpty();
        AnomalyDetector.Run(store, CostDimension.ParseList("tag:team")).Anomalies.Should().BeEmpty();
    }

    [Fact]
    public void An_anomaly_becomes_a_finops_finding()
    {
        using var store = Store(Spikes);
        var result = AnomalyDetector.Run(store, CostDimension.ParseList("ServiceName"));

        var finding = result.Anomalies[0].ToFinding(result.Dimensions, result.Metric, result.Currency);

        finding.Category.Should().Be(Category.FinOps);
        finding.RuleId.Should().Be("finops/cost-anomaly");
        finding.Subject.Scope.Should().Be("ServiceName=Compute");
        finding.Message.Should().StartWith("BilledCost of ServiceName=Compute on 2025-02-12 was ");
        finding.Evidence["root_cause_value"].Should().Be("vm-2");
    }

    [Fact]
    public void Median_mad_threshold_by_hand()
    {
        // Baseline 10, 12, 11, 30: median 11.5, absolute deviations 1.5, 0.5, 0.5, 18.5 → MAD 1.0;
        // threshold max(4 × 1.4826 × 1.0, 0.2 × 11.5, 0) = 5.9304.
        var (expected, threshold) = AnomalyDetector.Expectation([10, 12, 11, 30], AnomalyOptions.Default);

        expected.Should().Be(11.5);
        threshold.Should().BeApproximately(5.9304, 1e-12);
    }
}

using Steward.Core.Findings;
using Steward.Core.FinOps.Anomalies;
using Steward.Core.FinOps.Import;
using Steward.Core.FinOps.Reports;
using Steward.Core.Storage;

using Steward.TestSupport;

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
        var store = StewardStore.Open(temp[Guid.NewGuid().ToString("N") + ".duckdb"]);
        new FocusImporter(store).Import(SyntheticFocus.Write(temp[Guid.NewGuid().ToString("N") + ".csv"], First, 90, spikes));
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

    [Theory]
    [InlineData(1)]
    [InlineData(2)]
    [InlineData(3)]
    [InlineData(4)]
    [InlineData(5)]
    [InlineData(6)]
    [InlineData(7)]
    [InlineData(8)]
    public void Noisier_clean_series_raise_no_alarm_and_a_spike_still_stands_out(int seed)
    {
        // ±15 % uniform noise per resource and day; one spike of 300 on ~260 a day.
        using var store = StewardStore.Open(temp[$"noisy-{seed}.duckdb"]);
        var spike = new Dictionary<(DateOnly, string), double> { [(new DateOnly(2025, 3, 12), "db-1")] = 300 };
        new FocusImporter(store).Import(SyntheticFocus.Write(temp[$"noisy-{seed}.csv"], First, 90, spike, seed, noise: 0.15));

        var anomalies = AnomalyDetector.Run(store, CostDimension.ParseList("ServiceName")).Anomalies;

        anomalies.Select(a => (a.Date, a.Scope.Keys[0], a.RootCause!.Value)).Should().Equal([(new DateOnly(2025, 3, 12), "Database", "db-1")],
            string.Join("; ", anomalies.Select(a => $"{a.Date:yyyy-MM-dd} {a.Scope} actual {a.Actual:F2} expected {a.Expected:F2} threshold {a.Threshold:F2}")));
    }

    [Fact]
    public void An_anomaly_becomes_a_finops_finding()
    {
        using var store = Store(Spikes);
        var result = AnomalyDetector.Run(store, CostDimension.ParseList("ServiceName"));

        var finding = result.Anomalies[0].ToFinding(result.Dimensions, result.Metric, result.Currency);

        finding.Category.Should().Be(Category.FinOps);
        finding.RuleId.Should().Be("cost-anomaly");
        finding.Subject.Scope.Should().Be("ServiceName=Compute");
        finding.Message.Should().StartWith("BilledCost of ServiceName=Compute on 2025-02-12 was ");
        finding.Evidence["root_cause_value"].Should().Be("vm-2");
    }

    [Fact]
    public void Median_mad_threshold_by_hand()
    {
        // Baseline 10, 12, 11, 30: median 11.5, absolute deviations 1.5, 0.5, 0.5, 18.5 → MAD 1.0;
        // threshold max(4 × 1.4826 × 1.0 × √(1 + π/8), 0.2 × 11.5, 0) = 6.998623516471142 (python math).
        var (expected, threshold) = AnomalyDetector.Expectation([10, 12, 11, 30], 0, AnomalyOptions.Default);
        // A larger pooled noise scale (2.0) wins: 4 × 2.0 × √(1 + π/8) = 9.440...
        var (_, pooled) = AnomalyDetector.Expectation([10, 12, 11, 30], 2.0, AnomalyOptions.Default);

        expected.Should().Be(11.5);
        threshold.Should().BeApproximately(6.998623516471142, 1e-12);
        pooled.Should().BeApproximately(4 * 2.0 * Math.Sqrt(1 + Math.PI / 8), 1e-12);
    }

    [Theory]
    // numpy: y = 100 + 10 sin(a t) + 3 cos(0.7 t²), t = 0..69; d_j = (y_j − mean(y[j−7:j])) − (y_{j−7} − mean(y[j−14:j−7]))
    // for j = 32..59; dev = sorted |d − median(d)|; max(1.4826 · median(dev), sqrt(mean(dev[:25]²)) / 0.7893) / √2.
    [InlineData(1.3, 13.466897325039)] // the MAD estimate is the larger
    [InlineData(1.7, 4.335924921269)]  // the trimmed RMS estimate is the larger
    public void Pooled_noise_scale_matches_numpy(double a, double expected)
    {
        var y = Enumerable.Range(0, 70).Select(t => 100 + 10 * Math.Sin(a * t) + 3 * Math.Cos(0.7 * t * t)).ToArray();

        AnomalyDetector.NoiseScale(y, 60).Should().BeApproximately(expected, 1e-9);
        AnomalyDetector.NoiseScale(y, 20).Should().Be(0);
    }
}

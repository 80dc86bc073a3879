using Steward.Core.Alignment.Canary;

namespace Steward.Core.Tests.Alignment.Canary;

/// <summary>The samples of two versions derived from their inference log, interval by interval.</summary>
public sealed class InferenceCanarySamplesTests
{
    private static readonly DateTime Since = new(2026, 12, 1, 10, 0, 0, DateTimeKind.Utc);

    private static CanaryInference At(string version, int minute, int second, double? latency, bool? error, double? cost) =>
        new(version, Since.AddMinutes(minute).AddSeconds(second), latency, error, cost);

    [Fact]
    public void Each_interval_gives_one_observation_per_metric_and_version()
    {
        CanaryInference[] log =
        [
            At("1.0", -1, 0, 999, true, 9),          // before --since: left out
            At("1.0", 0, 5, 100, false, 0.002),
            At("1.0", 0, 40, 140, true, 0.004),
            At("2.0", 0, 10, 200, false, 0.003),
            At("1.0", 1, 0, 90, false, null),          // a cost not logged counts as nothing in the interval's total
            At("1.0", 1, 30, 110, null, 0.001),        // error not logged: left out of the error rate
            At("2.0", 2, 0, null, true, 0.005),        // latency not logged
            At("3.0", 0, 0, 1, false, 1),             // another version: left out
        ];

        var (baseline, canary) = InferenceCanarySamples.Derive(log, "1.0", "2.0", Since, TimeSpan.FromMinutes(1));

        // 1.0, minute 0: latency (100 + 140) / 2 = 120, errors 1 of 2 = 0.5, cost 1000 × 0.006 / 2 = 3;
        //      minute 1: latency (90 + 110) / 2 = 100, errors 0 of 1 = 0, cost 1000 × 0.001 / 2 = 0.5.
        baseline["latency_ms"].Should().Equal(120.0, 100.0);
        baseline["error_rate"].Should().Equal(0.5, 0.0);
        baseline["cost_per_1k_usd"].Should().Equal(3.0, 0.5);
        // 2.0, minute 0: 200, 0, 1000 × 0.003 = 3; minute 2: no latency, 1 of 1 failed, 1000 × 0.005 = 5.
        canary["latency_ms"].Should().Equal(200.0);
        canary["error_rate"].Should().Equal(0.0, 1.0);
        canary["cost_per_1k_usd"].Should().Equal(3.0, 5.0);
    }

    [Fact]
    public void Derived_samples_go_straight_into_the_judge()
    {
        // Ten minutes; 2.0 answers in 150 ms where 1.0 answers in 100 ms, both with a small jitter.
        var log = Enumerable.Range(0, 10).SelectMany(minute => new[]
        {
            At("1.0", minute, 0, 100 + minute % 3, false, 0.001),
            At("2.0", minute, 0, 150 + minute % 3, false, 0.001),
        });
        var (baseline, canary) = InferenceCanarySamples.Derive(log, "1.0", "2.0", Since, TimeSpan.FromMinutes(1));
        var config = CanaryConfigReader.Parse("canary.yaml", "metrics:\n  - {name: latency_ms, direction: increase}\n  - {name: error_rate, direction: increase}\n");

        var judgement = CanaryJudge.Judge(config, baseline, canary);

        judgement.Metrics.Select(m => (m.Name, m.Classification.Label)).Should().Equal(
            ("error_rate", MetricClassificationLabel.Pass), ("latency_ms", MetricClassificationLabel.High));
        // One group ("default"), one of two metrics passing: 50.
        judgement.Score.Should().Be(50.0);
        judgement.Verdict.Should().Be(CanaryVerdict.Failed);
    }

    private static CanaryInference Scored(string version, int minute, double score, string group, bool positive) =>
        new(version, Since.AddMinutes(minute), null, null, null) { DriftValue = score, Group = group, Positive = positive };

    [Fact]
    public void Drift_is_the_ks_statistic_against_the_whole_baseline_and_fairness_the_parity_difference()
    {
        CanaryInference[] log =
        [
            Scored("1.0", 0, 0.1, "a", true), Scored("1.0", 0, 0.4, "a", false), Scored("1.0", 0, 0.4, "b", false),
            Scored("1.0", 1, 0.7, "a", true), Scored("1.0", 1, 0.2, "a", false), Scored("1.0", 1, 0.9, "a", true),
            Scored("2.0", 0, 0.8, "a", true), Scored("2.0", 0, 0.95, "b", true), Scored("2.0", 0, double.NaN, "c", false),
            Scored("2.0", 1, 0.4, "b", false),
        ];

        var (baseline, canary) = InferenceCanarySamples.Derive(log, "1.0", "2.0", Since, TimeSpan.FromMinutes(1));

        // scipy 1.10.1: ks_2samp([0.1, 0.4, 0.4, 0.7, 0.2, 0.9], x).statistic for x = [0.1, 0.4, 0.4] and [0.7, 0.2, 0.9]:
        // 0.3333333333333333 each; for [0.8, 0.95] (NaN left out): 0.8333333333333334; for [0.4]: 0.3333333333333333.
        baseline["drift_ks"].Should().BeEquivalentTo([0.3333333333333333, 0.3333333333333333], o => o.WithStrictOrdering()
            .Using<double>(c => c.Subject.Should().BeApproximately(c.Expectation, 1e-12)).WhenTypeIs<double>());
        canary["drift_ks"].Should().BeEquivalentTo([0.8333333333333334, 0.3333333333333333], o => o.WithStrictOrdering()
            .Using<double>(c => c.Subject.Should().BeApproximately(c.Expectation, 1e-12)).WhenTypeIs<double>());
        // Selection rates, minute 0: 1.0 a 1/2, b 0/1 -> 0.5; 2.0 a 1/1, b 1/1, c 0/1 -> 1.0.
        // Minute 1 has one group on each side: no observation.
        baseline["demographic_parity_difference"].Should().Equal(0.5);
        canary["demographic_parity_difference"].Should().Equal(1.0);
    }
}

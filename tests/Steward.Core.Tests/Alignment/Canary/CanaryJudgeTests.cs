using System.Globalization;
using Steward.Core.Alignment.Canary;
using static Steward.Core.Tests.Alignment.Canary.KayentaVectors;

namespace Steward.Core.Tests.Alignment.Canary;

/// <summary>The whole judge (NetflixACAJudge): config and samples in, score and verdict out.</summary>
public sealed class CanaryJudgeTests
{
    private const string Config = """
        metrics:
          - name: latency
            direction: increase
            group: performance
          - name: errors
            direction: increase
            group: errors
        groups:
          performance: 60
          errors: 40
        thresholds:
          pass: 95
          marginal: 75
        """;

    private static string Csv(params (string Metric, double[] Values)[] metrics) =>
        "metric,value\n" + string.Concat(metrics.SelectMany(m => m.Values.Select(v => $"{m.Metric},{v.ToString("R", CultureInfo.InvariantCulture)}\n")));

    private static CanaryJudgement Judge(string config, string baseline, string canary) =>
        CanaryJudge.Judge(CanaryConfigReader.Parse("canary.yaml", config), CanarySamples.Parse("baseline.csv", baseline), CanarySamples.Parse("canary.csv", canary));

    [Fact]
    public void A_high_metric_in_a_group_of_weight_60_fails_the_canary()
    {
        // Kayenta's ClassifierSuite "High Metric" samples for latency (canary ≈ 20 against ≈ 10) and its "Pass Metric"
        // samples for errors. performance scores 0, errors 100: 0 × 0.60 + 100 × 0.40 = 40, below marginal 75.
        var judgement = Judge(Config,
            Csv(("latency", Classifier_MannWhitneyClassifierTestHighMetric_controlData), ("errors", Classifier_MannWhitneyClassifierTestPassMetric_controlData)),
            Csv(("latency", Classifier_MannWhitneyClassifierTestHighMetric_experimentData), ("errors", Classifier_MannWhitneyClassifierTestPassMetric_experimentData)));

        judgement.Score.Should().Be(40.0);
        judgement.Verdict.Should().Be(CanaryVerdict.Failed);
        judgement.Metrics.Select(m => (m.Name, m.Classification.Label)).Should().Equal(
            ("errors", MetricClassificationLabel.Pass), ("latency", MetricClassificationLabel.High));
        judgement.Groups.Select(g => (g.Name, g.Score)).Should().Equal(("errors", 100.0), ("performance", 0.0));
        // Mean ratio of the latency samples, computed once in Python (math.fsum of Kayenta's arrays / 30):
        // 20.221277033865086 / 9.780267397703387 = 2.0675587089381082.
        judgement.Metrics.Single(m => m.Name == "latency").Classification.Ratio.Should().BeApproximately(2.0675587089381082, 1e-12);
    }

    [Fact]
    public void A_lower_marginal_threshold_makes_the_same_score_inconclusive()
    {
        var judgement = Judge(Config.Replace("marginal: 75", "marginal: 40"),
            Csv(("latency", Classifier_MannWhitneyClassifierTestHighMetric_controlData), ("errors", Classifier_MannWhitneyClassifierTestPassMetric_controlData)),
            Csv(("latency", Classifier_MannWhitneyClassifierTestHighMetric_experimentData), ("errors", Classifier_MannWhitneyClassifierTestPassMetric_experimentData)));
        judgement.Score.Should().Be(40.0);
        judgement.Verdict.Should().Be(CanaryVerdict.Inconclusive);
    }

    [Fact]
    public void A_decrease_of_a_metric_that_may_only_increase_passes()
    {
        // The latency samples swapped: the canary is lower, which direction: increase allows.
        var judgement = Judge(Config,
            Csv(("latency", Classifier_MannWhitneyClassifierTestHighMetric_experimentData), ("errors", Classifier_MannWhitneyClassifierTestPassMetric_controlData)),
            Csv(("latency", Classifier_MannWhitneyClassifierTestHighMetric_controlData), ("errors", Classifier_MannWhitneyClassifierTestPassMetric_experimentData)));
        judgement.Score.Should().Be(100.0);
        judgement.Verdict.Should().Be(CanaryVerdict.Successful);
    }

    [Fact]
    public void A_critical_metric_that_fails_makes_the_score_zero()
    {
        var judgement = Judge(Config.Replace("    direction: increase\n    group: performance", "    direction: increase\n    critical: true\n    group: performance"),
            Csv(("latency", Classifier_MannWhitneyClassifierTestHighMetric_controlData), ("errors", Classifier_MannWhitneyClassifierTestPassMetric_controlData)),
            Csv(("latency", Classifier_MannWhitneyClassifierTestHighMetric_experimentData), ("errors", Classifier_MannWhitneyClassifierTestPassMetric_experimentData)));
        judgement.Score.Should().Be(0.0);
        judgement.Verdict.Should().Be(CanaryVerdict.Failed);
        judgement.Reason.Should().Be("Canary Failed: The metric latency was classified as High (Critical)");
    }

    [Fact]
    public void Metrics_without_data_on_half_the_metrics_fail_the_canary()
    {
        var judgement = Judge(Config, Csv(("errors", [1.0, 2.0, 3.0])), Csv(("errors", [1.0, 2.0, 3.0])));
        judgement.Metrics.Single(m => m.Name == "latency").Classification.Label.Should().Be(MetricClassificationLabel.NoData);
        judgement.Score.Should().Be(0.0);
        judgement.Reason.Should().Be("Canary Failed: 50% or more metrics returned NODATA");
    }

    [Fact]
    public void NaN_observations_are_removed_by_default()
    {
        var judgement = Judge(Config, "metric,value\nlatency,NaN\nlatency,\nerrors,1\nerrors,2\n", "metric,value\nlatency,NaN\nerrors,1\nerrors,2\n");
        judgement.Metrics.Single(m => m.Name == "latency").Classification.Label.Should().Be(MetricClassificationLabel.NoData);
        judgement.Metrics.Single(m => m.Name == "latency").Baseline.Count.Should().Be(0);
    }

    [Fact]
    public void Muted_metrics_are_reported_but_not_scored()
    {
        var judgement = Judge(Config.Replace("    direction: increase\n    group: performance", "    direction: increase\n    muted: true\n    group: performance"),
            Csv(("latency", Classifier_MannWhitneyClassifierTestHighMetric_controlData), ("errors", Classifier_MannWhitneyClassifierTestPassMetric_controlData)),
            Csv(("latency", Classifier_MannWhitneyClassifierTestHighMetric_experimentData), ("errors", Classifier_MannWhitneyClassifierTestPassMetric_experimentData)));
        judgement.Metrics.Single(m => m.Name == "latency").Classification.Label.Should().Be(MetricClassificationLabel.High);
        // Only the errors group is scored; it has weight 40 of 100, as Kayenta weighs (no renormalisation).
        judgement.Score.Should().Be(40.0);
    }

    [Fact]
    public void Outlier_removal_drops_a_spike_before_comparing()
    {
        // Twenty equal-ish baseline values; the canary has the same values and one spike of 1000.
        var baseline = Enumerable.Range(0, 20).Select(i => 100.0 + i % 5).ToArray();
        var canary = baseline.Append(1000.0).ToArray();
        var config = Config.Replace("    direction: increase\n    group: performance", "    direction: increase\n    outliers: {strategy: remove, factor: 3}\n    group: performance");
        var judgement = Judge(config, Csv(("latency", baseline), ("errors", [1.0])), Csv(("latency", canary), ("errors", [1.0])));
        var latency = judgement.Metrics.Single(m => m.Name == "latency");
        latency.Canary.Count.Should().Be(20);
        latency.Canary.Max.Should().Be(104.0);
        latency.Classification.Label.Should().Be(MetricClassificationLabel.Pass);
    }

    [Fact]
    public void Constant_samples_are_judged_the_same_way_every_time()
    {
        // Both samples constant: the judge nudges them with seeded noise, so the verdict is repeatable.
        var first = Judge(Config, Csv(("latency", [10.0, 10.0, 10.0, 10.0, 10.0]), ("errors", [1.0])), Csv(("latency", [12.0, 12.0, 12.0, 12.0, 12.0]), ("errors", [1.0])));
        var second = Judge(Config, Csv(("latency", [10.0, 10.0, 10.0, 10.0, 10.0]), ("errors", [1.0])), Csv(("latency", [12.0, 12.0, 12.0, 12.0, 12.0]), ("errors", [1.0])));
        first.Metrics.Single(m => m.Name == "latency").Classification.Label.Should().Be(MetricClassificationLabel.High);
        second.Should().BeEquivalentTo(first);
    }

    [Theory]
    [InlineData(95.0, CanaryVerdict.Successful)]
    [InlineData(94.99, CanaryVerdict.Inconclusive)]
    [InlineData(75.0, CanaryVerdict.Inconclusive)]
    [InlineData(74.99, CanaryVerdict.Failed)]
    public void Thresholds_are_inclusive(double score, CanaryVerdict verdict) =>
        CanaryJudge.Verdict(score, new CanaryThresholds()).Should().Be(verdict);
}

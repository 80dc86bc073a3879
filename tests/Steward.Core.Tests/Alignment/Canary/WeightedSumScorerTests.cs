using Steward.Core.Alignment.Canary;
using Label = Steward.Core.Alignment.Canary.MetricClassificationLabel;

namespace Steward.Core.Tests.Alignment.Canary;

/// <summary>Kayenta's kayenta-judge ScorerSuite.scala, every test, with its group weights and expected scores.</summary>
public sealed class WeightedSumScorerTests
{
    private static (string, string, MetricClassification) M(string name, Label label, string group, bool critical = false) =>
        (name, group, new MetricClassification(label, $"{name} was classified as {label}", 1.0, critical));

    private static ScoreResult Score(Dictionary<string, double> weights, params (string, string, MetricClassification)[] results) =>
        new WeightedSumScorer(weights).Score(results);

    [Fact]
    public void Single_metric_pass() =>
        Score([], M("test-metric-pass", Label.Pass, "test-group")).Score.Should().Be(100.0);

    [Fact]
    public void Single_metric_fail() =>
        Score([], M("test-metric-high", Label.High, "test-group")).Score.Should().Be(0.0);

    [Fact]
    public void Single_group_no_data()
    {
        var scores = Score([], M("test-metric-nodata", Label.NoData, "test-group-nodata"));
        scores.Groups.Should().ContainSingle().Which.Score.Should().Be(0.0);
        scores.Score.Should().Be(0.0);
    }

    [Fact]
    public void Two_groups_one_pass_one_no_data()
    {
        var scores = Score([],
            M("test-metric-pass1a", Label.Pass, "test-group-pass"),
            M("test-metric-pass1b", Label.Pass, "test-group-pass"),
            M("test-metric-nodata", Label.NoData, "test-group-nodata"));
        scores.Groups.Select(g => g.Score).Order().Should().Equal(0.0, 100.0);
        scores.Score.Should().Be(100.0);
    }

    [Fact]
    public void One_group_two_metrics() =>
        Score([], M("test-metric-pass", Label.Pass, "test-group"), M("test-metric-high", Label.High, "test-group")).Score.Should().Be(50.0);

    [Fact]
    public void One_group_three_metrics() =>
        Score([], M("test-metric-pass", Label.Pass, "test-group"), M("test-metric-high", Label.High, "test-group"), M("test-metric-low", Label.Low, "test-group"))
            .Score.Should().Be(33.33);

    [Fact]
    public void Two_groups_three_metrics() =>
        Score(new() { ["group-1"] = 75.0, ["group-2"] = 25.0 },
            M("test-metric-pass-1", Label.Pass, "group-1"), M("test-metric-pass-2", Label.Pass, "group-1"), M("test-metric-fail", Label.High, "group-2"))
            .Score.Should().Be(75.0);

    [Fact]
    public void Two_groups_three_metrics_equal_weight() =>
        Score(new() { ["group-1"] = 50.0, ["group-2"] = 50.0 },
            M("test-metric-pass", Label.Pass, "group-1"), M("test-metric-fail-1", Label.High, "group-1"), M("test-metric-fail-2", Label.High, "group-2"))
            .Score.Should().Be(25.0);

    [Fact]
    public void Two_groups_three_metrics_equal_weight_one_no_data() =>
        Score(new() { ["group-1"] = 50.0, ["group-2"] = 50.0 },
            M("test-metric-pass", Label.Pass, "group-1"), M("test-metric-nodata", Label.NoData, "group-1"), M("test-metric-fail", Label.High, "group-2"))
            .Score.Should().Be(50.0);

    [Fact]
    public void Critical_failure_scores_zero()
    {
        var scores = Score([], M("test-metric-pass", Label.Pass, "test-group"), M("test-metric-high", Label.High, "test-group", critical: true));
        scores.Score.Should().Be(0.0);
        scores.Reason.Should().Be("Canary Failed: test-metric-high was classified as High");
    }

    [Fact]
    public void Critical_metric_that_passes_does_not_fail() =>
        Score([], M("test-metric-low", Label.Low, "test-group"), M("test-metric-pass2", Label.Pass, "test-group", critical: true)).Score.Should().Be(50.0);

    [Fact]
    public void Critical_no_data_scores_zero() =>
        Score([], M("test-metric-pass", Label.Pass, "test-group"), M("test-metric-nodata", Label.NoData, "test-group", critical: true)).Score.Should().Be(0.0);

    [Fact]
    public void Two_groups_unequal_weight_four_metrics() =>
        // group1: 1 of 3 pass = 33.33% × 15% = 5; group2: 0% × 85%.
        Score(new() { ["group1"] = 15.0, ["group2"] = 85.0 },
            M("test-metric-high", Label.High, "group1"), M("test-metric-low", Label.Low, "group1"),
            M("test-metric-pass", Label.Pass, "group1"), M("test-metric-pass2", Label.High, "group2"))
            .Score.Should().Be(5.0);

    [Fact]
    public void Unweighted_groups_share_what_the_weights_leave()
    {
        // Not a Kayenta test: its calculateSummaryScore gives each group without a weight (100 − 40) / 2 = 30.
        // a: 100 × 0.40 + b: 50 × 0.30 + c: 0 × 0.30 = 55.
        Score(new() { ["a"] = 40.0 },
            M("a1", Label.Pass, "a"), M("b1", Label.Pass, "b"), M("b2", Label.High, "b"), M("c1", Label.Low, "c"))
            .Score.Should().Be(55.0);
    }

    [Fact]
    public void Half_the_metrics_without_data_fail_the_canary()
    {
        var scores = Score([], M("a", Label.Pass, "g"), M("b", Label.NoData, "g"));
        scores.Score.Should().Be(0.0);
        scores.Reason.Should().Be("Canary Failed: 50% or more metrics returned NODATA");
    }
}

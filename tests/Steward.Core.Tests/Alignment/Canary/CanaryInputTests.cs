using Steward.Core.Alignment.Canary;

namespace Steward.Core.Tests.Alignment.Canary;

/// <summary>The canary config (YAML) and sample (CSV) readers: what they accept and the one-line errors they give.</summary>
public sealed class CanaryInputTests
{
    [Fact]
    public void Config_with_defaults()
    {
        var config = CanaryConfigReader.Parse("c.yaml", "metrics:\n  - name: latency\n");
        var metric = config.Metrics.Should().ContainSingle().Subject;
        metric.Group.Should().Be("default");
        metric.Options.Should().Be(new CanaryMetricOptions());
        config.Thresholds.Should().Be(new CanaryThresholds(95, 75));
        config.GroupWeights.Should().BeEmpty();
    }

    [Fact]
    public void Config_with_every_option()
    {
        var config = CanaryConfigReader.Parse("c.yaml", """
            metrics:
              - name: latency
                direction: decrease
                critical: true
                group: perf
                mustHaveData: true
                muted: true
                nanStrategy: replace
                outliers: {strategy: remove, factor: 2.5}
                effectSize: {measure: cles, allowedIncrease: 0.8}
            groups: {perf: 70}
            thresholds: {pass: 90, marginal: 50}
            """);
        config.Metrics[0].Options.Should().Be(new CanaryMetricOptions
        {
            Direction = MetricDirection.Decrease,
            Critical = true,
            MustHaveData = true,
            Muted = true,
            NaNStrategy = NaNStrategy.Replace,
            RemoveOutliers = true,
            OutlierFactor = 2.5,
            EffectSizeMeasure = EffectSizeMeasure.Cles,
            AllowedIncrease = 0.8,
            AllowedDecrease = 0.5,
            CriticalIncrease = 0.5,
            CriticalDecrease = 0.5,
        });
        config.GroupWeights.Should().Equal(new Dictionary<string, double> { ["perf"] = 70 });
        config.Thresholds.Should().Be(new CanaryThresholds(90, 50));
    }

    [Theory]
    [InlineData("metrics:\n  - name: a\n    direction: up\n", "c.yaml:3:16: metrics[0].direction: \"up\" is not one of increase, decrease, either")]
    [InlineData("metrics:\n  - name: a\n    critcal: true\n", "c.yaml:3:5: metrics[0].critcal: unknown field; expected one of name, direction, critical, group, mustHaveData, muted, nanStrategy, outliers, effectSize")]
    [InlineData("metrics:\n  - name: a\n  - name: a\n", "c.yaml:3:5: metrics[1].name: metric a is configured twice")]
    [InlineData("metrics:\n  - group: g\n", "c.yaml:2:5: metrics[0].name: required field is missing")]
    [InlineData("metrics: []\n", "c.yaml:1:10: metrics: at least one metric is required")]
    [InlineData("metrics:\n  - name: a\ngroups: {a: 60, b: 50}\n", "c.yaml:3:9: groups: the weights add up to 110, over 100")]
    [InlineData("metrics:\n  - name: a\ngroups: {a: x}\n", "c.yaml:3:13: groups.a: expected a weight (a number of percent), got \"x\"")]
    [InlineData("metrics:\n  - name: a\nthresholds: {pass: 70, marginal: 80}\n", "c.yaml:3:34: thresholds.marginal: 80 is above pass (70)")]
    [InlineData("metrics:\n  - name: a\nthresholds: {pass: 170}\n", "c.yaml:3:20: thresholds.pass: 170 is outside 0..100")]
    [InlineData("metrics:\n  - name: a\n    outliers: {factor: 0}\n", "c.yaml:3:24: metrics[0].outliers.factor: 0 must be greater than 0")]
    [InlineData("- a\n", "c.yaml: expected one YAML mapping with metrics, groups and thresholds")]
    public void Config_errors_name_file_line_and_field(string yaml, string message) =>
        FluentActions.Invoking(() => CanaryConfigReader.Parse("c.yaml", yaml))
            .Should().Throw<StewardInputException>().WithMessage(message);

    [Fact]
    public void Samples_group_observations_by_metric_in_file_order()
    {
        var samples = CanarySamples.Parse("s.csv", "\uFEFFmetric,value\r\nlatency,1.5\r\n\"err,rate\",0.01\r\nlatency,-2e3\r\nlatency,\r\n");
        samples["latency"].Should().HaveCount(3);
        samples["latency"].Take(2).Should().Equal(1.5, -2000.0);
        double.IsNaN(samples["latency"][2]).Should().BeTrue();
        samples["err,rate"].Should().Equal(0.01);
    }

    [Theory]
    [InlineData("", "s.csv: empty; expected the header metric,value and one row per observation")]
    [InlineData("name,value\n", "s.csv:1: expected the header metric,value")]
    [InlineData("metric,value\nlatency,1\nlatency,fast\n", "s.csv:3: value: \"fast\" is not a number")]
    [InlineData("metric,value\nlatency,1,2\n", "s.csv:2: expected 2 cells (metric,value), got 3")]
    [InlineData("metric,value\n,1\n", "s.csv:2: metric: empty metric name")]
    [InlineData("metric,value\nlatency,Infinity\n", "s.csv:2: value: \"Infinity\" is not a number")]
    [InlineData("metric,value\n\"latency,1\n", "s.csv:2: unterminated quoted cell")]
    public void Sample_errors_name_file_and_line(string csv, string message) =>
        FluentActions.Invoking(() => CanarySamples.Parse("s.csv", csv))
            .Should().Throw<StewardInputException>().WithMessage(message);
}

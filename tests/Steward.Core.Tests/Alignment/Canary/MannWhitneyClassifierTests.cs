using Steward.Core.Alignment.Canary;
using static Steward.Core.Tests.Alignment.Canary.KayentaVectors;
using Label = Steward.Core.Alignment.Canary.MetricClassificationLabel;

namespace Steward.Core.Tests.Alignment.Canary;

/// <summary>
/// Kayenta's kayenta-judge ClassifierSuite.scala (the Mann-Whitney tests; the MeanInequality
/// classifier is not part of the judge and is not ported), with its classifier settings and expected
/// classifications. Kayenta's classify(control, experiment, ...) is Classify(name, baseline, canary, ...).
/// </summary>
public sealed class MannWhitneyClassifierTests
{
    private static MannWhitneyClassifier Classifier(double tolerance = 0.10, double confidence = 0.95,
        (double, double)? effect = null, (double, double)? critical = null, EffectSizeMeasure measure = EffectSizeMeasure.MeanRatio) =>
        new(tolerance, confidence, effect, critical, measure);

    [Fact]
    public void Pass_metric() =>
        Classifier().Classify("pass-metric", Classifier_MannWhitneyClassifierTestPassMetric_controlData, Classifier_MannWhitneyClassifierTestPassMetric_experimentData)
            .Label.Should().Be(Label.Pass);

    [Fact]
    public void High_metric() =>
        Classifier().Classify("high-metric", Classifier_MannWhitneyClassifierTestHighMetric_controlData, Classifier_MannWhitneyClassifierTestHighMetric_experimentData)
            .Label.Should().Be(Label.High);

    [Fact]
    public void Low_metric() =>
        Classifier().Classify("low-metric", Classifier_MannWhitneyClassifierTestLowMetric_controlData, Classifier_MannWhitneyClassifierTestLowMetric_experimentData)
            .Label.Should().Be(Label.Low);

    [Fact]
    public void Directional_increase_passes_a_decrease() =>
        Classifier().Classify("pass-metric", Classifier_MannWhitneyClassifierDirectionalTestIncrease_controlData, Classifier_MannWhitneyClassifierDirectionalTestIncrease_experimentData, MetricDirection.Increase)
            .Label.Should().Be(Label.Pass);

    [Fact]
    public void Directional_decrease_passes_an_increase() =>
        Classifier().Classify("pass-metric", Classifier_MannWhitneyClassifierDirectionalTestDecrease_controlData, Classifier_MannWhitneyClassifierDirectionalTestDecrease_experimentData, MetricDirection.Decrease)
            .Label.Should().Be(Label.Pass);

    [Fact]
    public void Directional_high_metric()
    {
        var result = Classifier().Classify("high-metric", Classifier_MannWhitneyClassifierDirectionalTestHighMetric_controlData, Classifier_MannWhitneyClassifierDirectionalTestHighMetric_experimentData, MetricDirection.Increase);
        result.Label.Should().Be(Label.High);
        result.Critical.Should().BeFalse();
    }

    [Fact]
    public void Directional_low_metric() =>
        Classifier().Classify("low-metric", Classifier_MannWhitneyClassifierDirectionalTestLowMetric_controlData, Classifier_MannWhitneyClassifierDirectionalTestLowMetric_experimentData, MetricDirection.Decrease)
            .Label.Should().Be(Label.Low);

    [Fact]
    public void High_metric_large_input()
    {
        var result = Classifier().Classify("pass-metric", Classifier_MannWhitneyClassifierTestHighMetricLargeInput_controlData, Classifier_MannWhitneyClassifierTestHighMetricLargeInput_experimentData);
        result.Label.Should().Be(Label.High);
        result.Critical.Should().BeFalse();
    }

    [Fact]
    public void Mean_ratio_effect_size_high() =>
        Classifier(effect: (0.8, 1.2)).Classify("high-metric", [1.0, 2.2, 1.1, 2.5, 3.0], [20.0, 22.0, 21.0, 25.0, 30.0])
            .Label.Should().Be(Label.High);

    [Fact]
    public void Mean_ratio_effect_size_low() =>
        Classifier(effect: (0.8, 1.2)).Classify("low-metric", Classifier_MannWhitneyClassifierTestMeanRatioEffectSizeLow_controlData, Classifier_MannWhitneyClassifierTestMeanRatioEffectSizeLow_experimentData, MetricDirection.Decrease)
            .Label.Should().Be(Label.Low);

    [Fact]
    public void Mean_ratio_effect_size_pass() =>
        // Mean ratio 67.8/118 = 0.5746 is above the allowed decrease 0.5: a significant but small change passes.
        Classifier(effect: (0.5, 1.0)).Classify("pass-metric", [20.0, 22.0, 21.0, 25.0, 30.0], [10.0, 12.2, 10.1, 12.5, 23.0], MetricDirection.Either, NaNStrategy.Remove)
            .Label.Should().Be(Label.Pass);

    [Fact]
    public void Mean_ratio_effect_size_pass_large_input() =>
        Classifier(effect: (1.0, 5.0)).Classify("pass-metric", Classifier_MannWhitneyClassifierTestMeanRatioEffectSizePassLargeInput_controlData, Classifier_MannWhitneyClassifierTestMeanRatioEffectSizePassLargeInput_experimentData)
            .Label.Should().Be(Label.Pass);

    [Fact]
    public void Cles_effect_size_pass() =>
        Classifier(0.20, 0.98, (0.5, 0.8), measure: EffectSizeMeasure.Cles).Classify("pass-metric", Classifier_MannWhitneyClassifierTestClesEffectSizePass_controlData, Classifier_MannWhitneyClassifierTestClesEffectSizePass_experimentData)
            .Label.Should().Be(Label.Pass);

    [Fact]
    public void Cles_effect_size_high() =>
        Classifier(0.20, 0.98, (0.2, 0.8), measure: EffectSizeMeasure.Cles).Classify("high-metric", Classifier_MannWhitneyClassifierTestClesEffectSizeHigh_controlData, Classifier_MannWhitneyClassifierTestClesEffectSizeHigh_experimentData)
            .Label.Should().Be(Label.High);

    [Fact]
    public void Cles_effect_size_low() =>
        Classifier(0.20, 0.98, (0.2, 0.8), measure: EffectSizeMeasure.Cles).Classify("low-metric", Classifier_MannWhitneyClassifierTestClesEffectSizeLow_controlData, Classifier_MannWhitneyClassifierTestClesEffectSizeLow_experimentData)
            .Label.Should().Be(Label.Low);

    [Fact]
    public void Critical_high()
    {
        var result = Classifier(critical: (1.0, 1.2)).Classify("high-critical-metric", [1.0, 2.2, 1.1, 2.5, 3.0], [20.0, 22.0, 21.0, 25.0, 30.0], critical: true);
        result.Label.Should().Be(Label.High);
        result.Critical.Should().BeTrue();
    }

    [Fact]
    public void Critical_low()
    {
        var result = Classifier(critical: (1.2, 1.0)).Classify("low-critical-metric", [10.0, 20.2, 10.1, 20.5, 30.0], [2.0, 2.0, 2.0, 2.0, 3.0], critical: true);
        result.Label.Should().Be(Label.Low);
        result.Critical.Should().BeTrue();
    }

    [Fact]
    public void High_below_the_critical_effect_size_is_not_critical()
    {
        // Mean ratio 23.6/1.96 = 12.04: above the allowed 5, below the critical 13.
        var result = Classifier(effect: (1.0, 5.0), critical: (1.0, 13.0)).Classify("high-metric", [1.0, 2.2, 1.1, 2.5, 3.0], [20.0, 22.0, 21.0, 25.0, 30.0], critical: true);
        result.Label.Should().Be(Label.High);
        result.Critical.Should().BeFalse();
    }

    [Fact]
    public void Below_the_allowed_effect_size_passes()
    {
        var result = Classifier(effect: (1.0, 13.0), critical: (1.0, 15.0)).Classify("pass-metric", [1.0, 2.2, 1.1, 2.5, 3.0], [20.0, 22.0, 21.0, 25.0, 30.0], critical: true);
        result.Label.Should().Be(Label.Pass);
        result.Critical.Should().BeFalse();
    }

    [Fact]
    public void Critical_high_with_default_thresholds()
    {
        var result = Classifier().Classify("high-metric", [1.0, 2.2, 1.1, 2.5, 3.0], [20.0, 22.0, 21.0, 25.0, 30.0], critical: true);
        result.Label.Should().Be(Label.High);
        result.Critical.Should().BeTrue();
    }

    [Fact]
    public void Tied_observations_pass() =>
        Classifier().Classify("test-metric", [1.0, 1.0], [1.0, 1.0, 1.0], MetricDirection.Decrease).Label.Should().Be(Label.Pass);

    [Fact]
    public void Identical_populations_pass() =>
        Classifier().Classify("test-metric", [5.0, 4.0, 3.0, 2.0, 1.0], [1.0, 2.0, 3.0, 4.0, 5.0], MetricDirection.Decrease).Label.Should().Be(Label.Pass);

    [Fact]
    public void Leading_zero_identical_population_passes() =>
        Classifier().Classify("test-metric", [1.0, 1.0, 1.0, 1.0, 1.0], [0.0, 1.0, 1.0, 1.0, 1.0], MetricDirection.Decrease).Label.Should().Be(Label.Pass);

    [Fact]
    public void Missing_canary_data_is_no_data() =>
        Classifier().Classify("test-metric", [1.0, 2.0, 3.0, 4.0, 5.0], [], MetricDirection.Decrease).Label.Should().Be(Label.NoData);

    [Fact]
    public void Missing_canary_data_of_a_critical_metric_is_critical_no_data()
    {
        var result = Classifier().Classify("test-critical-metric", [1.0, 2.0, 3.0, 4.0, 5.0], [], MetricDirection.Decrease, critical: true);
        result.Label.Should().Be(Label.NoData);
        result.Critical.Should().BeTrue();
    }

    [Fact]
    public void Missing_data_with_nan_replacement_passes() =>
        Classifier().Classify("test-metric", [1.0, 2.0, 3.0, 4.0, 5.0], [], MetricDirection.Decrease, NaNStrategy.Replace).Label.Should().Be(Label.Pass);

    [Fact]
    public void Missing_data_has_a_reason() =>
        Classifier().Classify("test-critical-metric", [], [], MetricDirection.Decrease, critical: true).Reason.Should().NotBeNullOrEmpty();

    [Fact]
    public void Missing_data_of_a_metric_that_must_have_data_fails_in_its_group() =>
        Classifier().Classify("test-metric", [1.0, 2.0], [], mustHaveData: true).Label.Should().Be(Label.NoDataFailMetric);

    [Fact]
    public void Majority_tied_observations_pass() =>
        Classifier().Classify("pass-metric", [1.0, 1.0, 1.0, 1.0, 1.0], [1.0, 1.0, 1.0, 1.0, 10.0]).Label.Should().Be(Label.Pass);

    [Fact]
    public void Tied_ranks_high() =>
        Classifier().Classify("high-metric", [1.0, 1.0, 1.0, 1.0, 1.0], [10.0, 10.0, 10.0, 10.0, 10.0]).Label.Should().Be(Label.High);

    [Fact]
    public void Tied_ranks_with_zeros_high() =>
        Classifier().Classify("high-metric", [0.0, 0.0, 0.0, 0.0, 0.0], [10.0, 10.0, 10.0, 10.0, 10.0]).Label.Should().Be(Label.High);

    [Fact]
    public void Zero_mean_high_with_effect_size()
    {
        var result = Classifier(effect: (0.8, 1.2)).Classify("high-metric", [0.0, 0.0, 0.0, 0.0, 0.0], [54.9, 54.5, 55.1, 55.6, 57.4]);
        result.Label.Should().Be(Label.High);
        double.IsNaN(result.Ratio).Should().BeTrue();
    }

    [Fact]
    public void Zero_mean_low_with_effect_size()
    {
        var result = Classifier(effect: (0.8, 1.2)).Classify("low-metric", [54.9, 54.5, 55.1, 55.6, 57.4], [0.0, 0.0, 0.0, 0.0, 0.0]);
        result.Label.Should().Be(Label.Low);
        double.IsNaN(result.Ratio).Should().BeTrue();
    }

    [Fact]
    public void Zero_mean_critical_metric()
    {
        double[] canary =
        [
            0.05000000074505806, 0.05000000074505806, 0.01666666753590107,
            0.01666666753590107, 0.01666666753590107, 0.05000000074505806,
            0.03333333507180214, 0.05000000260770321, 0.05000000260770321,
            0.13333333656191826,
        ];
        var result = Classifier(critical: (0.8, 1.2)).Classify("high-metric", new double[10], canary, MetricDirection.Either, NaNStrategy.Replace, critical: true);
        result.Label.Should().Be(Label.High);
        result.Critical.Should().BeTrue();
    }

    [Fact]
    public void Zero_mean_pass()
    {
        var result = Classifier(effect: (0.8, 1.2)).Classify("pass-metric", new double[5], new double[5]);
        result.Label.Should().Be(Label.Pass);
        result.Ratio.Should().Be(1.0);
    }
}

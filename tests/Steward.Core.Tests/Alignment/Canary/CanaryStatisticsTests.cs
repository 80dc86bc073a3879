using Steward.Core.Alignment.Canary;
using static Steward.Core.Tests.Alignment.Canary.KayentaVectors;

namespace Steward.Core.Tests.Alignment.Canary;

/// <summary>
/// Kayenta's kayenta-judge StatisticSuite.scala (summary statistics, R-7 percentiles, mean ratio,
/// CLES; Cohen's d is not used by the judge and is not ported), DetectorSuite.scala (the IQR tests;
/// the k-sigma detector is not used by the judge) and TransformSuite.scala's IQR removal.
/// </summary>
public sealed class CanaryStatisticsTests
{
    [Fact]
    public void Summary_of_a_scalar() =>
        MetricSummary.Of([4.0]).Should().Be(new MetricSummary(1, 4, 4, 4, 0));

    [Fact]
    public void Summary_of_a_list()
    {
        var result = MetricSummary.Of([1.0, 1.0, 1.0, 10.0, 10.0, 10.0]);
        result.Min.Should().Be(1.0);
        result.Max.Should().Be(10.0);
        result.Mean.Should().Be(5.5);
        result.Std.Should().BeApproximately(4.9295, 1e-4);
        result.Count.Should().Be(6);
    }

    [Fact]
    public void Summary_without_data() =>
        MetricSummary.Of([]).Should().Be(new MetricSummary(0, 0, 0, 0, 0));

    [Fact]
    public void Basic_percentiles()
    {
        double[] data = [0.0, 0.5, 1.0, 1.5, 2.0, 2.5, 3.0, 3.5];
        Percentiles.R7(data, 5).Should().BeApproximately(0.175, 1e-4);
        Percentiles.R7(data, 50).Should().Be(1.75);
        Percentiles.R7(data, 100).Should().Be(3.5);
    }

    [Fact]
    public void Percentile_interpolates_linearly() =>
        Percentiles.R7([0.0, 1.0, 2.0, 3.0, 4.0, 5.0, 6.0, 7.0, 8.0, 9.0], 50).Should().Be(4.5);

    [Fact]
    public void Percentile_of_NIST_data() =>
        Percentiles.R7(Statistic_SummaryStatisticsPercentileNistData_testData, 90).Should().BeApproximately(95.19568, 1e-10);

    [Fact]
    public void Percentile_of_one_value() =>
        Percentiles.R7([1.0], 100).Should().Be(1.0);

    [Fact]
    public void Percentile_estimate_with_many_zeros()
    {
        var data = Statistic_SummaryStatisticsPercentileEstimateLinearInterpolation_testData;
        Percentiles.R7(data, 25).Should().Be(0.0);
        Percentiles.R7(data, 75).Should().BeApproximately(0.0416, 1e-4);
    }

    [Fact]
    public void Mean_ratio_without_effect() =>
        MannWhitneyClassifier.MeanRatio([1.0, 1.0, 1.0, 1.0, 1.0], [1.0, 1.0, 1.0, 1.0, 1.0]).Should().Be(1.0);

    [Fact]
    public void Mean_ratio_high() =>
        MannWhitneyClassifier.MeanRatio([1.0, 1.0, 1.0, 1.0, 1.0], [10.0, 10.0, 10.0, 10.0, 10.0]).Should().Be(10.0);

    [Fact]
    public void Mean_ratio_low() =>
        MannWhitneyClassifier.MeanRatio([100.0, 100.0, 100.0, 100.0, 100.0], [10.0, 10.0, 10.0, 10.0, 10.0]).Should().Be(0.1);

    [Fact]
    public void Mean_ratio_of_a_zero_mean_is_NaN() =>
        double.IsNaN(MannWhitneyClassifier.MeanRatio([0.0, 0.0, 0.0, 0.0, 0.0], [10.0, 10.0, 10.0, 10.0, 10.0])).Should().BeTrue();

    [Fact]
    public void Cles_of_identical_samples() =>
        MannWhitneyClassifier.Cles([1.0, 2.0, 3.0, 4.0, 5.0], [1.0, 2.0, 3.0, 4.0, 5.0]).Should().Be(0.5);

    [Fact]
    public void Cles_without_overlap() =>
        MannWhitneyClassifier.Cles(
            [25.31531073, 25.19450817, 24.6288846, 24.37991861, 26.40999244, 25.28524759, 24.99788745, 26.13841676, 22.93604649, 24.56817832],
            [2.27776335, 2.61149434, 3.26894105, 2.91672701, 1.40656921, 2.18292082, 3.47901292, 3.00034118, 3.02402043, 4.69912745])
            .Should().Be(0.0);

    [Fact]
    public void Cles_high() =>
        MannWhitneyClassifier.Cles(Statistic_ClesEffectSizeHighMetric_controlData, Statistic_ClesEffectSizeHighMetric_experimentData)
            .Should().BeApproximately(0.771, 0.001);

    [Fact]
    public void Cles_low() =>
        MannWhitneyClassifier.Cles(Statistic_ClesEffectSizeLowMetric_controlData, Statistic_ClesEffectSizeLowMetric_experimentData)
            .Should().BeApproximately(0.12, 1e-12);

    [Fact]
    public void Iqr_detection() =>
        new IqrOutlierDetector(1.5).Detect([21.0, 23.0, 24.0, 25.0, 50.0, 29.0, 23.0, 21.0])
            .Should().Equal(false, false, false, false, true, false, false, false);

    [Fact]
    public void Iqr_detects_both_sides() =>
        new IqrOutlierDetector(1.5).Detect([1.0, 1.0, 1.0, 5.0, -1.0, -1.0, -1.0, -5.0])
            .Should().Equal(false, false, false, true, false, false, false, true);

    [Fact]
    public void Iqr_of_no_data() =>
        new IqrOutlierDetector(1.5).Detect([]).Should().BeEmpty();

    [Fact]
    public void Iqr_NIST_data()
    {
        double[] data =
        [
            30, 171, 184, 201, 212, 250, 265, 270, 272, 289, 305, 306, 322, 322, 336, 346,
            351, 370, 390, 404, 409, 411, 436, 437, 439, 441, 444, 448, 451, 453, 470, 480,
            482, 487, 494, 495, 499, 503, 514, 521, 522, 527, 548, 550, 559, 560, 570, 572,
            574, 578, 585, 592, 592, 607, 616, 618, 621, 629, 637, 638, 640, 656, 668, 707,
            709, 719, 737, 739, 752, 758, 766, 792, 792, 794, 802, 818, 830, 832, 843, 858,
            860, 869, 918, 925, 953, 991, 1000, 1005, 1068, 1441,
        ];
        new IqrOutlierDetector(1.5).Detect(data).Should().Equal([.. Enumerable.Repeat(false, data.Length - 1), true]);
    }

    [Fact]
    public void Iqr_outlier_removal() =>
        new IqrOutlierDetector(1.5).Remove([21.0, 23.0, 24.0, 25.0, 50.0, 29.0, 23.0, 21.0])
            .Should().Equal(21.0, 23.0, 24.0, 25.0, 29.0, 23.0, 21.0);

    [Fact]
    public void Reduced_sensitivity_keeps_the_extremes_of_a_small_sample()
    {
        // Not a Kayenta test. R-7 on the sorted values 21 21 23 23 24 25 29 50: Q1 = 22.5, Q3 = 26, IQR = 3.5;
        // factor 3 gives the fences 12 and 36.5; the 1st and 99th percentiles are 21 and 29 + 0.93 × 21 = 48.53
        // (numpy.percentile(x, [1, 99])), so the fences become 12 and 48.53: 50 is still an outlier, 29 is not.
        new IqrOutlierDetector(3.0, reduceSensitivity: true).Detect([21.0, 23.0, 24.0, 25.0, 50.0, 29.0, 23.0, 21.0])
            .Should().Equal(false, false, false, false, true, false, false, false);
    }
}

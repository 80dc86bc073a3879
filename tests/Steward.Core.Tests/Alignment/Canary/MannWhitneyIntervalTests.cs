using MathNet.Numerics.Distributions;
using Steward.Core.Alignment.Canary;
using static Steward.Core.Tests.Alignment.Canary.KayentaVectors;

namespace Steward.Core.Tests.Alignment.Canary;

/// <summary>
/// Kayenta's kayenta-mannwhitney MannWhitneySuite.scala, ported test by test with its expected values
/// and its tolerance (1e-6; 1e-4 for the R tie-out estimates), which Kayenta took from R's
/// wilcox.test(x, y, conf.int = TRUE, conf.level = ..., exact = FALSE, correct = TRUE).
/// </summary>
public sealed class MannWhitneyIntervalTests
{
    private const double E = 0.000001;

    [Fact]
    public void Wilcoxon_diff_function()
    {
        var x = MannWhitney_WilcoxonDiffFunction_x;
        var y = MannWhitney_WilcoxonDiffFunction_y;
        MannWhitneyInterval.WilcoxonDiff(0, 0, x, y).Should().BeApproximately(-1.229416, E);
        MannWhitneyInterval.WilcoxonDiff(5, 0, x, y).Should().BeApproximately(-35.80606, E);
    }

    [Fact]
    public void Z_quantile_of_the_98_percent_interval()
    {
        Normal.InvCDF(0, 1, 0.02 / 2).Should().BeApproximately(-2.326348, E);
    }

    [Fact]
    public void Confidence_interval_and_estimate()
    {
        var result = MannWhitneyInterval.Compute([10.0, 20.0, 30.0, 40.0], [1.0, 2.0, 3.0, 4.0]);
        result.Lower.Should().BeApproximately(6.0, E);
        result.Upper.Should().BeApproximately(39.0, E);
        result.Estimate.Should().BeApproximately(22.5, E);
    }

    [Fact]
    public void Confidence_interval_and_estimate_problem_case()
    {
        var result = MannWhitneyInterval.Compute(
            MannWhitney_MannWhitneyConfidenceIntervalEstimateProblemCase_experiment,
            MannWhitney_MannWhitneyConfidenceIntervalEstimateProblemCase_control, 0.98);
        result.Lower.Should().BeApproximately(-1.4808028936386108E-5, E);
        result.Upper.Should().BeApproximately(1.808255910873413E-5, E);
        result.Estimate.Should().BeApproximately(1.808255910873413E-5, E);
    }

    [Fact]
    public void Tie_out_with_R()
    {
        var result = MannWhitneyInterval.Compute(
            MannWhitney_MannWhitneyConfidenceIntervalEstimateTieOutWithRVersion_experiment,
            MannWhitney_MannWhitneyConfidenceIntervalEstimateTieOutWithRVersion_control);
        result.Lower.Should().BeApproximately(-0.500002521696696, E);
        result.Upper.Should().BeApproximately(-3.486287505871302E-5, E);
        result.Estimate.Should().BeApproximately(-0.4999393907180323, 0.0001);
    }

    [Fact]
    public void Tie_out_with_R_large()
    {
        var result = MannWhitneyInterval.Compute(
            MannWhitney_MannWhitneyConfidenceIntervalEstimateTieOutWithRVersionLarge_experiment,
            MannWhitney_MannWhitneyConfidenceIntervalEstimateTieOutWithRVersionLarge_control, 0.98);
        result.Lower.Should().BeApproximately(-0.4999173250549087, E);
        result.Upper.Should().BeApproximately(-6.912685789769486E-6, E);
        result.Estimate.Should().BeApproximately(-3.45044082729315E-5, 0.0001);
    }

    [Fact]
    public void Intermediate_values_match_R()
    {
        var x = MannWhitney_MannWhitneyIntermediateValuesVariables_x;
        var y = MannWhitney_MannWhitneyIntermediateValuesVariables_y;
        const double alpha = 1.0 - 0.95;
        var muMin = x.Min() - y.Max();
        var muMax = x.Max() - y.Min();
        var zqLower = Normal.InvCDF(0, 1, alpha / 2) * -1;
        var zqUpper = Normal.InvCDF(0, 1, alpha / 2);
        double F(double mu, double zq) => MannWhitneyInterval.WilcoxonDiff(mu, zq, x, y);

        muMin.Should().BeApproximately(-3.124999999999986, E);
        muMax.Should().BeApproximately(5.555555555555557, E);
        zqLower.Should().BeApproximately(1.9599639845400536, E);
        zqUpper.Should().BeApproximately(-1.9599639845400536, E);
        F(muMin, zqLower).Should().BeApproximately(17.090968923762254, E);
        F(muMax, zqLower).Should().BeApproximately(-20.997687930433106, E);
        F(muMin, zqUpper).Should().BeApproximately(21.01089689284236, E);
        F(muMax, zqUpper).Should().BeApproximately(-17.077759961353, E);
        BrentRootFinder.Solve(muMin, muMax, F(muMin, zqLower), F(muMax, zqLower), mu => F(mu, zqLower)).Should().BeApproximately(3.521755377702165E-5, E);
        BrentRootFinder.Solve(muMin, muMax, F(muMin, zqUpper), F(muMax, zqUpper), mu => F(mu, zqUpper)).Should().BeApproximately(2.02456461662334E-5, E);
        BrentRootFinder.Solve(muMin, muMax, F(muMin, 0), F(muMax, 0), mu => F(mu, 0)).Should().BeApproximately(2.6279243045155653E-5, E);
    }

    /// <summary>
    /// Intervals computed once independently in Python (scipy 1.10: the same statistic built from
    /// scipy.stats.rankdata and scipy.stats.norm.ppf, roots found by scipy.optimize.brentq with xtol 1e-13,
    /// as R's wilcox.test(x, y, conf.int = TRUE, exact = FALSE) defines them). The statistic is a step
    /// function of the shift, so both solvers land on the same jump; Kayenta's solver stops within its
    /// absolute tolerance of 1e-4, hence the tolerance here.
    /// </summary>
    [Theory]
    [InlineData("pass", 0.98, -1.2632936650807811, 1.2687458254644908, 0.058740003268937184)]
    [InlineData("high", 0.98, 9.148683473173326, 11.819071282913924, 10.622841074343231)]
    [InlineData("low", 0.95, -11.115058732734042, -8.799624969087532, -9.898168999244188)]
    [InlineData("ties", 0.98, -4.0, 1.0, -1.0)]
    public void Intervals_match_an_independent_scipy_computation(string data, double confidence, double lower, double upper, double estimate)
    {
        var (x, y) = data switch
        {
            "pass" => (Classifier_MannWhitneyClassifierTestPassMetric_experimentData, Classifier_MannWhitneyClassifierTestPassMetric_controlData),
            "high" => (Classifier_MannWhitneyClassifierTestHighMetric_experimentData, Classifier_MannWhitneyClassifierTestHighMetric_controlData),
            "low" => (Classifier_MannWhitneyClassifierTestLowMetric_experimentData, Classifier_MannWhitneyClassifierTestLowMetric_controlData),
            _ => (new[] { 1.0, 2, 2, 3, 3, 3, 4, 5, 9 }, new[] { 2.0, 2, 3, 4, 4, 5, 6, 7, 7, 8 }),
        };
        var result = MannWhitneyInterval.Compute(x, y, confidence);
        result.Lower.Should().BeApproximately(lower, 1e-4);
        result.Upper.Should().BeApproximately(upper, 1e-4);
        result.Estimate.Should().BeApproximately(estimate, 1e-4);
    }
}

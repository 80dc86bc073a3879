using Steward.Core.Alignment.Multivariate;
using Steward.Core.Alignment.Performance;

namespace Steward.Core.Tests.Alignment.Multivariate;

/// <summary>
/// The AUC walk on ranked labels, the permutation bound and the bootstrap interval. Expected values
/// from scikit-learn 1.2.1, numpy 1.24.2 and scipy 1.10.1 as written beside each.
/// </summary>
public class RocAucResamplingTests
{
    // Scores with ties (0.8, 0.6 and 0.2 repeat) so that the diagonal steps of the ROC curve count.
    private static readonly bool[] Labels = [true, false, true, true, false, false, true, false, true, false, false, true];
    private static readonly double[] Scores = [0.9, 0.8, 0.8, 0.7, 0.6, 0.6, 0.6, 0.3, 0.2, 0.2, 0.1, 0.05];

    [Fact]
    public void Auc_of_ranked_labels_is_sklearns_roc_auc_score_with_ties()
    {
        // sklearn.metrics.roc_auc_score(y, s) = 0.6111111111111112
        var ranked = new RankedLabels(Labels, Scores);
        ranked.Auc().Should().Be(0.6111111111111112);
        ranked.Auc().Should().Be(ClassificationMetrics.RocAuc(Labels, Scores));
    }

    [Fact]
    public void Weighted_auc_is_sklearns_roc_auc_score_with_sample_weight()
    {
        // roc_auc_score(y, s, sample_weight=[2,0,1,3,1,2,1,1,0,2,1,1]) = 0.8482142857142857
        int[] weights = [2, 0, 1, 3, 1, 2, 1, 1, 0, 2, 1, 1];
        var ranked = new RankedLabels(Labels, Scores);
        // The ranked order is descending score, which is the input order here (stable for ties).
        Approx.Equal(ranked.Auc(ranked.Labels, weights), 0.8482142857142857, 1e-15);
    }

    [Fact]
    public void Auc_of_labels_without_one_class_is_undefined()
    {
        var ranked = new RankedLabels([true, true, true], [0.3, 0.2, 0.1]);
        double.IsNaN(ranked.Auc()).Should().BeTrue();
    }

    [Theory]
    // numpy.percentile([0.3, 0.1, 0.7, 0.25, 0.9, 0.55, 0.42], q)
    [InlineData(0.025, 0.12250000000000001)]
    [InlineData(0.5, 0.42)]
    [InlineData(0.95, 0.8399999999999999)]
    [InlineData(0.975, 0.8699999999999999)]
    [InlineData(0.0, 0.1)]
    [InlineData(1.0, 0.9)]
    public void Quantile_is_numpy_percentile_with_linear_interpolation(double q, double expected)
    {
        Quantile.Linear([0.3, 0.1, 0.7, 0.25, 0.9, 0.55, 0.42], q).Should().Be(expected);
    }

    [Fact]
    public void Null_bound_of_uninformative_scores_matches_the_mann_whitney_normal_approximation()
    {
        // 1000 current and 1000 reference rows, distinct scores. Under no drift the AUC is U/(n0·n1), whose
        // 95% quantile is about 0.5 + z(0.95)·sqrt((n0 + n1 + 1)/(12·n0·n1)):
        // scipy: 0.5 + stats.norm.ppf(0.95)*np.sqrt(2001/(12*1000*1000)) = 0.5212402770925996.
        // 1000 permutations estimate that quantile to about ±0.001 (one standard error).
        var labels = Enumerable.Range(0, 2000).Select(i => i % 2 == 0).ToArray();
        var scores = Enumerable.Range(0, 2000).Select(i => (double)((i * 7919) % 2000)).ToArray();
        var ranked = new RankedLabels(labels, scores);
        var result = RocAucResampling.Evaluate(ranked, ranked.Auc(), resamples: 1000, nullQuantile: 0.95, confidence: 0.95, seed: 42);
        Approx.Equal(result.NullBound, 0.5212402770925996, relative: 0, absolute: 0.003, because: "permutation 95% quantile");
        result.Lower.Should().BeLessThan(ranked.Auc());
        result.Upper.Should().BeGreaterThan(ranked.Auc());
    }

    [Fact]
    public void Perfect_separation_has_the_smallest_permutation_p_value_and_a_degenerate_interval()
    {
        // Every current row scores above every reference row: no permutation reaches AUC 1 (its chance,
        // 1/C(20,10), is negligible), so p = 1/(1 + 200); every bootstrap resample keeps AUC 1.
        var labels = Enumerable.Range(0, 20).Select(i => i < 10).ToArray();
        var scores = Enumerable.Range(0, 20).Select(i => 20.0 - i).ToArray();
        var ranked = new RankedLabels(labels, scores);
        var result = RocAucResampling.Evaluate(ranked, 1.0, resamples: 200, nullQuantile: 0.95, confidence: 0.95, seed: 7);
        result.PValue.Should().Be(1.0 / 201);
        result.Lower.Should().Be(1.0);
        result.Upper.Should().Be(1.0);
        result.NullBound.Should().BeLessThan(0.9);
    }

    [Fact]
    public void Stratified_split_holds_out_the_same_share_of_each_sample()
    {
        var labels = Enumerable.Range(0, 301).Select(i => i >= 101).ToArray(); // 101 reference, 200 current
        var (train, test) = StratifiedSplit.Split(labels, 0.5, new Random(1));
        test.Count(i => !labels[i]).Should().Be(51, "round(101 × 0.5) with halves rounded up");
        test.Count(i => labels[i]).Should().Be(100);
        train.Concat(test).Order().Should().Equal(Enumerable.Range(0, 301));
    }

    [Fact]
    public void Reservoir_keeps_a_uniform_sample_of_the_stream()
    {
        var kept = ReservoirSampler.Indices(1000, 100, seed: 3);
        kept.Should().HaveCount(100).And.OnlyHaveUniqueItems().And.BeInAscendingOrder();
        kept.Should().OnlyContain(i => i >= 0 && i < 1000);
        // Not just the first 100: a uniform sample of 1000 reaches well past the start.
        kept.Max().Should().BeGreaterThan(500);
        ReservoirSampler.Indices(1000, 100, seed: 3).Should().Equal(kept);
        ReservoirSampler.Indices(50, 100, seed: 3).Should().Equal(Enumerable.Range(0, 50));
    }
}

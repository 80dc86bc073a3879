using Steward.Core.Alignment.Multivariate;
using Steward.Core.Alignment.Performance;

namespace Steward.Core.Tests.Alignment.Multivariate;

/// <summary>
/// The AUC on ranked labels, DeLong's interval, the permutation bound and the seeded sampling helpers.
/// Expected values from scikit-learn 1.2.1, numpy 1.24.2 and scipy 1.10.1 as written beside each; DeLong by
/// the textbook O(m·n) formula in numpy:
/// <c>psi = (X[:,None] &gt; Y[None,:]) + 0.5*(X[:,None] == Y[None,:]); v10, v01 = psi.mean(1), psi.mean(0);
/// var = v10.var(ddof=1)/len(X) + v01.var(ddof=1)/len(Y); auc ± stats.norm.ppf(1 - (1 - c)/2)*sqrt(var)</c>.
/// </summary>
public class RocAucUncertaintyTests
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
    public void Mid_rank_sums_give_the_same_auc_as_the_walk()
    {
        var ranked = new RankedLabels(Labels, Scores);
        var ranks = ranked.MidRanks();
        var n1 = Labels.Count(l => l);
        var n0 = Labels.Length - n1;
        var rankSum = ranked.Labels.Select((l, p) => l ? ranks[p] : 0).Sum();
        ((rankSum - n1 * (n1 + 1) / 2.0) / (n1 * n0)).Should().Be(ranked.Auc());
    }

    [Fact]
    public void DeLong_interval_matches_the_textbook_formula_with_ties()
    {
        // numpy DeLong on (y, s) above: AUC 0.6111111111111112, variance 0.03348765432098766,
        // 95% interval [0.25244490824873694, 0.9697773139734853].
        var (lower, upper) = DeLongInterval.Evaluate(new RankedLabels(Labels, Scores), 0.95);
        Approx.Equal(lower, 0.25244490824873694, 1e-12);
        Approx.Equal(upper, 0.9697773139734853, 1e-12);

        // 40 scores on a grid of 10 values: s = ((i·7) mod 10)/10, y = ((i·3) mod 7) &lt; 3.
        // AUC 0.5460358056265985, variance 0.009275689618366275; 95% [0.35727092620647427, 0.7348006850467227],
        // 90% [0.38761932501554697, 0.70445228623765].
        var y = Enumerable.Range(0, 40).Select(i => i * 3 % 7 < 3).ToArray();
        var s = Enumerable.Range(0, 40).Select(i => i * 7 % 10 / 10.0).ToArray();
        var ranked = new RankedLabels(y, s);
        Approx.Equal(ranked.Auc(), 0.5460358056265985, 1e-14);
        var (v10, v01) = DeLongInterval.Placements(ranked);
        Approx.Equal(v10.Average(), 0.5460358056265985, 1e-12);
        Approx.Equal(v01.Average(), 0.5460358056265985, 1e-12);
        (lower, upper) = DeLongInterval.Evaluate(ranked, 0.95);
        Approx.Equal(lower, 0.35727092620647427, 1e-12);
        Approx.Equal(upper, 0.7348006850467227, 1e-12);
        (lower, upper) = DeLongInterval.Evaluate(ranked, 0.9);
        Approx.Equal(lower, 0.38761932501554697, 1e-12);
        Approx.Equal(upper, 0.70445228623765, 1e-12);
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
        var (bound, p) = PermutationBound.Evaluate(ranked, ranked.Auc(), permutations: 1000, quantile: 0.95, seed: 42);
        Approx.Equal(bound, 0.5212402770925996, relative: 0, absolute: 0.003, because: "permutation 95% quantile");
        p.Should().BeInRange(1.0 / 1001, 1.0);
    }

    [Fact]
    public void Perfect_separation_has_the_smallest_permutation_p_value_and_a_zero_width_interval()
    {
        // Every current row scores above every reference row: no permutation reaches AUC 1 (its chance,
        // 1/C(20,10), is negligible), so p = 1/(1 + 200); every placement is 1, so DeLong's variance is 0.
        var labels = Enumerable.Range(0, 20).Select(i => i < 10).ToArray();
        var scores = Enumerable.Range(0, 20).Select(i => 20.0 - i).ToArray();
        var ranked = new RankedLabels(labels, scores);
        var result = RocAucUncertainty.Evaluate(ranked, 1.0, new MultivariateDriftOptions { Resamples = 200 }, seed: 7);
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

using Steward.Core.Alignment.Statistics;

namespace Steward.Core.Tests.Alignment;

/// <summary>
/// Expected values from scipy 1.10.1 / numpy 1.24.2 with Evidently's definitions. Python helpers:
/// <c>binned(a,b) = edges = np.histogram_bin_edges(np.concatenate([a,b]), bins=10); np.histogram(a, edges)[0]/len(a), np.histogram(b, edges)[0]/len(b)</c>;
/// <c>fill(p): np.place(p, p==0, 0.0001)</c>; <c>psi(r,c) = np.sum((c-r)*np.log(c/r))</c>;
/// <c>hell(r,c) = np.sqrt(1-np.clip(np.sum(np.sqrt(r*c)),0,1))</c>.
/// </summary>
public class DistributionStatisticsTests
{
    private static readonly double[] A = [1, 2, 2, 3, 4, 5, 5, 5, 9, 10];
    private static readonly double[] B = [2, 3, 3, 4, 6, 7, 8, 8, 12, 15, 15];

    [Fact]
    public void Wasserstein_small_samples()
    {
        // stats.wasserstein_distance(A, B) -> 2.9454545454545458; /max(np.std(A),0.001) -> 1.051948051948052
        Approx.Equal(Wasserstein.Distance(A, B), 2.9454545454545458, 1e-12);
        Approx.Equal(Moments.PopulationStd(A), 2.8000000000000003, 1e-14);
        Approx.Equal(Wasserstein.Normed(A, B), 1.051948051948052, 1e-12);
    }

    [Fact]
    public void Wasserstein_generated_samples()
    {
        var a = Samples.Generate(3000, 7919, 10007);
        var b = Samples.Generate(2500, 7927, 10009, 1.3, 0.1);
        // stats.wasserstein_distance(gen(3000,7919,10007), gen(2500,7927,10009,1.3,0.1)) -> 0.24942673854654693
        Approx.Equal(Wasserstein.Distance(a, b), 0.24942673854654693, 1e-11);
        // ... / max(np.std(A), 0.001) -> 0.8640517557445746
        Approx.Equal(Wasserstein.Normed(a, b), 0.8640517557445746, 1e-11);
    }

    [Fact]
    public void Wasserstein_constant_reference_uses_the_std_floor()
    {
        // stats.wasserstein_distance([1,1,1],[1,2,3]) = 1.0; std 0 -> floor 0.001 -> 1000
        Approx.Equal(Wasserstein.Normed([1.0, 1, 1], [1.0, 2, 3]), 1000.0, 1e-12);
    }

    [Fact]
    public void Binning_counts_like_numpy_histogram()
    {
        var binning = new Binning(1, 15);
        // np.histogram(A, bins=10, range=(1,15))[0] -> [3,1,4,0,0,1,1,0,0,0]; B -> [1,2,1,1,1,2,0,1,0,2]
        binning.Count(A).Should().Equal(3, 1, 4, 0, 0, 1, 1, 0, 0, 0);
        binning.Count(B).Should().Equal(1, 2, 1, 1, 1, 2, 0, 1, 0, 2);
    }

    [Fact]
    public void Binning_puts_values_on_edges_where_numpy_does()
    {
        // np.histogram(np.arange(0,11.), bins=10, range=(0,10))[0] -> [1,1,1,1,1,1,1,1,1,2]
        new Binning(0, 10).Count(Enumerable.Range(0, 11).Select(i => (double)i)).Should().Equal(1, 1, 1, 1, 1, 1, 1, 1, 1, 2);
        // f = np.array([0.1*i for i in range(31)]); np.histogram(f, bins=10, range=(f.min(), f.max()))[0] -> [3,3,3,3,3,3,3,3,3,4]
        var f = Enumerable.Range(0, 31).Select(i => 0.1 * i).ToArray();
        new Binning(f.Min(), f.Max()).Count(f).Should().Equal(3, 3, 3, 3, 3, 3, 3, 3, 3, 4);
    }

    [Fact]
    public void Binning_of_a_constant_widens_the_range_like_numpy()
    {
        // np.histogram([2.,2.], bins=10) -> edges 1.5..2.5, counts [0,0,0,0,0,2,0,0,0,0]
        new Binning(2, 2).Count([2.0, 2.0]).Should().Equal(0, 0, 0, 0, 0, 2, 0, 0, 0, 0);
    }

    [Fact]
    public void Psi_js_hellinger_on_small_numeric_samples()
    {
        var d = BinnedDistributions.FromNumeric(A, B);
        // psi(fill(r),fill(c)) -> 4.715299875521497; distance.jensenshannon(fill(r),fill(c)) -> 0.533209928218906; hell(r,c) -> 0.6119501388157621
        Approx.Equal(Psi.Compute(d), 4.715299875521497, 1e-12);
        Approx.Equal(JensenShannon.Distance(d), 0.533209928218906, 1e-12);
        Approx.Equal(Hellinger.Distance(d), 0.6119501388157621, 1e-12);
    }

    [Fact]
    public void Psi_js_hellinger_on_generated_samples()
    {
        var a = Samples.Generate(3000, 7919, 10007);
        var b = Samples.Generate(2500, 7927, 10009, 1.3, 0.1);
        var binning = Binning.Over(a, b);
        // counts: [419,421,418,422,418,421,421,60,0,0] and [78,269,269,269,269,269,270,268,271,268]
        binning.Count(a).Should().Equal(419, 421, 418, 422, 418, 421, 421, 60, 0, 0);
        binning.Count(b).Should().Equal(78, 269, 269, 269, 269, 269, 270, 268, 271, 268);
        var d = BinnedDistributions.FromNumeric(a, b);
        // psi -> 1.8642113871745554, js -> 0.3396680351158788, hell -> 0.388456694700624
        Approx.Equal(Psi.Compute(d), 1.8642113871745554, 1e-12);
        Approx.Equal(JensenShannon.Distance(d), 0.3396680351158788, 1e-12);
        Approx.Equal(Hellinger.Distance(d), 0.388456694700624, 1e-12);
    }

    [Fact]
    public void Categorical_psi_js_hellinger()
    {
        var reference = Repeat(("a", 50), ("b", 30), ("c", 20));
        var current = Repeat(("a", 40), ("b", 25), ("c", 45));
        var d = BinnedDistributions.FromCategories(reference, current);
        d.Labels.Should().Equal("a", "b", "c");
        // rp=[.5,.3,.2], cp=[40,25,45]/110: psi -> 0.21324655179127586, js -> 0.1619745971418626, hell -> 0.1626139802770804
        Approx.Equal(Psi.Compute(d), 0.21324655179127586, 1e-12);
        Approx.Equal(JensenShannon.Distance(d), 0.1619745971418626, 1e-12);
        Approx.Equal(Hellinger.Distance(d), 0.1626139802770804, 1e-12);
    }

    [Fact]
    public void Chi_square_against_reference_proportions()
    {
        // stats.chisquare([40,25,45], np.array([50,30,20])*110/100) -> (30.075757575757578, 2.9453182125897484e-07)
        var r = ChiSquare.GoodnessOfFit([50, 30, 20], [40, 25, 45]);
        Approx.Equal(r.Statistic, 30.075757575757578, 1e-12);
        Approx.Equal(r.PValue, 2.9453182125897484e-07, 1e-9);
    }

    [Fact]
    public void Chi_square_with_a_new_category_is_infinite()
    {
        // stats.chisquare([30,30,35,5], np.array([50,30,20,0])*100/100) -> (inf, 0.0)
        var r = ChiSquare.GoodnessOfFit([50, 30, 20, 0], [30, 30, 35, 5]);
        double.IsPositiveInfinity(r.Statistic).Should().BeTrue();
        r.PValue.Should().Be(0.0);
    }

    [Fact]
    public void Z_test_two_proportions()
    {
        // Evidently proportions_diff_z_stat_ind([0]*120+[1]*80, [0]*90+[1]*110) -> z=-3.003757045930554, p=0.0026666817936140674
        var r = ZTest.TwoProportions(80, 200, 110, 200);
        Approx.Equal(r.Statistic, -3.003757045930554, 1e-12);
        Approx.Equal(r.PValue, 0.0026666817936140674, 1e-9);
        var c = ZTest.FromCategoryCounts(
            new Dictionary<string, long> { ["no"] = 120, ["yes"] = 80 },
            new Dictionary<string, long> { ["no"] = 90, ["yes"] = 110 });
        Approx.Equal(c.PValue, 0.0026666817936140674, 1e-9);
    }

    [Fact]
    public void Z_test_same_single_value_is_p_one()
    {
        ZTest.FromCategoryCounts(new Dictionary<string, long> { ["x"] = 5 }, new Dictionary<string, long> { ["x"] = 7 }).PValue.Should().Be(1.0);
    }

    private static List<string> Repeat(params (string Value, int Count)[] parts) =>
        parts.SelectMany(p => Enumerable.Repeat(p.Value, p.Count)).ToList();
}

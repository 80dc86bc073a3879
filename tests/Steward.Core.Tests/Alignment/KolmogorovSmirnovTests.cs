using Steward.Core.Alignment.Statistics;

namespace Steward.Core.Tests.Alignment;

/// <summary>
/// Expected values from scipy 1.10.1 / numpy 1.24.2. Python helper used for the generated samples:
/// <c>gen = lambda n, mult, mod, scale=1.0, shift=0.0: np.array([((i*mult) % mod)/float(mod)*scale+shift for i in range(n)])</c>.
/// </summary>
public class KolmogorovSmirnovTests
{
    [Fact]
    public void Tiny_disjoint_samples_exact()
    {
        // stats.ks_2samp([1,2,3],[4,5,6,7]) -> (1.0, 0.05714285714285715)
        var r = KolmogorovSmirnov.TwoSample([1.0, 2, 3], [4.0, 5, 6, 7]);
        r.Statistic.Should().Be(1.0);
        Approx.Equal(r.PValue, 0.05714285714285715);
        r.Exact.Should().BeTrue();
    }

    [Fact]
    public void Ties_are_counted_with_searchsorted_right()
    {
        // stats.ks_2samp([1,1,2,2,3,3,3,4],[2,2,3,4,4,5,5,5,5,6]) -> (0.575, 0.07043283513871751)
        var r = KolmogorovSmirnov.TwoSample([1.0, 1, 2, 2, 3, 3, 3, 4], [2.0, 2, 3, 4, 4, 5, 5, 5, 5, 6]);
        Approx.Equal(r.Statistic, 0.575);
        Approx.Equal(r.PValue, 0.07043283513871751);
    }

    [Theory]
    // stats.ks_2samp(gen(50,7919,10007), gen(50,7927,10009,1.05,0.01)) -> (0.06, 0.9999952562961608)
    [InlineData(50, 50, 1.05, 0.01, 0.06, 0.9999952562961608, true)]
    // stats.ks_2samp(gen(300,7919,10007), gen(450,7927,10009,1.05,0.01)) -> (0.06, 0.5225884651715863)
    [InlineData(300, 450, 1.05, 0.01, 0.06, 0.5225884651715863, true)]
    // stats.ks_2samp(gen(5000,7919,10007), gen(8000,7927,10009,1.05,0.01)) -> (0.0572, 3.4296962569020276e-09)
    [InlineData(5000, 8000, 1.05, 0.01, 0.0572, 3.4296962569020276e-09, true)]
    // stats.ks_2samp(gen(10000,7919,10007), gen(10000,7927,10009,1.01,0.0)) -> (0.01, 0.6994009459719119)
    [InlineData(10000, 10000, 1.01, 0.0, 0.01, 0.6994009459719119, true)]
    // stats.ks_2samp(gen(12000,7919,10007), gen(15000,7927,10009,1.02,0.0)) -> (0.019716666666666605, 0.01106658030403512)
    [InlineData(12000, 15000, 1.02, 0.0, 0.019716666666666605, 0.01106658030403512, false)]
    // stats.ks_2samp(gen(20000,7919,10007), gen(30,7927,10009,1.05,0.01)) -> (0.07589999999999997, 0.9899280179469604)
    [InlineData(20000, 30, 1.05, 0.01, 0.07589999999999997, 0.9899280179469604, false)]
    // Coprime sizes (lcm = 9797): stats.ks_2samp(gen(97,7919,10007), gen(101,7927,10009,1.2,0.05)) -> (0.2079207920792079, 0.022644611222938323)
    [InlineData(97, 101, 1.2, 0.05, 0.2079207920792079, 0.022644611222938323, true)]
    // Largest exact case with unequal sizes: stats.ks_2samp(gen(9999,...), gen(10000,7927,10009,1.0,0.012)) -> (0.012105400540054006, 0.4515437333808943)
    [InlineData(9999, 10000, 1.0, 0.012, 0.012105400540054006, 0.4515437333808943, true)]
    // Just past the exact limit: stats.ks_2samp(gen(10001,...), gen(10001,7927,10009,1.0,0.012)) -> (0.012098790120987968, 0.4534563683505991)
    [InlineData(10001, 10001, 1.0, 0.012, 0.012098790120987968, 0.4534563683505991, false)]
    public void Generated_samples_match_scipy(int n1, int n2, double scale, double shift, double statistic, double pValue, bool exact)
    {
        var a = Samples.Generate(n1, 7919, 10007);
        var b = Samples.Generate(n2, 7927, 10009, scale, shift);
        var r = KolmogorovSmirnov.TwoSample(a, b);
        Approx.Equal(r.Statistic, statistic, 1e-12);
        Approx.Equal(r.PValue, pValue);
        r.Exact.Should().Be(exact);
    }

    [Fact]
    public void Single_values()
    {
        // stats.ks_2samp([1.0],[2.0,3.0]) -> (1.0, 0.6666666666666666); stats.ks_2samp([5.0],[5.0]) -> (0.0, 1.0)
        var r = KolmogorovSmirnov.TwoSample([1.0], [2.0, 3.0]);
        r.Statistic.Should().Be(1.0);
        Approx.Equal(r.PValue, 0.6666666666666666, 1e-14);
        KolmogorovSmirnov.TwoSample([5.0], [5.0]).PValue.Should().Be(1.0);
    }

    [Fact]
    public void Identical_samples_have_p_one()
    {
        var r = KolmogorovSmirnov.TwoSample([1.0, 2, 3], [3.0, 2, 1]);
        r.Statistic.Should().Be(0);
        r.PValue.Should().Be(1);
    }

    [Fact]
    public void Empty_sample_is_rejected()
    {
        var act = () => KolmogorovSmirnov.TwoSample([], [1.0]);
        act.Should().Throw<InvalidOperationException>();
    }

    [Theory]
    // stats.kstwo.sf(x, n), scipy 1.10.1: every branch of Simard & L'Ecuyer's selection.
    [InlineData(5, 0.2, 0.9616)]
    [InlineData(5, 0.3, 0.664)]
    [InlineData(5, 0.6, 0.03008000000000001)]
    [InlineData(5, 0.95, 6.250000000000028e-07)]
    [InlineData(30, 0.05, 0.9999927796416472)]
    [InlineData(30, 0.1, 0.8960782680050898)]
    [InlineData(30, 0.2, 0.15796916101547398)]
    [InlineData(30, 0.3, 0.006852243362913235)]
    [InlineData(30, 0.6, 7.392006292214292e-11)]
    [InlineData(100, 0.02, 0.999999999978262)]
    [InlineData(100, 0.05, 0.9532159710635725)]
    [InlineData(100, 0.1, 0.2526927570063874)]
    [InlineData(100, 0.2, 0.0005551927327988775)]
    [InlineData(100, 0.3, 1.7719869892662917e-08)]
    [InlineData(140, 0.05, 0.857648029765611)]
    [InlineData(140, 0.1, 0.11353657290090946)]
    [InlineData(140, 0.2, 2.1981563302200222e-05)]
    [InlineData(141, 0.02, 0.9999999744561288)]
    [InlineData(141, 0.05, 0.8548456930096628)]
    [InlineData(141, 0.1, 0.11128445516467944)]
    [InlineData(141, 0.2, 2.0276784223976912e-05)]
    [InlineData(141, 0.3, 9.46134771413843e-12)]
    [InlineData(1000, 0.01, 0.9999496745370611)]
    [InlineData(1000, 0.02, 0.8108971656895577)]
    [InlineData(1000, 0.05, 0.013012074781090332)]
    [InlineData(1000, 0.1, 3.703687096817711e-09)]
    [InlineData(1000, 0.2, 1.5528629204250538e-35)]
    [InlineData(50000, 0.004, 0.3994316646755731)]
    [InlineData(50000, 0.01, 9.018048811843602e-05)]
    [InlineData(50000, 0.02, 8.35587873542047e-18)]
    [InlineData(200000, 0.004, 0.003314212822560255)]
    [InlineData(200000, 0.01, 8.433125699870092e-18)]
    [InlineData(2000000, 0.001, 0.03660662431970485)]
    [InlineData(2000000, 0.0015, 0.00024657290508461606)]
    [InlineData(1000, 0.6, 0.0)]
    [InlineData(5, 0.05, 1.0)]
    public void Kolmogorov_distribution_matches_scipy_kstwo(int n, double x, double expected)
    {
        Approx.Equal(KolmogorovDistribution.Survival(n, x), expected, 1e-9, 1e-300);
    }

    [Theory]
    // scipy.special.smirnov(n, x), scipy 1.10.1
    [InlineData(1, 0.2, 0.8)]
    [InlineData(5, 0.01, 0.9895939599)]
    [InlineData(5, 0.2, 0.58528)]
    [InlineData(5, 0.7, 0.002780000000000002)]
    [InlineData(100, 0.05, 0.5871453380805337)]
    [InlineData(100, 0.7, 6.105702490608996e-50)]
    [InlineData(1012, 0.05, 0.006126950453128448)]
    [InlineData(1013, 0.01, 0.8112118242761187)]
    [InlineData(1013, 0.2, 2.7185281624457846e-36)]
    [InlineData(5000, 0.01, 0.36544317503217305)]
    [InlineData(5000, 0.05, 1.3261526164355594e-11)]
    [InlineData(200000, 0.001, 0.6698735532611347)]
    [InlineData(200000, 0.01, 4.216562849935046e-18)]
    // n > 10^6: scipy's approximation exp(-(6nx+1)^2/(18n))
    [InlineData(2000000, 0.0005, 0.3677568249110604)]
    [InlineData(2000000, 0.001, 0.018303432023617325)]
    [InlineData(3000000, 0.0002, 0.786522969778441)]
    public void Smirnov_matches_scipy(int n, double x, double expected)
    {
        Approx.Equal(Smirnov.Survival(n, x), expected, 1e-9, 1e-300);
    }
}

using Steward.Core.Alignment.Explainability;

namespace Steward.Core.Tests.Alignment.Explainability;

/// <summary>
/// Against scipy 1.10.1 / numpy 1.24.2 (Debian), computed once:
/// <code>
/// a = np.array([0.12, 0.05, 0.05, -0.01, 0.30, 0.0]); b = np.array([0.02, 0.09, 0.01, 0.04, 0.25, 0.0])
/// scipy.stats.spearmanr(a, b).correlation                       # 0.4638168285219587
/// p = np.clip(a, 0, None); p /= p.sum(); q = np.clip(b, 0, None); q /= q.sum()
/// 0.5 * np.abs(p - q).sum()                                      # 0.25375234521575984
/// </code>
/// </summary>
public class AttributionDriftTests
{
    private static readonly double[] Reference = [0.12, 0.05, 0.05, -0.01, 0.30, 0.0];
    private static readonly double[] Current = [0.02, 0.09, 0.01, 0.04, 0.25, 0.0];

    [Fact]
    public void Rank_correlation_and_normalised_l1_match_scipy_with_ties_and_negative_importances()
    {
        var drift = AttributionDrift.Between(Reference, Current);
        Approx.Equal(drift.RankCorrelation, 0.4638168285219587, 1e-12);
        Approx.Equal(drift.L1Distance, 0.25375234521575984, 1e-12);
    }

    [Fact]
    public void The_same_attribution_does_not_drift_and_disjoint_ones_drift_fully()
    {
        var same = AttributionDrift.Between(Reference, [.. Reference.Select(v => v * 3)]);
        same.RankCorrelation.Should().Be(1);
        Approx.Equal(same.L1Distance, 0, 0, 1e-15);

        // Every share moves from the first two features to the last two: spearmanr([2,1,0,0],[0,0,1,2]).correlation = -0.888888888888889 (scipy), L1 = 1.
        var moved = AttributionDrift.Between([2, 1, 0, 0], [0, 0, 1, 2]);
        Approx.Equal(moved.RankCorrelation, -0.888888888888889, 1e-12);
        Approx.Equal(moved.L1Distance, 1, 1e-12);
    }

    [Fact]
    public void Undefined_cases_are_not_a_number()
    {
        AttributionDrift.Between([0.3], [0.1]).RankCorrelation.Should().Be(double.NaN);
        AttributionDrift.Between([0.1, 0.1, 0.1], [0.1, 0.2, 0.3]).RankCorrelation.Should().Be(double.NaN);
        AttributionDrift.Between([-0.1, 0, -0.2], [0.1, 0.2, 0.3]).L1Distance.Should().Be(double.NaN);
    }
}

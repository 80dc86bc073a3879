using Steward.Core.Alignment.Explainability;
using Steward.Core.Application.Explainability;

namespace Steward.Core.Tests.Application.Explainability;

/// <summary>The gate of <c>steward analyze importance</c> and the service's checks of its inputs.</summary>
public sealed class ImportanceServiceTests
{
    [Fact]
    public void A_window_breaches_below_the_rank_correlation_or_above_the_l1_and_an_undefined_measure_is_not_judged()
    {
        var thresholds = new AttributionThresholds(MinRankCorrelation: 0.8, MaxL1: 0.3);
        thresholds.IsBreachedBy(new AttributionDrift(0.8, 0.3)).Should().BeFalse("the bounds themselves pass");
        thresholds.IsBreachedBy(new AttributionDrift(0.79, 0.1)).Should().BeTrue();
        thresholds.IsBreachedBy(new AttributionDrift(1, 0.31)).Should().BeTrue();
        thresholds.IsBreachedBy(new AttributionDrift(double.NaN, double.NaN)).Should().BeFalse();
        new AttributionThresholds(null, null).IsBreachedBy(new AttributionDrift(-1, 1)).Should().BeFalse();
    }

    [Fact]
    public void The_store_needs_a_reference_window()
    {
        var service = new ImportanceService();
        var options = new ImportanceOptions { Features = ["x"], Score = "score", Label = "label" };
        var act = () => service.Analyze(new ImportanceSource.Log("unused.duckdb", "m", null, null, "2026-01-02", null, null, null), options, new AttributionThresholds(null, null));
        act.Should().Throw<StewardInputException>().WithMessage("--reference-from is required with --store");
        var bad = () => service.Analyze(new ImportanceSource.Log("unused.duckdb", "m", null, "yesterday", "2026-01-02", null, null, null), options, new AttributionThresholds(null, null));
        bad.Should().Throw<StewardInputException>().WithMessage("--reference-from: 'yesterday' is not a date*");
        var l1 = () => service.Analyze(new ImportanceSource.Files("a.csv", "b.csv"), options, new AttributionThresholds(null, 1.5));
        l1.Should().Throw<StewardInputException>().WithMessage("--max-l1: 1.5 is not between 0 and 1");
    }
}

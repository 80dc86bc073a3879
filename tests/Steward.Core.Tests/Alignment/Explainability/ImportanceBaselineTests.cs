using Steward.Core.Alignment.Explainability;
using Steward.Core.Alignment.Multivariate;
using Steward.TestSupport;

namespace Steward.Core.Tests.Alignment.Explainability;

/// <summary>
/// The surrogate end to end on seeded data whose truth is known (<see cref="AttributionData"/>): the logged
/// score of a model is σ(2·x1 + 0.5·x2) (x3 is noise), labels are drawn from it. A trained surrogate has no closed form to
/// compare with; what must hold is the order the model's own weights give, a surrogate that reproduces
/// the scores, and attribution drift exactly when the labels start to follow another relation.
/// </summary>
public class ImportanceBaselineTests
{
    private static readonly ImportanceOptions Options = new() { Score = "score", Label = "label" };

    /// <summary>The rows of <see cref="AttributionData.Window"/> as a sample.</summary>
    internal static DomainSample Window(string name, int n, int seed, double a = 2, double b = 0.5) => Sample(name, AttributionData.Window(n, seed, a, b));

    internal static DomainSample Sample(string name, AttributionData.Rows rows) =>
        new DomainSample(name).WithNumeric("x1", rows.X1).WithNumeric("x2", rows.X2).WithNumeric("x3", rows.X3)
            .WithNumeric("score", rows.Score).WithNumeric("label", rows.Label);

    [Fact]
    public void The_surrogate_reproduces_the_scores_and_ranks_the_features_as_the_model_weighs_them()
    {
        var baseline = ImportanceBaseline.Fit(Window("reference", 3000, seed: 1), Options);
        baseline.Loss.Should().Be(ImportanceLoss.LogLoss);
        baseline.Features.Should().Equal("x1", "x2", "x3");
        (baseline.TrainingRows, baseline.HeldOutRows).Should().Be((2100, 900));
        baseline.Fidelity.Should().BeGreaterThan(0.95);
        var means = baseline.Importance.Means;
        means[0].Should().BeGreaterThan(means[1]);
        means[1].Should().BeGreaterThan(Math.Abs(means[2]));

        var same = baseline.Measure(Window("current", 2000, seed: 2));
        same.Fidelity.Current.Should().BeGreaterThan(0.95);
        same.Drift.RankCorrelation.Should().Be(1);
        same.Drift.L1Distance.Should().BeLessThan(0.1);
        same.Features.Select(f => f.Feature).Should().Equal("x1", "x2", "x3");
    }

    [Fact]
    public void Labels_that_follow_another_feature_move_the_attribution()
    {
        var baseline = ImportanceBaseline.Fit(Window("reference", 3000, seed: 1), Options);
        // The world changed: outcomes now follow x2 alone; the model (its logged scores) did not.
        var moved = baseline.Measure(Window("current", 2000, seed: 3, a: 0, b: 2));
        moved.Fidelity.Current.Should().BeGreaterThan(0.95);
        moved.CurrentImportance.Means[1].Should().BeGreaterThan(moved.CurrentImportance.Means[0]);
        moved.Drift.RankCorrelation.Should().BeLessThanOrEqualTo(0.5);
        moved.Drift.L1Distance.Should().BeGreaterThan(0.3);
    }

    [Fact]
    public void The_same_data_gives_the_same_report()
    {
        var a = ImportanceAnalyzer.Analyze(Window("reference", 800, seed: 1), Window("current", 500, seed: 2), Options);
        var b = ImportanceAnalyzer.Analyze(Window("reference", 800, seed: 1), Window("current", 500, seed: 2), Options);
        a.CurrentImportance.Columns.SelectMany(c => c.Repeats).Should().Equal(b.CurrentImportance.Columns.SelectMany(c => c.Repeats));
        a.ReferenceImportance.Columns.SelectMany(c => c.Repeats).Should().Equal(b.ReferenceImportance.Columns.SelectMany(c => c.Repeats));
    }

    [Fact]
    public void Categories_unseen_in_the_reference_share_the_other_feature()
    {
        var reference = new DomainSample("reference").WithCategorical("city", ["a", "b", null, "a"]);
        var encoding = ImportanceEncoding.Fit(reference, ["city"], maxCategories: 2);
        encoding.Groups.Should().Equal(new FeatureGroup("city", 0, 3));
        var current = encoding.Encode(new DomainSample("current").WithCategorical("city", ["b", "z", "a"]));
        // Kept: a (2 rows), then (missing) before b by ordinal order; b and z fall to (other).
        current.Values.Should().Equal(0, 0, 1, 0, 0, 1, 1, 0, 0);
    }

    [Fact]
    public void Bad_input_is_named()
    {
        var few = () => ImportanceBaseline.Fit(Window("ref.csv", 30, seed: 1), Options);
        few.Should().Throw<StewardInputException>().WithMessage("ref.csv: permutation importance needs at least 40 rows, got 30");

        var sample = Window("ref.csv", 100, seed: 1);
        var noLabel = () => ImportanceBaseline.Fit(sample, Options with { Label = "outcome" });
        noLabel.Should().Throw<StewardInputException>().WithMessage("ref.csv: no label column 'outcome'*");

        var missing = new DomainSample("ref.csv").WithNumeric("x", [.. Enumerable.Range(0, 50).Select(i => (double)i)])
            .WithNumeric("score", [.. Enumerable.Range(0, 50).Select(i => i / 50.0)])
            .WithNumeric("label", [.. Enumerable.Range(0, 50).Select(i => i == 7 ? double.NaN : i % 2)]);
        var act = () => ImportanceBaseline.Fit(missing, Options);
        act.Should().Throw<StewardInputException>().WithMessage("ref.csv: the label column 'label' has 1 missing or non-numeric values");

        var same = () => ImportanceBaseline.Fit(sample, Options with { Label = "score" });
        same.Should().Throw<StewardInputException>().WithMessage("the score and the label are the same column 'score'");
    }
}

using Steward.Core.Alignment.Drift;
using Steward.Core.Alignment.Multivariate;
using Steward.TestSupport;

namespace Steward.Core.Tests.Alignment.Multivariate;

/// <summary>
/// The domain classifier on seeded samples (see <see cref="MultivariateData"/>). A trained classifier has
/// no closed form to compare with, so the expected values are the best any classifier can do — the
/// Bayes-optimal ROC AUC, computed independently in numpy/scipy as noted — and the no-drift bound.
/// </summary>
public class DomainClassifierDriftTests
{
    private const int N = 2000;

    /// <summary>Reference: x, y standard normal with correlation +0.9. Current: correlation −0.9, with each column's values replaced by the reference's values of the same rank.</summary>
    internal static (DomainSample Reference, DomainSample Current) FlippedCorrelation(int n = N)
    {
        var (rx, ry) = MultivariateData.Correlated(n, 0.9, seed: 1);
        var (cx, cy) = MultivariateData.Correlated(n, -0.9, seed: 2);
        return (
            new DomainSample("reference").WithNumeric("x", rx).WithNumeric("y", ry),
            new DomainSample("current").WithNumeric("x", MultivariateData.WithMarginalOf(cx, rx)).WithNumeric("y", MultivariateData.WithMarginalOf(cy, ry)));
    }

    [Fact]
    public void Flipped_correlation_is_missed_by_every_column_and_found_by_the_classifier()
    {
        var (reference, current) = FlippedCorrelation();

        // Per column, current holds exactly the reference's values: scipy.stats.ks_2samp(a, a) gives
        // statistic 0.0 and p-value 1.0, so no column drifts.
        var columns = DriftAnalyzer.Analyze(
            new InMemoryDriftSource(
                new Dictionary<string, double[]> { ["x"] = reference.Numeric("x"), ["y"] = reference.Numeric("y") },
                new Dictionary<string, double[]> { ["x"] = current.Numeric("x"), ["y"] = current.Numeric("y") }),
            new DriftOptions { Method = DriftMethod.KolmogorovSmirnov });
        columns.Columns.Should().HaveCount(2).And.OnlyContain(c => c.Statistic == 0.0 && c.PValue == 1.0 && !c.Drifted);
        columns.DatasetDrift.Should().BeFalse();

        var report = DomainClassifierDrift.Analyze(reference, current, new MultivariateDriftOptions());
        // Bayes-optimal AUC for corr +0.9 vs −0.9 (the likelihood ratio is monotone in x·y): numpy Monte Carlo
        // with 10^7 pairs per side, default_rng(0): mean(x2·y2 < x1·y1) = 0.949969 ± 0.00007. No classifier
        // beats it beyond sampling error (the held-out AUC's standard error here is about 0.007).
        report.RocAuc.Should().BeInRange(0.90, 0.950 + 0.02);
        report.Drifted.Should().BeTrue();
        report.RocAuc.Should().BeGreaterThan(report.Uncertainty.NullBound + 0.3);
        report.Uncertainty.PValue.Should().Be(1.0 / 1001, "no permutation of 2000 labels comes near");
        report.Uncertainty.Lower.Should().BeGreaterThan(0.85);
        report.Uncertainty.Upper.Should().BeGreaterThan(report.RocAuc);
        // The flip lives in the pair: neither column alone separates, the trees need both.
        report.Importances.Select(f => f.Feature).Should().BeEquivalentTo(["x", "y"]);
        report.Importances.Should().OnlyContain(f => f.Importance > 0.2);
        report.Importances.Sum(f => f.Importance).Should().BeApproximately(1.0, 1e-12);
        report.ToFindings().Should().ContainSingle().Which.RuleId.Should().Be("alignment.drift.multivariate");
    }

    [Fact]
    public void Two_samples_of_one_distribution_stay_within_the_bound()
    {
        var (rx, ry) = MultivariateData.Correlated(N, 0.9, seed: 1);
        var (cx, cy) = MultivariateData.Correlated(N, 0.9, seed: 3);
        var report = DomainClassifierDrift.Analyze(
            new DomainSample("reference").WithNumeric("x", rx).WithNumeric("y", ry),
            new DomainSample("current").WithNumeric("x", cx).WithNumeric("y", cy),
            new MultivariateDriftOptions());

        // 1000 held-out rows per side: scipy 0.5 + norm.ppf(0.95)·sqrt(2001/(12·1000²)) = 0.52124 is the
        // no-drift bound by the normal approximation; the permutation estimate must agree.
        report.TestRows.Should().Be(2000);
        Approx.Equal(report.Uncertainty.NullBound, 0.5212402770925996, relative: 0, absolute: 0.004, because: "null bound");
        report.RocAuc.Should().BeLessThan(report.Uncertainty.NullBound);
        report.Uncertainty.Lower.Should().BeLessThan(report.RocAuc);
        report.Uncertainty.Upper.Should().BeGreaterThan(report.RocAuc);
        report.Uncertainty.PValue.Should().BeGreaterThan(0.05);
        report.Drifted.Should().BeFalse();
        report.ToFindings().Should().BeEmpty();
    }

    [Fact]
    public void Embedding_shifted_along_a_random_direction_drifts()
    {
        // 32 dimensions, current shifted by 1 along a random unit vector. The Bayes-optimal AUC for a mean
        // shift δ of unit-variance isotropic Gaussians is Φ(δ/√2): scipy stats.norm.cdf(1/np.sqrt(2)) = 0.7602499389065233.
        var direction = MultivariateData.Direction(32, seed: 5);
        var report = DomainClassifierDrift.Analyze(
            new DomainSample("reference").WithEmbedding("embedding", MultivariateData.Embeddings(N, 32, 0.0, direction, seed: 6)),
            new DomainSample("current").WithEmbedding("embedding", MultivariateData.Embeddings(N, 32, 1.0, direction, seed: 7)),
            new MultivariateDriftOptions());

        report.Features.Should().Equal(new FeatureColumn("embedding", FeatureKind.Embedding, 32));
        report.RocAuc.Should().BeInRange(0.66, 0.7602499389065233 + 0.02);
        report.RocAuc.Should().BeGreaterThan(report.Uncertainty.NullBound);
        report.Drifted.Should().BeTrue();
    }

    [Fact]
    public void Unshifted_embedding_does_not_drift()
    {
        var direction = MultivariateData.Direction(16, seed: 5);
        var report = DomainClassifierDrift.Analyze(
            new DomainSample("reference").WithEmbedding("embedding", MultivariateData.Embeddings(N, 16, 0.0, direction, seed: 6)),
            new DomainSample("current").WithEmbedding("embedding", MultivariateData.Embeddings(N, 16, 0.0, direction, seed: 7)),
            new MultivariateDriftOptions());
        report.Drifted.Should().BeFalse();
        report.RocAuc.Should().BeLessThan(0.55);
    }

    [Fact]
    public void The_same_inputs_give_the_same_report()
    {
        var (reference, current) = FlippedCorrelation(600);
        var first = DomainClassifierDrift.Analyze(reference, current, new MultivariateDriftOptions());
        var second = DomainClassifierDrift.Analyze(reference, current, new MultivariateDriftOptions());
        second.RocAuc.Should().Be(first.RocAuc);
        second.Uncertainty.Should().Be(first.Uncertainty);
        second.Importances.Should().Equal(first.Importances);
        var other = DomainClassifierDrift.Analyze(reference, current, new MultivariateDriftOptions { Seed = 7 });
        other.Uncertainty.Should().NotBe(first.Uncertainty, "the seed drives the split, the trees and the resamples");
    }

    [Fact]
    public void Large_samples_are_subsampled_to_the_row_limit()
    {
        var (reference, current) = FlippedCorrelation(900);
        var report = DomainClassifierDrift.Analyze(reference, current, new MultivariateDriftOptions { MaxRows = 300 });
        report.RowsReference.Should().Be(300);
        report.RowsCurrent.Should().Be(300);
        report.TotalRowsReference.Should().Be(900);
        report.TotalRowsCurrent.Should().Be(900);
        report.TestRows.Should().Be(300);
        report.TrainRows.Should().Be(300);
    }

    [Fact]
    public void Categories_are_one_hot_and_a_changed_mix_drifts()
    {
        // Reference: a, b, c equally often; current: mostly a. Numbers identical on both sides.
        var reference = Enumerable.Range(0, 900).Select(i => "abc"[i % 3].ToString()).ToArray();
        var current = Enumerable.Range(0, 900).Select(i => i % 10 < 8 ? "a" : "abc"[i % 3].ToString()).ToArray();
        var noise = Enumerable.Range(0, 900).Select(i => (double)(i * 37 % 900)).ToArray();
        var report = DomainClassifierDrift.Analyze(
            new DomainSample("reference").WithCategorical("c", reference).WithNumeric("n", noise),
            new DomainSample("current").WithCategorical("c", current).WithNumeric("n", noise),
            new MultivariateDriftOptions());
        report.Features.Should().Equal(new FeatureColumn("c", FeatureKind.Categorical, 3), new FeatureColumn("n", FeatureKind.Numeric, 1));
        report.Drifted.Should().BeTrue();
        report.TopFeatures[0].Feature.Should().Be("c");
    }

    [Fact]
    public void More_missing_values_drift_through_the_missing_indicator()
    {
        // Standard normal values on both sides, but a third of the current ones are missing. The best
        // classifier ranks the missing current rows first and cannot order the rest: AUC = 1/3·1 + 2/3·½ = 2/3.
        var reference = MultivariateData.Correlated(N, 0.0, seed: 1).X;
        var current = MultivariateData.Correlated(N, 0.0, seed: 2).X.Select((v, i) => i % 3 == 0 ? double.NaN : v).ToArray();
        var report = DomainClassifierDrift.Analyze(
            new DomainSample("reference").WithNumeric("v", reference),
            new DomainSample("current").WithNumeric("v", current),
            new MultivariateDriftOptions());
        report.Features.Should().Equal(new FeatureColumn("v", FeatureKind.Numeric, 2));
        report.RocAuc.Should().BeInRange(0.6, 2.0 / 3 + 0.02);
        report.Drifted.Should().BeTrue();
    }

    [Fact]
    public void Too_few_rows_and_mismatched_columns_are_input_errors()
    {
        var tiny = new DomainSample("tiny.csv").WithNumeric("x", [1, 2, 3]);
        var enough = new DomainSample("ok.csv").WithNumeric("x", Enumerable.Range(0, 20).Select(i => (double)i).ToArray());
        var act = () => DomainClassifierDrift.Analyze(tiny, enough, new MultivariateDriftOptions());
        act.Should().Throw<StewardInputException>().WithMessage("tiny.csv: multivariate drift needs at least 10 rows, got 3");

        var text = new DomainSample("cur.csv").WithCategorical("x", Enumerable.Range(0, 20).Select(i => (string?)"v").ToArray());
        act = () => DomainClassifierDrift.Analyze(enough, text, new MultivariateDriftOptions());
        act.Should().Throw<StewardInputException>().WithMessage("column 'x' is numeric in ok.csv but categorical in cur.csv");

        act = () => DomainClassifierDrift.Analyze(enough, enough, new MultivariateDriftOptions { Columns = ["y"] });
        act.Should().Throw<StewardInputException>().WithMessage("ok.csv: no column 'y' (columns: x)");

        act = () => DomainClassifierDrift.Analyze(enough, enough, new MultivariateDriftOptions { Threshold = 1.5 });
        act.Should().Throw<StewardInputException>().WithMessage("*between 0 and 1*");
    }
}

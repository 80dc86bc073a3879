using Steward.Core.Alignment.Fairness;
using Steward.TestSupport;

namespace Steward.Core.Tests.Alignment;

/// <summary>
/// COMPAS (ProPublica): prediction positive = score_text in {Medium, High}, label positive = two_year_recid == 1.
/// Published figures: /work/shared/data/README.md. Per-group values from pandas 1.5.3:
/// <c>d['p'] = d.score_text.isin(['Medium','High']); d['l'] = d.two_year_recid == 1</c>, then per <c>d.groupby('race')</c>
/// tp = (p &amp; l).sum(), fp = (p &amp; ~l).sum(), tn = (~p &amp; ~l).sum(), fn = (~p &amp; l).sum(), and the rates from them.
/// </summary>
public class FairnessTests
{
    private static string Compas => RepositoryPaths.InShared("data", "fairness", "compas-scores-two-years.csv");

    private static FairnessOptions Options(IReadOnlyList<string>? groups = null, string? reference = null) => new()
    {
        Sensitive = ["race"],
        Prediction = "score_text",
        PositivePredictions = ["Medium", "High"],
        Label = "two_year_recid",
        PositiveLabel = "1",
        Groups = groups,
        ReferenceGroup = reference,
    };

    [Fact]
    public void Two_groups_reproduce_the_published_figures()
    {
        var report = FairnessAnalyzer.Analyze(Compas, Options(["African-American", "Caucasian"], "Caucasian"));
        report.Groups.Select(g => g.Group).Should().Equal("African-American", "Caucasian");
        var aa = report.Groups[0];
        var w = report.Groups[1];
        aa.Count.Should().Be(3696);
        w.Count.Should().Be(2454);
        // README: FPR 0.448468 / 0.234543, FNR 0.279853 / 0.477226, selection 0.588203 / 0.348003 (6 decimals)
        Approx.Equal(aa.FalsePositiveRate, 0.448468, 0, 1e-6);
        Approx.Equal(w.FalsePositiveRate, 0.234543, 0, 1e-6);
        Approx.Equal(aa.FalseNegativeRate, 0.279853, 0, 1e-6);
        Approx.Equal(w.FalseNegativeRate, 0.477226, 0, 1e-6);
        Approx.Equal(aa.SelectionRate, 0.588203, 0, 1e-6);
        Approx.Equal(w.SelectionRate, 0.348003, 0, 1e-6);
        // README: DPD 0.240200, DPR 0.591638, EOD (TPR) 0.197373, equalized odds 0.213925
        Approx.Equal(report.DemographicParityDifference, 0.240200, 0, 1e-6);
        Approx.Equal(report.DemographicParityRatio, 0.591638, 0, 1e-6);
        Approx.Equal(report.EqualOpportunityDifference, 0.197373, 0, 1e-6);
        Approx.Equal(report.EqualizedOddsDifference, 0.213925, 0, 1e-6);
        // pandas, full precision: dpd 0.2402002032197631, dpr 0.5916375569916079, eod 0.19737296377737334, eodds 0.21392495582112797
        Approx.Equal(report.DemographicParityDifference, 0.2402002032197631, 1e-12);
        Approx.Equal(report.DemographicParityRatio, 0.5916375569916079, 1e-12);
        Approx.Equal(report.EqualOpportunityDifference, 0.19737296377737334, 1e-12);
        Approx.Equal(report.EqualizedOddsDifference, 0.21392495582112797, 1e-12);
        // Disparate impact vs Caucasian: 0.5882034632034632 / 0.3480032599837001
        Approx.Equal(report.DisparateImpact["African-American"], 0.5882034632034632 / 0.3480032599837001, 1e-12);
        report.DisparateImpact["Caucasian"].Should().Be(1.0);
    }

    [Fact]
    public void Six_groups_reproduce_the_published_figures()
    {
        var report = FairnessAnalyzer.Analyze(Compas, Options());
        report.Groups.Select(g => g.Group).Should().Equal("African-American", "Asian", "Caucasian", "Hispanic", "Native American", "Other");
        report.Groups.Select(g => g.Count).Should().Equal(3696, 32, 2454, 637, 18, 377);
        // README: DPD 0.457118, DPR 0.314324, equalized odds 0.576692
        Approx.Equal(report.DemographicParityDifference, 0.457118, 0, 1e-6);
        Approx.Equal(report.DemographicParityRatio, 0.314324, 0, 1e-6);
        Approx.Equal(report.EqualizedOddsDifference, 0.576692, 0, 1e-6);
        // pandas: 0.4571175950486295, 0.31432360742705573, 0.5766917293233083
        Approx.Equal(report.DemographicParityDifference, 0.4571175950486295, 1e-12);
        Approx.Equal(report.DemographicParityRatio, 0.31432360742705573, 1e-12);
        Approx.Equal(report.EqualizedOddsDifference, 0.5766917293233083, 1e-12);
        // Hispanic: tp 103, fp 87, tn 318, fn 129; precision 0.5421052631578948, accuracy 0.6609105180533752, tnr 0.7851851851851852
        var h = report.Groups[3];
        (h.TruePositives, h.FalsePositives, h.TrueNegatives, h.FalseNegatives).Should().Be((103L, 87L, 318L, 129L));
        Approx.Equal(h.Precision, 0.5421052631578948, 1e-12);
        Approx.Equal(h.Accuracy, 0.6609105180533752, 1e-12);
        Approx.Equal(h.TrueNegativeRate, 0.7851851851851852, 1e-12);
        Approx.Equal(h.TruePositiveRate, 0.44396551724137934, 1e-12);
        // Default reference group: the most selected (Native American, 0.6666666666666666).
        report.ReferenceGroup.Should().Be("Native American");
        Approx.Equal(report.DisparateImpact["Other"], 0.20954907161803712 / 0.6666666666666666, 1e-12);
    }

    [Fact]
    public void Intersectional_groups()
    {
        // d2 = d[d.race.isin([...])]; d2.groupby(['race','sex']) -> dpd 0.26961898514422283, dpr 0.55322798542242,
        // eod 0.21201338779679935, eodds 0.24865107913669063; (African-American, Female): n 652, sel 0.5168711656441718
        var options = Options() with
        {
            Sensitive = ["race", "sex"],
            Groups = ["African-American/Female", "African-American/Male", "Caucasian/Female", "Caucasian/Male"],
        };
        var report = FairnessAnalyzer.Analyze(Compas, options);
        report.Groups.Should().HaveCount(4);
        report.Groups[0].Count.Should().Be(652);
        Approx.Equal(report.Groups[0].SelectionRate, 0.5168711656441718, 1e-12);
        Approx.Equal(report.DemographicParityDifference, 0.26961898514422283, 1e-12);
        Approx.Equal(report.DemographicParityRatio, 0.55322798542242, 1e-12);
        Approx.Equal(report.EqualOpportunityDifference, 0.21201338779679935, 1e-12);
        Approx.Equal(report.EqualizedOddsDifference, 0.24865107913669063, 1e-12);
    }

    [Fact]
    public void Threshold_on_a_score_column()
    {
        // d['p'] = d.decile_score >= 5 -> African-American selection 0.5882034632034632, dpd 0.4571175950486295
        // (score_text Medium/High is exactly decile_score >= 5)
        var report = FairnessAnalyzer.Analyze(Compas, Options() with { Prediction = "decile_score", Threshold = 5 });
        Approx.Equal(report.Groups[0].SelectionRate, 0.5882034632034632, 1e-12);
        Approx.Equal(report.DemographicParityDifference, 0.4571175950486295, 1e-12);
    }

    [Fact]
    public void Bad_input_names_file_and_column()
    {
        var missing = () => FairnessAnalyzer.Analyze(Compas, Options() with { Label = "nope" });
        missing.Should().Throw<StewardInputException>().WithMessage("*compas-scores-two-years.csv: no column 'nope'*");
        var group = () => FairnessAnalyzer.Analyze(Compas, Options(["Martian"]));
        group.Should().Throw<StewardInputException>().WithMessage("*no group 'Martian'*");
        var text = () => FairnessAnalyzer.Analyze(Compas, Options() with { Threshold = 0.5 });
        text.Should().Throw<StewardInputException>().WithMessage("*row 1, column 'score_text': 'Low' is not a number*");
    }

    [Fact]
    public void Undefined_rates_are_nan_and_skipped()
    {
        // A group without positive labels has no TPR; the TPR difference uses the other groups only.
        var report = new FairnessReport([
            new GroupMetrics("a", 0, 2, 8, 0),
            new GroupMetrics("b", 3, 1, 5, 1),
            new GroupMetrics("c", 1, 1, 6, 2),
        ]);
        double.IsNaN(report.Groups[0].TruePositiveRate).Should().BeTrue();
        Approx.Equal(report.EqualOpportunityDifference, 0.75 - 1.0 / 3.0, 1e-15);
        // FPR: 0.2, 1/6, 1/7 -> max(tpr diff, fpr diff) = tpr diff
        Approx.Equal(report.EqualizedOddsDifference, 0.75 - 1.0 / 3.0, 1e-15);
        Approx.Equal(report.DemographicParityDifference, 0.4 - 0.2, 1e-15);
    }
}

public class AlignmentFindingsTests
{
    [Fact]
    public void Fairness_findings_follow_the_four_fifths_rule()
    {
        // Selection rates 0.6 (a) and 0.3 (b): disparate impact of b = 0.5 < 0.8; DPD 0.3 > 0.1.
        var report = new FairnessReport([new GroupMetrics("a", 5, 1, 3, 1), new GroupMetrics("b", 2, 1, 6, 1)]);
        var findings = report.ToFindings("data.csv");
        findings.Select(f => f.RuleId).Should().Equal("alignment.fairness.demographic-parity", "alignment.fairness.disparate-impact");
        findings.Should().OnlyContain(f => f.Category == Steward.Core.Findings.Category.Alignment);
        findings[1].Subject.Name.Should().Be("b");
        ((double)findings[1].Evidence["disparate_impact"]!).Should().BeApproximately(0.5, 1e-15);
    }

    [Fact]
    public void Drift_findings_name_each_drifted_column()
    {
        var distribution = Steward.Core.Alignment.Statistics.BinnedDistributions.FromCounts(["x"], [1], [1]);
        var report = new Steward.Core.Alignment.Drift.DriftReport("r.csv", "c.csv",
        [
            new("a", Steward.Core.Alignment.Data.ColumnKind.Numeric, Steward.Core.Alignment.Drift.DriftMethod.KolmogorovSmirnov, 0.5, 0.01, 0.05, true, distribution),
            new("b", Steward.Core.Alignment.Data.ColumnKind.Numeric, Steward.Core.Alignment.Drift.DriftMethod.Wasserstein, 0.05, null, 0.1, false, distribution),
        ], 0.5);
        report.DriftShare.Should().Be(0.5);
        report.DatasetDrift.Should().BeTrue();
        var findings = report.ToFindings();
        findings.Select(f => f.RuleId).Should().Equal("alignment.drift.column", "alignment.drift.dataset");
        findings[0].Subject.Name.Should().Be("a");
        findings[0].Severity.Should().Be(Steward.Core.Findings.Severity.Warning);
        findings[1].Severity.Should().Be(Steward.Core.Findings.Severity.Error);
    }
}

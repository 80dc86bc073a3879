using Steward.Core.Alignment.Data;
using Steward.Core.Alignment.Drift;

namespace Steward.Core.Tests.Alignment;

/// <summary>
/// Drift between the first and second halves of elec.csv (22,656 rows each). Expected values from
/// scipy 1.10.1 / numpy 1.24.2 with pandas: <c>d = pd.read_csv('elec.csv'); ref, cur = d.iloc[:22656], d.iloc[22656:]</c>,
/// per column <c>a, b = ref[col].values.astype(float), cur[col].values.astype(float)</c>:
/// ks = <c>stats.ks_2samp(a, b)</c>; wasserstein = <c>stats.wasserstein_distance(a, b)/max(np.std(a), 0.001)</c>;
/// psi, js, hellinger on <c>binned(a, b)</c> as in <see cref="DistributionStatisticsTests"/>.
/// </summary>
public class DriftAnalyzerTests
{
    // column -> (ks D, ks p, normed wasserstein, psi, jensen-shannon, hellinger)
    internal static readonly Dictionary<string, (double KsD, double KsP, double W, double Psi, double Js, double H)> Expected = new()
    {
        ["feat_1"] = (0.0, 1.0, 0.0, 0.0, 0.0, 0.0),
        ["feat_2"] = (0.45122704802259883, 0.0, 0.7145942924648302, 0.04389521116588982, 0.07216240634054576, 0.08020739169287311),
        ["feat_3"] = (0.025820974576271194, 5.402235428619242e-07, 0.037128199170085356, 0.008024508494448364, 0.031404804125672106, 0.031532816512556294),
        ["feat_4"] = (0.5428584039548023, 0.0, 1.6659531249999964, 0.00012815886474943088, 0.00395511788807061, 0.017578870049167233),
        ["feat_5"] = (0.4293343926553672, 0.0, 1.3930117121866168, 1.9113509113590543, 0.465837634665519, 0.4776492705595451),
        ["feat_6"] = (0.5696062853107344, 0.0, 1.6326998631128198, 2.096120056976892, 0.4837648879980016, 0.4968482063601655),
        ["target"] = (0.009931144067796605, 0.21242022042273523, 0.020062659661962877, 0.0004037191394065978, 0.007100959475399374, 0.007103831951369143),
    };

    private static DriftReport Run(DriftOptions options, bool sortInDuckDb = false)
    {
        using var files = new TempFiles();
        var (reference, current) = files.ElecHalves();
        // A limit of 0 sends every column to DuckDB's ORDER BY instead of the in-memory radix sort.
        using var source = new DuckDbDriftSource(reference, current) { InMemorySortLimit = sortInDuckDb ? 0 : DuckDbDriftSource.DefaultInMemorySortLimit };
        return DriftAnalyzer.Analyze(source, options);
    }

    [Theory]
    [InlineData(false)]
    [InlineData(true)]
    public void Auto_uses_normed_wasserstein_and_jensen_shannon_on_large_reference(bool sortInDuckDb)
    {
        var report = Run(new DriftOptions(), sortInDuckDb);
        report.Columns.Select(c => c.Column).Should().Equal("feat_1", "feat_2", "feat_3", "feat_4", "feat_5", "feat_6", "target");
        foreach (var c in report.Columns.Where(c => c.Column != "target"))
        {
            c.Method.Should().Be(DriftMethod.Wasserstein);
            c.PValue.Should().BeNull();
            Approx.Equal(c.Statistic, Expected[c.Column].W, 1e-9, 1e-12, c.Column);
            c.Drifted.Should().Be(Expected[c.Column].W >= 0.1);
        }
        // target has 2 distinct values: Jensen–Shannon on the 10-bin histogram.
        var target = report.Columns.Single(c => c.Column == "target");
        target.Method.Should().Be(DriftMethod.JensenShannon);
        Approx.Equal(target.Statistic, Expected["target"].Js, 1e-9, 1e-12);
        target.Drifted.Should().BeFalse();
        // feat_2, feat_4, feat_5, feat_6 drift: 4 of 7.
        report.DriftedCount.Should().Be(4);
        Approx.Equal(report.DriftShare, 4.0 / 7.0);
        report.DatasetDrift.Should().BeTrue();
        report.ToFindings().Select(f => f.RuleId).Should().Contain("alignment.drift.dataset");
    }

    [Theory]
    [InlineData(DriftMethod.KolmogorovSmirnov, false)]
    [InlineData(DriftMethod.Psi, false)]
    [InlineData(DriftMethod.JensenShannon, false)]
    [InlineData(DriftMethod.Hellinger, false)]
    [InlineData(DriftMethod.KolmogorovSmirnov, true)]
    [InlineData(DriftMethod.Psi, true)]
    [InlineData(DriftMethod.JensenShannon, true)]
    [InlineData(DriftMethod.Hellinger, true)]
    public void Every_method_matches_scipy_on_elec(DriftMethod method, bool sortInDuckDb)
    {
        var report = Run(new DriftOptions { Method = method }, sortInDuckDb);
        foreach (var c in report.Columns)
        {
            var e = Expected[c.Column];
            switch (method)
            {
                case DriftMethod.KolmogorovSmirnov:
                    Approx.Equal(c.Statistic, e.KsD, 1e-12, 1e-15, c.Column);
                    Approx.Equal(c.PValue!.Value, e.KsP, 1e-9, 1e-300, c.Column);
                    break;
                case DriftMethod.Psi:
                    Approx.Equal(c.Statistic, e.Psi, 1e-9, 1e-12, c.Column);
                    break;
                case DriftMethod.JensenShannon:
                    Approx.Equal(c.Statistic, e.Js, 1e-9, 1e-12, c.Column);
                    break;
                case DriftMethod.Hellinger:
                    Approx.Equal(c.Statistic, e.H, 1e-9, 1e-12, c.Column);
                    break;
            }
        }
    }

    [Fact]
    public void Small_reference_uses_ks_and_z_test()
    {
        // Rows 1..800 against rows 30001..30900 of elec.csv:
        // stats.ks_2samp(d.iloc[:800][c], d.iloc[30000:30900][c]): feat_3 -> (0.20458333333333334, 5.424406740212012e-16)
        // target: Evidently's z-test -> z = 5.108126643144892, p = 3.2536855498754846e-07
        using var files = new TempFiles();
        var lines = File.ReadAllLines(Steward.TestSupport.RepositoryPaths.InShared("data", "drift", "elec.csv"));
        var reference = files.Write("ref.csv", string.Join('\n', lines.Take(801)) + "\n");
        var current = files.Write("cur.csv", string.Join('\n', lines.Take(1).Concat(lines.Skip(30001).Take(900))) + "\n");
        using var source = new DuckDbDriftSource(reference, current);
        var report = DriftAnalyzer.Analyze(source, new DriftOptions { Columns = ["target", "feat_3"] });
        var feat3 = report.Columns[0];
        feat3.Method.Should().Be(DriftMethod.KolmogorovSmirnov);
        Approx.Equal(feat3.Statistic, 0.20458333333333334, 1e-12);
        Approx.Equal(feat3.PValue!.Value, 5.424406740212012e-16, 1e-8);
        var target = report.Columns[1];
        target.Method.Should().Be(DriftMethod.ZTest);
        Approx.Equal(Math.Abs(target.Statistic), 5.108126643144892, 1e-12);
        Approx.Equal(target.PValue!.Value, 3.2536855498754846e-07, 1e-8);
        target.Drifted.Should().BeTrue();
    }

    [Fact]
    public void Missing_column_names_the_file_and_column()
    {
        using var files = new TempFiles();
        var r = files.Write("r.csv", "a,b\n1,2\n3,4\n");
        var c = files.Write("c.csv", "a\n1\n3\n");
        using var source = new DuckDbDriftSource(r, c);
        var act = () => DriftAnalyzer.Analyze(source, new DriftOptions());
        act.Should().Throw<StewardInputException>().WithMessage("*c.csv: no column 'b'*");
    }

    [Fact]
    public void Non_numeric_value_names_file_row_and_column()
    {
        using var files = new TempFiles();
        var r = files.Write("r.csv", "x\n1.5\n2.5\n3.5\n");
        var c = files.Write("c.csv", "x\n1.5\n2.5\noops\n4\n");
        using var source = new DuckDbDriftSource(r, c);
        var act = () => DriftAnalyzer.Analyze(source, new DriftOptions());
        act.Should().Throw<StewardInputException>().WithMessage("*c.csv: row 3, column 'x': 'oops' is not a number*");
    }

    [Fact]
    public void Empty_file_is_an_input_error()
    {
        using var files = new TempFiles();
        var r = files.Write("r.csv", "x\n1\n");
        var c = files.Write("c.csv", "");
        var act = () => new DuckDbDriftSource(r, c);
        act.Should().Throw<StewardInputException>().WithMessage("*c.csv: the file is empty*");
        var h = files.Write("h.csv", "x\n");
        var act2 = () => new DuckDbDriftSource(r, h);
        act2.Should().Throw<StewardInputException>().WithMessage("*h.csv*");
    }

    [Fact]
    public void Categorical_columns_use_chi_square_on_small_reference()
    {
        // stats.chisquare([40,25,45], np.array([50,30,20])*110/100) -> (30.075757575757578, 2.9453182125897484e-07)
        var reference = Enumerable.Repeat("a", 50).Concat(Enumerable.Repeat("b", 30)).Concat(Enumerable.Repeat("c", 20)).ToArray<string?>();
        var current = Enumerable.Repeat("a", 40).Concat(Enumerable.Repeat("b", 25)).Concat(Enumerable.Repeat("c", 45)).ToArray<string?>();
        var source = new InMemoryDriftSource(
            new Dictionary<string, double[]>(), new Dictionary<string, double[]>(),
            new Dictionary<string, string?[]> { ["color"] = reference },
            new Dictionary<string, string?[]> { ["color"] = current });
        var report = DriftAnalyzer.Analyze(source, new DriftOptions());
        var c = report.Columns.Single();
        c.Kind.Should().Be(ColumnKind.Categorical);
        c.Method.Should().Be(DriftMethod.ChiSquare);
        Approx.Equal(c.Statistic, 30.075757575757578, 1e-12);
        Approx.Equal(c.PValue!.Value, 2.9453182125897484e-07, 1e-9);
        c.Drifted.Should().BeTrue();
        var ks = () => DriftAnalyzer.Analyze(source, new DriftOptions { Method = DriftMethod.KolmogorovSmirnov });
        ks.Should().Throw<StewardInputException>().WithMessage("*numeric columns only*");
    }

    [Fact]
    public void Numeric_column_with_few_values_is_tested_as_categories()
    {
        // Same counts as the categorical case: stats.chisquare([40,25,45], np.array([50,30,20])*110/100) -> (30.075757575757578, 2.9453182125897484e-07)
        double[] Values(int ones, int twos, int threes) =>
            [.. Enumerable.Repeat(1.0, ones), .. Enumerable.Repeat(2.0, twos), .. Enumerable.Repeat(3.0, threes)];
        var source = new InMemoryDriftSource(
            new Dictionary<string, double[]> { ["rating"] = Values(50, 30, 20) },
            new Dictionary<string, double[]> { ["rating"] = Values(40, 25, 45) });
        var c = DriftAnalyzer.Analyze(source, new DriftOptions()).Columns.Single();
        c.Kind.Should().Be(ColumnKind.Numeric);
        c.Method.Should().Be(DriftMethod.ChiSquare);
        c.Distribution.Labels.Should().Equal("1", "2", "3");
        Approx.Equal(c.Statistic, 30.075757575757578, 1e-12);
        Approx.Equal(c.PValue!.Value, 2.9453182125897484e-07, 1e-9);
        // Forced chi-square on a column with many values reads the categories from the source instead.
        var many = new InMemoryDriftSource(
            new Dictionary<string, double[]> { ["x"] = [1, 2, 3, 4, 5, 6, 6] },
            new Dictionary<string, double[]> { ["x"] = [1, 2, 3, 4, 5, 6, 6] });
        var forced = DriftAnalyzer.Analyze(many, new DriftOptions { Method = DriftMethod.ChiSquare }).Columns.Single();
        forced.Distribution.Labels.Should().HaveCount(6);
        forced.PValue.Should().Be(1.0);
    }

    [Fact]
    public void Per_column_methods_and_thresholds_override_the_defaults()
    {
        var report = Run(new DriftOptions
        {
            Columns = ["feat_3", "feat_5"],
            ColumnMethods = new Dictionary<string, DriftMethod> { ["feat_3"] = DriftMethod.Psi },
            ColumnThresholds = new Dictionary<string, double> { ["feat_3"] = 0.005, ["feat_5"] = 2.0 },
        });
        // feat_3: PSI 0.008024508494448364 >= 0.005 -> drift; feat_5: normed Wasserstein 1.3930117121866168 < 2.0 -> no drift
        report.Columns[0].Method.Should().Be(DriftMethod.Psi);
        Approx.Equal(report.Columns[0].Statistic, 0.008024508494448364, 1e-9);
        report.Columns[0].Drifted.Should().BeTrue();
        report.Columns[1].Method.Should().Be(DriftMethod.Wasserstein);
        report.Columns[1].Threshold.Should().Be(2.0);
        report.Columns[1].Drifted.Should().BeFalse();
    }

    [Fact]
    public void Auto_choice_follows_evidently()
    {
        DriftMethods.Choose(true, 1000, 6).Should().Be(DriftMethod.KolmogorovSmirnov);
        DriftMethods.Choose(true, 1000, 5).Should().Be(DriftMethod.ChiSquare);
        DriftMethods.Choose(true, 1000, 2).Should().Be(DriftMethod.ZTest);
        DriftMethods.Choose(false, 10, 3).Should().Be(DriftMethod.ChiSquare);
        DriftMethods.Choose(true, 1001, 6).Should().Be(DriftMethod.Wasserstein);
        DriftMethods.Choose(true, 1001, 5).Should().Be(DriftMethod.JensenShannon);
        DriftMethods.Choose(false, 1001, 50).Should().Be(DriftMethod.JensenShannon);
    }
}

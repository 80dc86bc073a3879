using System.Globalization;
using DuckDB.NET.Data;
using Steward.Core.Alignment.Drift;
using Steward.Core.Alignment.Statistics;

namespace Steward.Core.Tests.Alignment;

/// <summary>Parquet and JSON Lines give the same numbers as CSV; DuckDB's own read errors still name file, line and column.</summary>
public class TableFormatTests
{
    private static void Copy(string fromCsv, string to, string format)
    {
        using var connection = new DuckDBConnection("Data Source=:memory:");
        connection.Open();
        using var command = connection.CreateCommand();
        command.CommandText = $"COPY (SELECT * FROM read_csv_auto('{fromCsv}')) TO '{to}' (FORMAT {format})";
        command.ExecuteNonQuery();
    }

    [Theory]
    [InlineData("parquet", "parquet")]
    [InlineData("json", "jsonl")]
    public void Other_formats_match_the_csv_results(string format, string extension)
    {
        using var files = new TempFiles();
        var (reference, current) = files.ElecHalves();
        var referenceOther = Path.Combine(files.Folder, "first." + extension);
        var currentOther = Path.Combine(files.Folder, "second." + extension);
        Copy(reference, referenceOther, format);
        Copy(current, currentOther, format);
        using var source = new DuckDbDriftSource(referenceOther, currentOther);
        var report = DriftAnalyzer.Analyze(source, new DriftOptions { Method = DriftMethod.KolmogorovSmirnov, Columns = ["feat_3", "feat_5"] });
        // stats.ks_2samp on the elec halves: feat_3 (0.025820974576271194, 5.402235428619242e-07), feat_5 D = 0.4293343926553672
        Approx.Equal(report.Columns[0].Statistic, 0.025820974576271194, 1e-12);
        Approx.Equal(report.Columns[0].PValue!.Value, 5.402235428619242e-07, 1e-9);
        Approx.Equal(report.Columns[1].Statistic, 0.4293343926553672, 1e-12);
    }

    [Fact]
    public void A_bad_value_past_duckdbs_type_sample_names_line_and_column()
    {
        using var files = new TempFiles();
        var lines = new List<string> { "x,y" };
        lines.AddRange(Enumerable.Range(1, 30000).Select(i => string.Create(CultureInfo.InvariantCulture, $"{i}.5,{i}")));
        lines.Add("oops,3");
        var path = Path.Combine(files.Folder, "late.csv");
        File.WriteAllLines(path, lines);
        var act = () => new DuckDbDriftSource(path, path);
        act.Should().Throw<StewardInputException>().WithMessage("*late.csv*30002*\"x\"*oops*");
    }

    [Fact]
    public void Unknown_extension_and_missing_file_are_input_errors()
    {
        using var files = new TempFiles();
        var xlsx = files.Write("data.xlsx", "x\n1\n");
        var act = () => new DuckDbDriftSource(xlsx, xlsx);
        act.Should().Throw<StewardInputException>().WithMessage("*data.xlsx: unknown table format*");
        var missing = () => new DuckDbDriftSource(Path.Combine(files.Folder, "none.csv"), xlsx);
        missing.Should().Throw<StewardInputException>().WithMessage("*none.csv: file not found*");
    }

    [Fact]
    public void Nan_in_an_in_memory_sample_is_rejected()
    {
        var act = () => KolmogorovSmirnov.TwoSample([1.0, double.NaN], [2.0]);
        act.Should().Throw<ArgumentException>();
    }

    [Fact]
    public void Missing_and_non_finite_values_are_dropped_before_testing()
    {
        // Evidently drops NaN/inf first: stats.ks_2samp([1,2,3,4],[3,4,5,6,7]) -> (0.6, 0.2857142857142857)
        using var files = new TempFiles();
        var r = files.Write("r.csv", "v\n1\n2\n\n3\n4\n");
        var c = files.Write("c.csv", "v\n3\n4\ninf\n5\n6\n7\n");
        using var source = new DuckDbDriftSource(r, c);
        var report = DriftAnalyzer.Analyze(source, new DriftOptions { Method = DriftMethod.KolmogorovSmirnov });
        Approx.Equal(report.Columns[0].Statistic, 0.6, 1e-15);
        Approx.Equal(report.Columns[0].PValue!.Value, 0.2857142857142857, 1e-12);
    }

    [Fact]
    public void Non_finite_values_do_not_stretch_the_histogram_range()
    {
        // The bins span the finite values only, [1, 7]. numpy/scipy on a = [1,2,3,4], b = [3,4,5,6,7]:
        // PSI of np.histogram(x, 10, range=(1, 7)) / len(x) with empty bins as 0.0001 -> 8.491033756344782;
        // stats.wasserstein_distance(a, b) / max(np.std(a), 0.001) -> 2.23606797749979.
        using var files = new TempFiles();
        var r = files.Write("r.csv", "v\n1\n2\nnan\n3\n4\n");
        var c = files.Write("c.csv", "v\n-inf\n3\n4\ninf\n5\n6\n7\n");
        using var source = new DuckDbDriftSource(r, c);
        var psi = DriftAnalyzer.Analyze(source, new DriftOptions { Method = DriftMethod.Psi });
        Approx.Equal(psi.Columns[0].Statistic, 8.491033756344782, 1e-12);
        var wasserstein = DriftAnalyzer.Analyze(source, new DriftOptions { Method = DriftMethod.Wasserstein });
        Approx.Equal(wasserstein.Columns[0].Statistic, 2.23606797749979, 1e-12);
    }
}

public class NumericTypingTests
{
    [Fact]
    public void A_bad_value_in_the_reference_is_found_when_the_current_is_numeric()
    {
        using var files = new TempFiles();
        var r = files.Write("r.csv", "x\n1.5\nn/a?\n3.5\n");
        var c = files.Write("c.csv", "x\n1.5\n2.5\n");
        using var source = new DuckDbDriftSource(r, c);
        var act = () => DriftAnalyzer.Analyze(source, new DriftOptions());
        act.Should().Throw<StewardInputException>().WithMessage("*r.csv: row 2, column 'x': 'n/a?' is not a number*");
    }

    [Fact]
    public void Categorical_option_overrides_numeric_typing()
    {
        // Counts r: 1 x2, 2 x1; c: 1 x1, 2 x2 -> z-test (binary): proportions_diff_z_stat_ind -> z = -0.816496580927726, p = 0.4142161782425253
        using var files = new TempFiles();
        var r = files.Write("r.csv", "x\n1\n1\n2\n");
        var c = files.Write("c.csv", "x\n1\n2\n2\n");
        using var source = new DuckDbDriftSource(r, c);
        var report = DriftAnalyzer.Analyze(source, new DriftOptions { Categorical = ["x"] });
        report.Columns[0].Kind.Should().Be(Steward.Core.Alignment.Data.ColumnKind.Categorical);
        report.Columns[0].Method.Should().Be(DriftMethod.ZTest);
        Approx.Equal(Math.Abs(report.Columns[0].Statistic), 0.816496580927726, 1e-12);
        Approx.Equal(report.Columns[0].PValue!.Value, 0.4142161782425253, 1e-9);
    }
}

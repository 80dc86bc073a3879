using Steward.Core.Alignment.Data;
using Steward.Core.Alignment.Drift;
using Steward.Core.Alignment.Statistics;

namespace Steward.Core.Tests.Alignment;

/// <summary>
/// The direct CSV path of drift (<see cref="CsvDriftSource"/>): the scipy figures of
/// <see cref="DriftAnalyzerTests"/> through it; the very same report as the DuckDB path on files that
/// exercise the reader (CRLF, BOM, quotes, empty cells, integers, exponents, long digit strings); and the
/// files it leaves to DuckDB, whose behaviour (types, messages) then stays what it was.
/// </summary>
public class CsvDriftSourceTests
{
    [Theory]
    [InlineData(DriftMethod.KolmogorovSmirnov)]
    [InlineData(DriftMethod.Wasserstein)]
    [InlineData(DriftMethod.Psi)]
    [InlineData(DriftMethod.JensenShannon)]
    [InlineData(DriftMethod.Hellinger)]
    public void Elec_through_the_csv_reader_matches_scipy(DriftMethod method)
    {
        using var files = new TempFiles();
        var (reference, current) = files.ElecHalves();
        var options = new DriftOptions { Method = method };
        var source = CsvDriftSource.TryOpen(reference, current, options);
        source.Should().NotBeNull("elec.csv is a plain numeric CSV file");
        var report = DriftAnalyzer.Analyze(source!, options);
        report.Columns.Select(c => c.Column).Should().Equal("feat_1", "feat_2", "feat_3", "feat_4", "feat_5", "feat_6", "target");
        foreach (var c in report.Columns)
        {
            var e = DriftAnalyzerTests.Expected[c.Column];
            switch (method)
            {
                case DriftMethod.KolmogorovSmirnov:
                    Approx.Equal(c.Statistic, e.KsD, 1e-12, 1e-15, c.Column);
                    Approx.Equal(c.PValue!.Value, e.KsP, 1e-9, 1e-300, c.Column);
                    break;
                case DriftMethod.Wasserstein:
                    Approx.Equal(c.Statistic, e.W, 1e-9, 1e-12, c.Column);
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

    public static TheoryData<string, string, string> SameAsDuckDb => new()
    {
        // name, reference, current
        { "crlf and bom", "\uFEFFa,b\r\n1.5,2\r\n2.5,3\r\n-0.25,4\r\n7,5\r\n", "a,b\r\n1.5,2\r\n3.5,9\r\n0.125,4\r\n" },
        { "quotes and empty cells", "\"a\",\"b,c\"\n\"1.5\",2\n,3\n2.25,\n4,5\n", "a,\"b,c\"\n1,\"7\"\n2.5,\n,8\n" },
        { "exponents and long digits", "x,y\n1e-3,0.1000000000000000055511151231257827\n2.5E+2,12345678901234567\n-3.75e1,0.30000000000000004\n6,1\n",
            "x,y\n0.001,0.1\n250,12345678901234568\n4.9e-324,2\n1.7976931348623157e308,3\n" },
        { "integers and zeros", "n\n0\n-0\n3\n3\n5\n-7\n", "n\n0\n-0.0\n0.0\n3\n8\n" },
        { "no final newline", "v,w\n1,2\n3,4\n5,6", "v,w\n2,2\n3,1\n9,9" },
    };

    [Theory]
    [MemberData(nameof(SameAsDuckDb))]
    public void The_csv_reader_gives_the_duckdb_report(string name, string referenceText, string currentText)
    {
        using var files = new TempFiles();
        var reference = files.Write("r.csv", referenceText);
        var current = files.Write("c.csv", currentText);
        foreach (var method in new[] { DriftMethod.Auto, DriftMethod.KolmogorovSmirnov, DriftMethod.Wasserstein, DriftMethod.Psi, DriftMethod.ChiSquare })
        {
            var options = new DriftOptions { Method = method };
            var csv = CsvDriftSource.TryOpen(reference, current, options);
            csv.Should().NotBeNull(name);
            csv!.ReferenceColumns.Should().BeEquivalentTo(Columns(reference), o => o.WithStrictOrdering(), name);
            using var duck = new DuckDbDriftSource(reference, current);
            var expected = Outcome(() => DriftAnalyzer.Analyze(duck, options));
            var actual = Outcome(() => DriftAnalyzer.Analyze(csv, options));
            actual.Should().Be(expected, $"{name}, {method}");
        }
    }

    private static List<TableColumn> Columns(string path)
    {
        using var duck = new DuckDbDriftSource(path, path);
        return duck.ReferenceColumns.ToList();
    }

    /// <summary>Every figure of a report (or its error message) as text, exact to the last bit.</summary>
    private static string Outcome(Func<DriftReport> analyze)
    {
        try
        {
            var report = analyze();
            return string.Join("\n", report.Columns.Select(c =>
                $"{c.Column} {c.Kind} {c.Method} {c.Statistic:R} {c.PValue:R} {c.Drifted} " +
                $"{string.Join("|", c.Distribution!.Labels)} {string.Join("|", c.Distribution.Reference.Select(v => v.ToString("R")))} " +
                $"{string.Join("|", c.Distribution.Current.Select(v => v.ToString("R")))}")) + $"\n{report.DriftedCount} {report.DatasetDrift}";
        }
        catch (StewardInputException ex)
        {
            return "error: " + ex.Message;
        }
    }

    [Theory]
    [InlineData("a;b\n1;2\n3;4\n")] // another delimiter
    [InlineData("a\tb\n1\t2\n")]
    [InlineData("a,b\n1,x\n3,4\n")] // a text cell
    [InlineData("a,b\n1,2\n\n3,4\n")] // an empty line
    [InlineData("a,b\n1,2\n3\n")] // a ragged line
    [InlineData("a,b\n1,2,3\n")]
    [InlineData("a,b\n+1,2\n")] // forms readers may differ on
    [InlineData("a,b\n1.,2\n")]
    [InlineData("a,b\n.5,2\n")]
    [InlineData("a,b\n01,2\n")]
    [InlineData("a,b\ninf,2\n")]
    [InlineData("a,b\n 1,2\n")]
    [InlineData("a,b\n1,\"\"\n")]
    [InlineData("a,b\n1e400,2\n")]
    [InlineData("a,b\n1234567890123456789,2\n")] // beyond a BIGINT as DuckDB types it
    [InlineData("a,b\r1,2\r")] // CR alone
    [InlineData("1,2\n3,4\n")] // no header
    [InlineData("a,nan\n1,2\n")]
    [InlineData("a,A\n1,2\n")] // names DuckDB would rename
    [InlineData("a,\n1,2\n")]
    [InlineData("a, b\n1,2\n")]
    [InlineData("a,b\n")] // no rows
    [InlineData("a,b\n,2\n,3\n")] // a column without values
    public void Files_the_reader_does_not_take_alike_go_to_duckdb(string text)
    {
        using var files = new TempFiles();
        var plain = files.Write("plain.csv", "a,b\n1,2\n3,4\n");
        var other = files.Write("other.csv", text);
        CsvDriftSource.TryOpen(plain, plain, new DriftOptions()).Should().NotBeNull();
        CsvDriftSource.TryOpen(plain, other, new DriftOptions()).Should().BeNull();
        CsvDriftSource.TryOpen(other, plain, new DriftOptions()).Should().BeNull();
    }

    [Fact]
    public void A_column_typed_after_duckdbs_sample_goes_to_duckdb()
    {
        using var files = new TempFiles();
        var plain = files.Write("plain.csv", "a,b\n1,2\n3,4\n");
        var rows = Enumerable.Range(0, CsvNumericTable.SniffRows).Select(i => $"{i},").ToList();
        // b has no value in the rows DuckDB's sniffer surely reads: DuckDB types it as text.
        var late = files.Write("late.csv", "a,b\n" + string.Join("\n", rows) + "\n1,2.5\n");
        CsvDriftSource.TryOpen(plain, late, new DriftOptions()).Should().BeNull();
        // a is an integer in those rows and a fraction after them: an integer column to DuckDB.
        var fraction = files.Write("fraction.csv", "a,b\n" + string.Join("\n", rows.Select(r => r + "1")) + "\n1.5,2\n");
        CsvDriftSource.TryOpen(plain, fraction, new DriftOptions()).Should().BeNull();
    }

    [Fact]
    public void Other_formats_categorical_options_and_large_files_go_to_duckdb()
    {
        using var files = new TempFiles();
        var plain = files.Write("plain.csv", "a,b\n1,2\n3,4\n5,6\n");
        var tsv = files.Write("plain.tsv", "a,b\n1,2\n3,4\n");
        CsvDriftSource.TryOpen(plain, tsv, new DriftOptions()).Should().BeNull();
        CsvDriftSource.TryOpen(plain, plain, new DriftOptions { Categorical = ["a"] }).Should().BeNull();
        CsvDriftSource.TryOpen(plain, plain, new DriftOptions(), maxRows: 3).Should().NotBeNull();
        CsvDriftSource.TryOpen(plain, plain, new DriftOptions(), maxRows: 2).Should().BeNull();
        CsvDriftSource.TryOpen(plain, Path.Combine(files.Folder, "missing.csv"), new DriftOptions()).Should().BeNull();
    }

    [Fact]
    public void Errors_of_files_left_to_duckdb_are_unchanged()
    {
        // The same messages as DriftAnalyzerTests gets from DuckDbDriftSource, now through the path API.
        using var files = new TempFiles();
        var r = files.Write("r.csv", "x\n1.5\n2.5\n3.5\n");
        var c = files.Write("c.csv", "x\n1.5\n2.5\noops\n4\n");
        var act = () => DriftAnalyzer.Analyze(r, c, new DriftOptions());
        act.Should().Throw<StewardInputException>().WithMessage("*c.csv: row 3, column 'x': 'oops' is not a number*");
        var empty = files.Write("e.csv", "");
        var act2 = () => DriftAnalyzer.Analyze(r, empty, new DriftOptions());
        act2.Should().Throw<StewardInputException>().WithMessage("*e.csv: the file is empty*");
        var b = files.Write("b.csv", "a,b\n1,2\n3,4\n");
        var one = files.Write("one.csv", "a\n1\n3\n");
        var act3 = () => DriftAnalyzer.Analyze(b, one, new DriftOptions());
        act3.Should().Throw<StewardInputException>().WithMessage("*one.csv: no column 'b'*");
    }

    [Theory]
    // Expected values: the runtime's correctly rounded parser (double.Parse), written out.
    [InlineData("0.1", 0.1, false)]
    [InlineData("123456.789012", 123456.789012, false)]
    [InlineData("-2.5e-3", -0.0025, false)]
    [InlineData("1E5", 100000.0, false)]
    [InlineData("0.30000000000000004", 0.30000000000000004, false)]
    [InlineData("9007199254740993", 9007199254740992.0, true)]
    [InlineData("1.7976931348623157e308", 1.7976931348623157e308, false)]
    [InlineData("4.9e-324", 4.9e-324, false)]
    [InlineData("0.1000000000000000055511151231257827", 0.1, false)]
    [InlineData("123456789012345678901234.5", 1.2345678901234568e23, false)]
    [InlineData("42", 42.0, true)]
    public void Numbers_parse_to_the_correctly_rounded_double(string text, double expected, bool integer)
    {
        CsvNumberParser.TryParse(System.Text.Encoding.ASCII.GetBytes(text), out var value, out var isInteger).Should().BeTrue(text);
        BitConverter.DoubleToInt64Bits(value).Should().Be(BitConverter.DoubleToInt64Bits(expected), text);
        isInteger.Should().Be(integer, text);
    }

    [Fact]
    public void Zeros_keep_duckdbs_signs()
    {
        // "-0" is the BIGINT 0 (+0.0 as a double); "-0.0" is the DOUBLE -0.0.
        CsvNumberParser.TryParse("-0"u8, out var integerZero, out _).Should().BeTrue();
        double.IsNegative(integerZero).Should().BeFalse();
        CsvNumberParser.TryParse("-0.0"u8, out var doubleZero, out _).Should().BeTrue();
        double.IsNegative(doubleZero).Should().BeTrue();
    }

    [Theory]
    [InlineData("")]
    [InlineData("-")]
    [InlineData("+1")]
    [InlineData("1.")]
    [InlineData(".5")]
    [InlineData("01")]
    [InlineData("1e")]
    [InlineData("1e+")]
    [InlineData("inf")]
    [InlineData("NaN")]
    [InlineData(" 1")]
    [InlineData("1 ")]
    [InlineData("1e400")]
    [InlineData("0x10")]
    [InlineData("1,5")]
    public void Other_forms_are_refused(string text)
    {
        CsvNumberParser.TryParse(System.Text.Encoding.ASCII.GetBytes(text), out _, out _).Should().BeFalse(text);
    }

    [Fact]
    public void The_array_merge_gives_the_enumerator_merge()
    {
        double[] a = [-1, 0, 0, 2.5, 3, 3, 3];
        double[] b = [-2, 0, 3, 4];
        SortedArrayMerge.Merge(a, a.Length, b, b.Length).Should().Equal(
            new ValueCount(-2, 0, 1), new ValueCount(-1, 1, 0), new ValueCount(0, 2, 1),
            new ValueCount(2.5, 1, 0), new ValueCount(3, 3, 1), new ValueCount(4, 0, 1));
        SortedArrayMerge.Merge(a, 3, b, 0).Should().Equal(new ValueCount(-1, 1, 0), new ValueCount(0, 2, 0));
        var act = () => SortedArrayMerge.Merge([2.0, 1.0], 2, [], 0).ToList();
        act.Should().Throw<ArgumentException>();
    }

    /// <summary>The runs a source spilled under <paramref name="parent"/>, while it lives.</summary>
    private static string[] SpilledRuns(string parent) =>
        Directory.Exists(parent) ? Directory.GetFiles(parent, "run-*.bin", SearchOption.AllDirectories) : [];

    [Theory]
    [InlineData(DriftMethod.KolmogorovSmirnov)]
    [InlineData(DriftMethod.Wasserstein)]
    [InlineData(DriftMethod.Psi)]
    [InlineData(DriftMethod.JensenShannon)]
    [InlineData(DriftMethod.Hellinger)]
    public void Elec_sorted_externally_in_runs_of_1000_rows_matches_scipy(DriftMethod method)
    {
        using var files = new TempFiles();
        var (reference, current) = files.ElecHalves();
        var spill = Path.Combine(files.Folder, "spill");
        Directory.CreateDirectory(spill);
        var options = new DriftOptions { Method = method };
        DriftReport report;
        using (var source = CsvDriftSource.TryOpen(reference, current, options, runRows: 1000, spillParent: spill))
        {
            source.Should().NotBeNull();
            // 22,656 rows per half, 7 columns: 23 runs per column and file.
            SpilledRuns(spill).Should().HaveCount(2 * 7 * 23);
            report = DriftAnalyzer.Analyze(source!, options);
        }
        SpilledRuns(spill).Should().BeEmpty("the runs are deleted with the source");
        Directory.GetDirectories(spill).Should().BeEmpty();
        foreach (var c in report.Columns)
        {
            var e = DriftAnalyzerTests.Expected[c.Column];
            var expected = method switch
            {
                DriftMethod.KolmogorovSmirnov => e.KsD,
                DriftMethod.Wasserstein => e.W,
                DriftMethod.Psi => e.Psi,
                DriftMethod.JensenShannon => e.Js,
                _ => e.H,
            };
            Approx.Equal(c.Statistic, expected, 1e-9, 1e-12, c.Column);
            if (method == DriftMethod.KolmogorovSmirnov) Approx.Equal(c.PValue!.Value, e.KsP, 1e-9, 1e-300, c.Column);
        }

        // And the report is the one of the in-memory sort, bit for bit.
        using var inMemory = CsvDriftSource.TryOpen(reference, current, options, spillParent: spill);
        DriftReportJson(DriftAnalyzer.Analyze(inMemory!, options)).Should().Be(DriftReportJson(report));
        SpilledRuns(spill).Should().BeEmpty("22,656 rows fit one run of the default size");
    }

    private static string DriftReportJson(DriftReport report) =>
        System.Text.Json.JsonSerializer.Serialize(report.Columns.Select(c => new { c.Column, c.Statistic, c.PValue, c.Drifted }));

    [Theory]
    [InlineData(256)]   // both files spilled (12 and 10 runs)
    [InlineData(2600)]  // the reference spilled (2 runs), the current in memory
    public void Spilled_runs_with_ties_and_missing_cells_match_scipy_ks_2samp(int runRows)
    {
        using var files = new TempFiles();
        // x: (i × 7919 mod 1000) / 8 (+ 3.5 in the current file), every 13th (11th) cell empty; y: (i × 104729 mod 997 (991)) / 10.
        static string Csv(int rows, double shift, int skip, int modulus)
        {
            var text = new System.Text.StringBuilder("x,y\n");
            for (var i = 0; i < rows; i++)
            {
                var x = i % skip == 0 ? "" : (i * 7919 % 1000 / 8.0 + shift).ToString("R", System.Globalization.CultureInfo.InvariantCulture);
                var y = (i * 104729 % modulus / 10.0).ToString("R", System.Globalization.CultureInfo.InvariantCulture);
                text.Append(x).Append(',').Append(y).Append('\n');
            }
            return text.ToString();
        }
        var reference = files.Write("r.csv", Csv(3000, 0.0, 13, 997));
        var current = files.Write("c.csv", Csv(2500, 3.5, 11, 991));
        var spill = Path.Combine(files.Folder, "spill");
        Directory.CreateDirectory(spill);
        var options = new DriftOptions { Method = DriftMethod.KolmogorovSmirnov };

        using var source = CsvDriftSource.TryOpen(reference, current, options, runRows: runRows, spillParent: spill);
        source.Should().NotBeNull();
        SpilledRuns(spill).Should().HaveCount(runRows == 256 ? 2 * (12 + 10) : 2 * 2);
        var report = DriftAnalyzer.Analyze(source!, options);

        // scipy 1.10.1, ks_2samp of the non-empty values generated the same way in Python (2,769 vs 2,272 x values, 3,000 vs 2,500 y values).
        var x = report.Columns.Single(c => c.Column == "x");
        Approx.Equal(x.Statistic, 0.03114842903575298, 1e-12, 1e-15, "x");
        Approx.Equal(x.PValue!.Value, 0.17281873095068392, 1e-9, 1e-300, "x");
        var y = report.Columns.Single(c => c.Column == "y");
        Approx.Equal(y.Statistic, 0.0072, 1e-12, 1e-15, "y");
        Approx.Equal(y.PValue!.Value, 0.9999995614592738, 1e-9, 1e-300, "y");
    }

    [Fact]
    public void The_temporary_space_is_bounded()
    {
        using var files = new TempFiles();
        var (reference, current) = files.ElecHalves();
        var spill = Path.Combine(files.Folder, "spill");
        Directory.CreateDirectory(spill);

        var open = () => CsvDriftSource.TryOpen(reference, current, new DriftOptions(), runRows: 1000, spillParent: spill, maxSpillBytes: 100_000);

        open.Should().Throw<StewardInputException>().WithMessage($"drift: sorting the CSV files needs more than 100,000 bytes of temporary space under {spill}");
        Directory.GetDirectories(spill).Should().BeEmpty("a failed sort leaves nothing behind");
    }
}

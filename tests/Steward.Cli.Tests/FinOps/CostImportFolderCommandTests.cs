using System.IO.Compression;

namespace Steward.Cli.Tests.FinOps;

/// <summary><c>steward cost import DIR</c>: a drop folder of cloud cost exports.</summary>
public sealed class CostImportFolderCommandTests : IDisposable
{
    private readonly CostCli cli = new();

    public void Dispose() => cli.Dispose();

    /// <summary>The sample's 1,000 rows in two parts of one folder: rows 1–600 as CSV, 601–1,000 as gzip CSV.</summary>
    private string TwoParts()
    {
        var lines = File.ReadAllLines(CostCli.Sample);
        var folder = cli.File("drop/2024-09");
        Directory.CreateDirectory(folder);
        File.WriteAllLines(Path.Combine(folder, "part-1.csv"), lines[..601]);
        using var gz = new StreamWriter(new GZipStream(File.Create(Path.Combine(folder, "part-2.csv.gz")), CompressionLevel.Fastest));
        foreach (var line in lines[601..].Prepend(lines[0]))
            gz.WriteLine(line);
        return cli.File("drop");
    }

    [Fact]
    public async Task A_folder_imports_its_complete_exports_and_a_rerun_says_nothing_changed()
    {
        var drop = TwoParts();

        var first = await cli.Run("cost", "import", drop, "--settle", "0s");
        var again = await cli.Run("cost", "import", drop, "--settle", "0s");
        var report = await cli.Run("cost", "report", "--group-by", "ProviderName");

        first.Exit.Should().Be(0, first.Err);
        // BilledCost of focus_sample.csv, summed with Python's decimal module (FocusImportTests).
        first.Out.Should().Be("2024-09 (2 files, no manifest): imported 2 files, 1,000 rows, BilledCost 20.52022672899 USD\n".Replace("\n", Environment.NewLine));
        first.Err.Should().Contain("2024-09 (2 files, no manifest): importing 2 files (").And.Contain("2/2 part-2.csv.gz loaded");
        again.Exit.Should().Be(0);
        again.Out.Should().Be("2024-09 (2 files, no manifest): unchanged (2 files imported before)" + Environment.NewLine);
        report.Out.Should().Contain("20.52");
    }

    [Fact]
    public async Task A_bad_file_is_one_line_naming_file_row_and_column_exit_2_and_nothing_is_stored()
    {
        var drop = TwoParts();
        var bad = cli.SampleVariant("bad.csv", "BillingCurrency", row: 17, value: "");
        File.Move(bad, Path.Combine(drop, "2024-09", "part-3.csv"));

        var result = await cli.Run("cost", "import", drop, "--settle", "0s");
        var report = await cli.Run("cost", "report", "--group-by", "ProviderName");

        result.Exit.Should().Be(2);
        result.Err.Should().Contain("part-3.csv: row 17 (line 18), column BillingCurrency: value is empty; nothing was imported");
        result.Err.Should().NotContain("   at ");
        result.Out.Should().BeEmpty();
        report.Out.Should().NotContain("AWS");
    }

    [Fact]
    public async Task Folder_flags_are_refused_with_files_and_a_folder_is_imported_alone()
    {
        var drop = TwoParts();

        var watchFiles = await cli.Run("cost", "import", CostCli.Sample, "--watch");
        var mixed = await cli.Run("cost", "import", drop, CostCli.Sample);
        var replace = await cli.Run("cost", "import", drop, "--replace-period");
        var settle = await cli.Run("cost", "import", drop, "--settle", "soon");

        watchFiles.Exit.Should().Be(2);
        watchFiles.Err.Should().Contain("--watch: give a drop folder, not files");
        mixed.Exit.Should().Be(2);
        mixed.Err.Should().Contain("a folder is imported alone");
        replace.Exit.Should().Be(2);
        replace.Err.Should().Contain("in a drop folder restated billing periods are recognised and replaced");
        settle.Exit.Should().Be(2);
        settle.Err.Should().Contain("--settle soon: expected a duration");
    }
}

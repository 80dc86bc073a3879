using System.Text.Json;
using Steward.TestSupport;

namespace Steward.Cli.Tests.Alignment;

/// <summary>
/// <c>steward analyze importance</c> end to end on the seeded logs of <see cref="AttributionData"/> (a model
/// of x1 and a little x2; from day 2 the outcomes follow x2 alone). The procedure is checked against
/// scikit-learn and scipy in Steward.Core.Tests.Alignment.Explainability; here: the JSON contract, the
/// verdict and exit code, determinism, the store's windows and the messages for bad input.
/// </summary>
public sealed class AnalyzeImportanceCommandTests : IDisposable
{
    private readonly TempFolder _folder = new();

    public void Dispose() => _folder.Dispose();

    private string Reference() => _folder.Write("reference.csv", AttributionData.Csv(AttributionData.Reference()));

    private string Day(int day) => _folder.Write($"day{day}.csv", AttributionData.Csv(AttributionData.Day(day)));

    [Fact]
    public async Task Outcomes_that_follow_another_feature_breach_the_attribution_gate()
    {
        var result = await CliRunner.RunAsync("analyze", "importance", "--reference", Reference(), "--current", Day(3),
            "--model-scores", "score", "--label", "label", "--max-l1", "0.3", "--min-rank-correlation", "0.8", "--format", "json");

        result.ExitCode.Should().Be(ExitCodes.Failed, result.Error);
        using var json = JsonDocument.Parse(result.Out);
        var root = json.RootElement;
        root.EnumerateObject().Select(p => p.Name).Should().Equal("surrogate", "loss", "repeats", "seed", "breached", "thresholds", "reference", "windows");
        root.GetProperty("surrogate").GetString().Should().Be("fasttree");
        root.GetProperty("loss").GetString().Should().Be("log_loss");
        root.GetProperty("repeats").GetInt32().Should().Be(5);
        var reference = root.GetProperty("reference");
        reference.GetProperty("trainingRows").GetInt32().Should().Be(1050);
        reference.GetProperty("rows").GetInt32().Should().Be(450);
        reference.GetProperty("fidelity").GetDouble().Should().BeGreaterThan(0.9);
        reference.GetProperty("features").EnumerateArray().Select(f => f.GetProperty("name").GetString()).Should().Equal("x1", "x2", "x3");
        var window = root.GetProperty("windows").EnumerateArray().Single();
        window.EnumerateObject().Select(p => p.Name).Should().Equal("name", "rows", "fidelity", "baselineLoss", "rankCorrelation", "l1", "breached", "features");
        window.GetProperty("rows").GetInt32().Should().Be(600);
        window.GetProperty("l1").GetDouble().Should().BeGreaterThan(0.3);
        window.GetProperty("breached").GetBoolean().Should().BeTrue();
        var importances = window.GetProperty("features").EnumerateArray().ToDictionary(f => f.GetProperty("name").GetString()!, f => f.GetProperty("importance").GetDouble());
        importances["x2"].Should().BeGreaterThan(importances["x1"]);

        var again = await CliRunner.RunAsync("analyze", "importance", "--reference", Reference(), "--current", Day(3),
            "--score", "score", "--label", "label", "--max-l1", "0.3", "--min-rank-correlation", "0.8", "--format", "json");
        again.Out.Should().Be(result.Out, "the same files and seed give the same report");
    }

    [Fact]
    public async Task The_same_relation_passes_and_the_table_explains_how_it_was_measured()
    {
        var result = await CliRunner.RunAsync("analyze", "importance", "--reference", Reference(), "--current", Day(0),
            "--score", "score", "--label", "label", "--max-l1", "0.3", "--min-rank-correlation", "0.8");

        result.ExitCode.Should().Be(ExitCodes.Ok, result.Out + result.Error);
        var lines = result.Out.Split('\n');
        lines[0].Should().MatchRegex(@"^FEATURE\s+REFERENCE\s+CURRENT$");
        lines.Should().Contain(l => l.StartsWith("x1 ", StringComparison.Ordinal) && l.Contains(" ± ", StringComparison.Ordinal));
        result.Out.Should().Contain("Importance: increase of log_loss when the feature is permuted (5 repeats, seed 42), through a fasttree surrogate of the logged score.");
        result.Out.Should().Contain("Reference ").And.Contain("surrogate trained on 1050 rows, measured on 450 held-out rows");
        result.Out.Should().NotContain("attribution drifted");
    }

    [Fact]
    public async Task The_store_gives_one_result_per_window_against_a_reference_window()
    {
        var store = _folder["store/steward.duckdb"];
        var ingest = await CliRunner.RunAsync("ingest", "inferences", "--model", "explained", "--version", "1.0", _folder.Write("log.csv", AttributionData.Log()), "--store", store);
        ingest.ExitCode.Should().Be(0, ingest.Error);

        var result = await CliRunner.RunAsync("analyze", "importance", "--store", store, "--model", "explained", "--version", "1.0",
            "--reference-from", "2026-03-02", "--reference-to", "2026-03-03", "--window", "daily", "--features", "x1,x2,x3",
            "--score", "score", "--label", "label", "--max-l1", "0.3", "--format", "json");

        result.ExitCode.Should().Be(ExitCodes.Failed, result.Error);
        using var json = JsonDocument.Parse(result.Out);
        json.RootElement.GetProperty("reference").GetProperty("name").GetString().Should().Be("explained 1.0 reference 2026-03-02T00:00:00Z..2026-03-03T00:00:00Z");
        var windows = json.RootElement.GetProperty("windows").EnumerateArray().ToList();
        windows.Select(w => w.GetProperty("name").GetString()).Should().Equal(
            "explained 1.0 window 2026-03-03T00:00:00Z", "explained 1.0 window 2026-03-04T00:00:00Z", "explained 1.0 window 2026-03-05T00:00:00Z");
        windows.Select(w => w.GetProperty("breached").GetBoolean()).Should().Equal(false, true, true);
    }

    [Theory]
    [InlineData("use either --reference and --current (files) or --model (the store's inference log), not both", "--model", "m", "--reference", "r.csv")]
    [InlineData("give --reference and --current (files), or --model with --reference-from and --reference-to (the store's inference log)", "--current", "c.csv")]
    [InlineData("--store applies only with --model (the store's inference log); --reference and --current are files: give one or the other", "--reference", "r.csv", "--current", "c.csv", "--store", "s.duckdb")]
    [InlineData("--version, --reference-from, --reference-to, --from, --to and --window apply only with --model", "--reference", "r.csv", "--current", "c.csv", "--window", "daily")]
    public async Task Conflicting_options_are_one_line(string message, params string[] args)
    {
        var result = await CliRunner.RunAsync(["analyze", "importance", "--score", "s", "--label", "l", .. args]);
        result.ExitCode.Should().Be(ExitCodes.InputError);
        result.Error.Should().Contain(message);
    }

    [Fact]
    public async Task A_store_typed_with_files_is_one_usage_line_and_the_files_are_not_read()
    {
        var store = _folder["typed/steward.duckdb"];
        var result = await CliRunner.RunAsync("analyze", "importance", "--reference", Reference(), "--current", Day(0),
            "--store", store, "--score", "score", "--label", "label", "--format", "json");

        result.ExitCode.Should().Be(ExitCodes.InputError);
        result.Out.Should().BeEmpty();
        result.Error.Should().Be("steward: --store applies only with --model (the store's inference log); --reference and --current are files: give one or the other\n");
        File.Exists(store).Should().BeFalse("a refused command creates no store");
    }

    [Fact]
    public async Task A_missing_label_column_names_the_file()
    {
        var reference = Reference();
        var result = await CliRunner.RunAsync("analyze", "importance", "--reference", reference, "--current", Day(0), "--score", "score", "--label", "outcome");
        result.ExitCode.Should().Be(ExitCodes.InputError);
        result.Error.Should().Be($"steward: {reference}: no label column 'outcome' (columns: label, score, x1, x2, x3)\n");
    }
}

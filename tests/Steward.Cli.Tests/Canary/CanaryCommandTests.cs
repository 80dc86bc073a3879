using System.Text.Json;
using Steward.TestSupport;

namespace Steward.Cli.Tests.Canary;

/// <summary>
/// <c>steward canary judge</c> end to end on examples/canary: CSV samples and the YAML config in, the
/// JSON an Argo Rollouts web metric reads out (verdict, score, per-metric classification), exit codes.
/// The expected classifications were checked once with an independent Python computation (scipy's
/// rankdata, norm.ppf and brentq for the 98% interval; numpy's percentiles for the IQR fences).
/// </summary>
public sealed class CanaryCommandTests
{
    private static string Example(string file) => RepositoryPaths.InRepository("examples", "canary", file);

    private static Task<CliRunner.Result> Judge(string canary, params string[] more) =>
        CliRunner.RunAsync(["canary", "judge", "--baseline", Example("baseline.csv"), "--canary", Example(canary), "--config", Example("canary.yaml"), .. more]);

    [Fact]
    public async Task A_slower_canary_fails_with_exit_1_and_an_argo_readable_verdict()
    {
        var result = await Judge("canary-slow.csv", "--format", "json");

        result.ExitCode.Should().Be(1, result.Error);
        using var json = JsonDocument.Parse(result.Out);
        var root = json.RootElement;
        root.GetProperty("verdict").GetString().Should().Be("Failed");
        // latency (weight 50) is High, errors (30) and cost (20) pass: 0 × 0.5 + 100 × 0.3 + 100 × 0.2 = 50.
        root.GetProperty("score").GetDouble().Should().Be(50.0);
        root.GetProperty("metrics").EnumerateArray()
            .Select(m => (m.GetProperty("name").GetString(), m.GetProperty("classification").GetString()))
            .Should().Equal(("cost_per_1k_usd", "Pass"), ("error_rate", "Pass"), ("latency_p95_ms", "High"));
        var latency = root.GetProperty("metrics").EnumerateArray().Single(m => m.GetProperty("name").GetString() == "latency_p95_ms");
        // Mean ratio: 150.42000000000002 / 118.245 (Python, math.fsum of the 40 values of each file / 40).
        latency.GetProperty("ratio").GetDouble().Should().BeApproximately(1.272104528732716, 1e-12);
        latency.GetProperty("baseline").GetProperty("count").GetInt32().Should().Be(40);
    }

    [Fact]
    public async Task A_canary_like_its_baseline_is_successful_with_exit_0()
    {
        var result = await Judge("canary-good.csv", "--format", "json");

        result.ExitCode.Should().Be(0, result.Error);
        using var json = JsonDocument.Parse(result.Out);
        json.RootElement.GetProperty("verdict").GetString().Should().Be("Successful");
        json.RootElement.GetProperty("score").GetDouble().Should().Be(100.0);
    }

    [Fact]
    public async Task The_table_lists_each_metric_then_the_groups_and_the_verdict()
    {
        var result = await Judge("canary-slow.csv");

        result.ExitCode.Should().Be(1, result.Error);
        result.Out.Should().Contain("latency_p95_ms   latency  increase   High");
        result.Out.Should().EndWith("Score 50.00 (pass 95, marginal 75): Failed\n");
    }

    [Fact]
    public async Task A_bad_row_is_exit_2_naming_file_and_line()
    {
        using var temp = new TempFolder();
        var canary = temp.Write("canary.csv", "metric,value\nlatency_p95_ms,120\nlatency_p95_ms,12O\n");
        var result = await CliRunner.RunAsync("canary", "judge", "--baseline", Example("baseline.csv"), "--canary", canary, "--config", Example("canary.yaml"));

        result.ExitCode.Should().Be(2);
        result.Out.Should().BeEmpty();
        result.Error.Should().Be($"steward: {canary}:3: value: \"12O\" is not a number\n");
    }

    [Fact]
    public async Task A_bad_config_is_exit_2_naming_file_line_and_field()
    {
        using var temp = new TempFolder();
        var config = temp.Write("canary.yaml", "metrics:\n  - name: latency_p95_ms\n    direction: upwards\n");
        var result = await CliRunner.RunAsync("canary", "judge", "--baseline", Example("baseline.csv"), "--canary", Example("canary-slow.csv"), "--config", config);

        result.ExitCode.Should().Be(2);
        result.Error.Should().Be($"steward: {config}:3:16: metrics[0].direction: \"upwards\" is not one of increase, decrease, either\n");
    }

    [Fact]
    public async Task A_missing_file_is_exit_2()
    {
        var result = await CliRunner.RunAsync("canary", "judge", "--baseline", "no-such.csv", "--canary", Example("canary-slow.csv"), "--config", Example("canary.yaml"));
        result.ExitCode.Should().Be(2);
        result.Error.Should().Be("steward: no-such.csv: file not found\n");
    }

    [Theory]
    [InlineData("canary judge: --store applies only with --model (the store's inference log); --baseline and --canary are sample files: give one or the other", "--store", "s.duckdb")]
    [InlineData("canary judge: --model and --canary-version with --baseline and --canary sample files name the version --remediate rolls back: give --remediate REPO, or drop them", "--model", "m")]
    [InlineData("canary judge: --model and --canary-version with --baseline and --canary sample files name the version --remediate rolls back: give --remediate REPO, or drop them", "--canary-version", "2.0")]
    public async Task Options_sample_files_would_ignore_are_one_usage_line(string message, params string[] args)
    {
        using var temp = new TempFolder();
        var result = await CliRunner.RunAsync(["canary", "judge", "--baseline", Example("baseline.csv"), "--canary", Example("canary-slow.csv"), "--config", Example("canary.yaml"),
            .. args.Select(a => a == "s.duckdb" ? Path.Combine(temp.Path, a) : a)]);

        result.ExitCode.Should().Be(2);
        result.Out.Should().BeEmpty();
        result.Error.Should().Be($"steward: {message}\n");
        File.Exists(Path.Combine(temp.Path, "s.duckdb")).Should().BeFalse("a refused command creates no store");
    }
}

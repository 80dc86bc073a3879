using System.Text.Json;
using Steward.TestSupport;

namespace Steward.Cli.Tests.Alignment;

/// <summary>
/// <c>steward analyze drift --multivariate</c> end to end on seeded files (see <see cref="MultivariateData"/>).
/// The classifier's statistics are checked against independent values in
/// Steward.Core.Tests.Alignment.Multivariate; here: the JSON contract, the verdicts, the exit code,
/// determinism and the table and HTML sections.
/// </summary>
public sealed class MultivariateDriftCommandTests : IDisposable
{
    private readonly TempFolder _folder = new();

    public void Dispose() => _folder.Dispose();

    /// <summary>x, y with correlation +0.9 (reference) and −0.9 (current), the current columns holding exactly the reference's values.</summary>
    private (string Reference, string Current) FlippedCorrelation()
    {
        var (rx, ry) = MultivariateData.Correlated(1000, 0.9, seed: 1);
        var (cx, cy) = MultivariateData.Correlated(1000, -0.9, seed: 2);
        return (
            _folder.Write("reference.csv", MultivariateData.Csv(("x", rx), ("y", ry))),
            _folder.Write("current.csv", MultivariateData.Csv(("x", MultivariateData.WithMarginalOf(cx, rx)), ("y", MultivariateData.WithMarginalOf(cy, ry)))));
    }

    [Fact]
    public async Task Flipped_correlation_drifts_jointly_while_no_column_drifts()
    {
        var (reference, current) = FlippedCorrelation();
        var result = await CliRunner.RunAsync("analyze", "drift", "--reference", reference, "--current", current, "--method", "ks", "--multivariate", "--format", "json");

        result.ExitCode.Should().Be(ExitCodes.Failed, "the multivariate verdict fails the gate");
        using var json = JsonDocument.Parse(result.Out);
        var root = json.RootElement;
        // scipy.stats.ks_2samp(a, a): statistic 0.0, p-value 1.0 (each current column holds the reference's values).
        foreach (var column in root.GetProperty("columns").EnumerateArray())
        {
            column.GetProperty("statistic").GetDouble().Should().Be(0.0);
            column.GetProperty("p_value").GetDouble().Should().Be(1.0);
            column.GetProperty("drifted").GetBoolean().Should().BeFalse();
        }
        root.GetProperty("dataset_drift").GetBoolean().Should().BeFalse();

        var m = root.GetProperty("multivariate");
        m.EnumerateObject().Select(p => p.Name).Should().Equal(
            "method", "trainer", "roc_auc", "roc_auc_lower", "roc_auc_upper", "confidence_level", "null_bound", "null_quantile",
            "p_value", "threshold", "drifted", "rows_reference", "rows_current", "total_rows_reference", "total_rows_current",
            "train_rows", "test_rows", "resamples", "seed", "features", "top_features");
        m.GetProperty("method").GetString().Should().Be("domain_classifier");
        m.GetProperty("trainer").GetString().Should().Be("fasttree");
        var auc = m.GetProperty("roc_auc").GetDouble();
        auc.Should().BeGreaterThan(0.85).And.BeLessThan(0.97, "the Bayes-optimal AUC is 0.950 (see the Core tests)");
        auc.Should().BeGreaterThan(m.GetProperty("null_bound").GetDouble());
        m.GetProperty("roc_auc_lower").GetDouble().Should().BeLessThan(auc);
        m.GetProperty("roc_auc_upper").GetDouble().Should().BeGreaterThan(auc);
        m.GetProperty("threshold").GetDouble().Should().Be(0.55);
        m.GetProperty("p_value").GetDouble().Should().Be(1.0 / 1001);
        m.GetProperty("drifted").GetBoolean().Should().BeTrue();
        m.GetProperty("rows_reference").GetInt32().Should().Be(1000);
        m.GetProperty("total_rows_current").GetInt64().Should().Be(1000);
        m.GetProperty("test_rows").GetInt32().Should().Be(1000);
        m.GetProperty("resamples").GetInt32().Should().Be(1000);
        m.GetProperty("features").EnumerateArray().Select(f => (f.GetProperty("feature").GetString(), f.GetProperty("type").GetString(), f.GetProperty("width").GetInt32()))
            .Should().Equal(("x", "numeric", 1), ("y", "numeric", 1));
        var importances = m.GetProperty("top_features").EnumerateArray().Select(f => f.GetProperty("importance").GetDouble()).ToList();
        importances.Sum().Should().BeApproximately(1.0, 1e-12);
        importances.Should().BeInDescendingOrder();
    }

    [Fact]
    public async Task The_same_command_twice_writes_the_same_json()
    {
        var (reference, current) = FlippedCorrelation();
        string[] args = ["analyze", "drift", "--reference", reference, "--current", current, "--multivariate", "--multivariate-rows", "600", "--format", "json"];
        var first = await CliRunner.RunAsync(args);
        var second = await CliRunner.RunAsync(args);
        second.Out.Should().Be(first.Out);
        using var json = JsonDocument.Parse(first.Out);
        json.RootElement.GetProperty("multivariate").GetProperty("rows_reference").GetInt32().Should().Be(600);
        json.RootElement.GetProperty("multivariate").GetProperty("total_rows_reference").GetInt64().Should().Be(1000);
    }

    [Fact]
    public async Task Embedding_column_goes_to_the_classifier_only()
    {
        var direction = MultivariateData.Direction(16, seed: 5);
        var reference = _folder.Write("reference.csv", MultivariateData.EmbeddingCsv("embedding", MultivariateData.Embeddings(800, 16, 0.0, direction, seed: 6)));
        var current = _folder.Write("current.csv", MultivariateData.EmbeddingCsv("embedding", MultivariateData.Embeddings(800, 16, 1.0, direction, seed: 7)));
        var result = await CliRunner.RunAsync("analyze", "drift", "--reference", reference, "--current", current, "--multivariate", "--embeddings", "embedding", "--format", "json");

        result.ExitCode.Should().Be(ExitCodes.Failed);
        using var json = JsonDocument.Parse(result.Out);
        json.RootElement.GetProperty("columns").EnumerateArray().Select(c => c.GetProperty("column").GetString()).Should().Equal("id");
        var m = json.RootElement.GetProperty("multivariate");
        m.GetProperty("features").EnumerateArray().Select(f => (f.GetProperty("feature").GetString(), f.GetProperty("type").GetString(), f.GetProperty("width").GetInt32()))
            .Should().Equal(("embedding", "embedding", 16), ("id", "numeric", 1));
        m.GetProperty("drifted").GetBoolean().Should().BeTrue();
        m.GetProperty("top_features")[0].GetProperty("feature").GetString().Should().Be("embedding");
    }

    [Fact]
    public async Task Table_and_html_show_the_multivariate_section()
    {
        var (reference, current) = FlippedCorrelation();
        var table = await CliRunner.RunAsync("analyze", "drift", "--reference", reference, "--current", current, "--multivariate", "--format", "table");
        table.Out.Should().Contain("multivariate drift (domain classifier)").And.Contain("no-drift bound").And.Contain("multivariate drift: yes");
        table.Out.Split('\n').Should().OnlyContain(line => line.Length <= 100);

        var html = await CliRunner.RunAsync("analyze", "drift", "--reference", reference, "--current", current, "--multivariate", "--format", "html");
        html.Out.Should().Contain("<h2>Multivariate drift (domain classifier)</h2>").And.Contain("multivariate drift detected")
            .And.Contain("Most telling columns").And.NotContain("<script");
    }

    [Fact]
    public async Task Without_the_flag_the_report_is_unchanged_and_its_options_are_refused()
    {
        var (reference, current) = FlippedCorrelation();
        var plain = await CliRunner.RunAsync("analyze", "drift", "--reference", reference, "--current", current, "--format", "json");
        plain.ExitCode.Should().Be(ExitCodes.Ok);
        using (var json = JsonDocument.Parse(plain.Out))
            json.RootElement.TryGetProperty("multivariate", out _).Should().BeFalse();

        var refused = await CliRunner.RunAsync("analyze", "drift", "--reference", reference, "--current", current, "--embeddings", "x");
        refused.ExitCode.Should().Be(ExitCodes.InputError);
        refused.Error.Should().Contain("--embeddings, --multivariate-threshold and --multivariate-rows apply only with --multivariate");

        var bad = await CliRunner.RunAsync("analyze", "drift", "--reference", reference, "--current", current, "--multivariate", "--multivariate-threshold", "2");
        bad.ExitCode.Should().Be(ExitCodes.InputError);
        bad.Error.Should().Contain("between 0 and 1");
    }
}

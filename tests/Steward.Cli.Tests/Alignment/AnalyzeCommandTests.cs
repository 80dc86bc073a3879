using System.Text.Json;
using Steward.TestSupport;

namespace Steward.Cli.Tests.Alignment;

/// <summary>
/// End-to-end: the real CLI in-process. Expected values from scipy 1.10.1 / numpy 1.24.2 / pandas 1.5.3
/// (see Steward.Core.Tests.Alignment.DriftAnalyzerTests and FairnessTests for the Python expressions),
/// and the published COMPAS figures in shared/data/README.md.
/// </summary>
public sealed class AnalyzeCommandTests : IDisposable
{
    private readonly string _folder = Path.Combine(Path.GetTempPath(), "steward-cli-align-" + Guid.NewGuid().ToString("N"));

    public AnalyzeCommandTests() => Directory.CreateDirectory(_folder);

    public void Dispose()
    {
        try { Directory.Delete(_folder, recursive: true); } catch (IOException) { }
    }

    private static string Compas => RepositoryPaths.InShared("data", "fairness", "compas-scores-two-years.csv");

    private (string Reference, string Current) ElecHalves()
    {
        var lines = File.ReadAllLines(RepositoryPaths.InShared("data", "drift", "elec.csv"));
        var half = (lines.Length - 1) / 2;
        var reference = Path.Combine(_folder, "first.csv");
        var current = Path.Combine(_folder, "second.csv");
        File.WriteAllLines(reference, lines.Take(1 + half));
        File.WriteAllLines(current, lines.Take(1).Concat(lines.Skip(1 + half)));
        return (reference, current);
    }

    /// <summary>Runs the CLI; these tests read the JSON report, so --format json is added unless a format is given (the default is the table).</summary>
    private static async Task<(int Code, string Out, string Err)> Run(params string[] args)
    {
        if (!args.Contains("--format"))
            args = [.. args, "--format", "json"];
        var stdout = new StringWriter();
        var stderr = new StringWriter();
        var code = await StewardApp.RunAsync(args, stdout, stderr);
        return (code, stdout.ToString(), stderr.ToString());
    }

    private static void Near(double actual, double expected, double tolerance, string what) =>
        Math.Abs(actual - expected).Should().BeLessThanOrEqualTo(tolerance, $"{what}: expected {expected:R}, got {actual:R}");

    [Fact]
    public async Task Drift_between_elec_halves_is_detected()
    {
        var (reference, current) = ElecHalves();
        var (code, output, _) = await Run("analyze", "drift", "--reference", reference, "--current", current, "--format", "json");
        code.Should().Be(ExitCodes.Failed);
        using var json = JsonDocument.Parse(output);
        var columns = json.RootElement.GetProperty("columns").EnumerateArray().ToList();
        columns.Select(c => c.GetProperty("column").GetString()).Should().Equal("feat_1", "feat_2", "feat_3", "feat_4", "feat_5", "feat_6", "target");
        // stats.wasserstein_distance(a, b) / max(np.std(a), 0.001) per column; target: distance.jensenshannon on 10 bins.
        var expected = new Dictionary<string, (string Method, double Statistic, bool Drifted)>
        {
            ["feat_1"] = ("wasserstein", 0.0, false),
            ["feat_2"] = ("wasserstein", 0.7145942924648302, true),
            ["feat_3"] = ("wasserstein", 0.037128199170085356, false),
            ["feat_4"] = ("wasserstein", 1.6659531249999964, true),
            ["feat_5"] = ("wasserstein", 1.3930117121866168, true),
            ["feat_6"] = ("wasserstein", 1.6326998631128198, true),
            ["target"] = ("jensenshannon", 0.007100959475399374, false),
        };
        foreach (var c in columns)
        {
            var name = c.GetProperty("column").GetString()!;
            var e = expected[name];
            c.GetProperty("type").GetString().Should().Be("numeric");
            c.GetProperty("method").GetString().Should().Be(e.Method);
            Near(c.GetProperty("statistic").GetDouble(), e.Statistic, 1e-9, name);
            c.GetProperty("p_value").ValueKind.Should().Be(JsonValueKind.Null);
            c.GetProperty("threshold").GetDouble().Should().Be(0.1);
            c.GetProperty("drifted").GetBoolean().Should().Be(e.Drifted);
        }
        Near(json.RootElement.GetProperty("drift_share").GetDouble(), 4.0 / 7.0, 1e-15, "drift_share");
        json.RootElement.GetProperty("dataset_drift").GetBoolean().Should().BeTrue();
    }

    [Fact]
    public async Task Drift_output_is_byte_for_byte_reproducible()
    {
        var (reference, current) = ElecHalves();
        var first = await Run("analyze", "drift", "--reference", reference, "--current", current);
        var second = await Run("analyze", "drift", "--reference", reference, "--current", current);
        second.Out.Should().Be(first.Out);
        first.Out.Should().Contain("\"feat_2\"");
    }

    [Fact]
    public async Task Drift_with_ks_reports_scipy_p_values()
    {
        var (reference, current) = ElecHalves();
        var (code, output, _) = await Run("analyze", "drift", "--reference", reference, "--current", current,
            "--method", "ks", "--columns", "feat_3,target,feat_1");
        // Only feat_3 drifts: 1 of 3 < 0.5, so no dataset drift and exit 0.
        code.Should().Be(ExitCodes.Ok);
        using var json = JsonDocument.Parse(output);
        var columns = json.RootElement.GetProperty("columns").EnumerateArray().ToList();
        columns.Select(c => c.GetProperty("column").GetString()).Should().Equal("feat_1", "feat_3", "target");
        // stats.ks_2samp: feat_1 (0.0, 1.0); feat_3 (0.025820974576271194, 5.402235428619242e-07); target (0.009931144067796605, 0.21242022042273523)
        Near(columns[0].GetProperty("p_value").GetDouble(), 1.0, 0, "feat_1 p");
        Near(columns[1].GetProperty("statistic").GetDouble(), 0.025820974576271194, 1e-15, "feat_3 D");
        Near(columns[1].GetProperty("p_value").GetDouble(), 5.402235428619242e-07, 5.402235428619242e-07 * 1e-9, "feat_3 p");
        Near(columns[2].GetProperty("p_value").GetDouble(), 0.21242022042273523, 1e-12, "target p");
        columns.Select(c => c.GetProperty("drifted").GetBoolean()).Should().Equal(false, true, false);
    }

    [Fact]
    public async Task Fairness_two_groups_reproduce_the_published_figures()
    {
        var (code, output, _) = await Run("analyze", "fairness", "--data", Compas, "--sensitive", "race",
            "--prediction", "score_text", "--positive-prediction", "Medium,High", "--label", "two_year_recid",
            "--positive-label", "1", "--groups", "African-American,Caucasian", "--reference-group", "Caucasian");
        code.Should().Be(ExitCodes.Ok);
        using var json = JsonDocument.Parse(output);
        var groups = json.RootElement.GetProperty("groups").EnumerateArray().ToList();
        groups.Select(g => g.GetProperty("group").GetString()).Should().Equal("African-American", "Caucasian");
        groups.Select(g => g.GetProperty("count").GetInt64()).Should().Equal(3696, 2454);
        // README: FPR 0.448468 / 0.234543, FNR 0.279853 / 0.477226, selection rate 0.588203 / 0.348003
        Near(groups[0].GetProperty("fpr").GetDouble(), 0.448468, 1e-6, "AA fpr");
        Near(groups[1].GetProperty("fpr").GetDouble(), 0.234543, 1e-6, "C fpr");
        Near(groups[0].GetProperty("fnr").GetDouble(), 0.279853, 1e-6, "AA fnr");
        Near(groups[1].GetProperty("fnr").GetDouble(), 0.477226, 1e-6, "C fnr");
        Near(groups[0].GetProperty("selection_rate").GetDouble(), 0.588203, 1e-6, "AA sel");
        Near(groups[1].GetProperty("selection_rate").GetDouble(), 0.348003, 1e-6, "C sel");
        var root = json.RootElement;
        // README: DPD 0.240200, ratio 0.591638, equal opportunity 0.197373, equalized odds 0.213925
        Near(root.GetProperty("demographic_parity_difference").GetDouble(), 0.240200, 1e-6, "dpd");
        Near(root.GetProperty("demographic_parity_ratio").GetDouble(), 0.591638, 1e-6, "dpr");
        Near(root.GetProperty("equal_opportunity_difference").GetDouble(), 0.197373, 1e-6, "eod");
        Near(root.GetProperty("equalized_odds_difference").GetDouble(), 0.213925, 1e-6, "eodds");
        // python: 0.5882034632034632 / 0.3480032599837001 -> 1.6902240031631133
        Near(root.GetProperty("disparate_impact").GetProperty("African-American").GetDouble(), 1.6902240031631133, 1e-12, "di");
    }

    [Fact]
    public async Task Fairness_six_groups_reproduce_the_published_figures()
    {
        var (code, output, _) = await Run("analyze", "fairness", "--data", Compas, "--sensitive", "race",
            "--prediction", "score_text", "--positive-prediction", "Medium,High", "--label", "two_year_recid");
        code.Should().Be(ExitCodes.Ok);
        using var json = JsonDocument.Parse(output);
        var root = json.RootElement;
        root.GetProperty("groups").GetArrayLength().Should().Be(6);
        // README: DPD 0.457118, ratio 0.314324, equalized odds 0.576692
        Near(root.GetProperty("demographic_parity_difference").GetDouble(), 0.457118, 1e-6, "dpd");
        Near(root.GetProperty("demographic_parity_ratio").GetDouble(), 0.314324, 1e-6, "dpr");
        Near(root.GetProperty("equalized_odds_difference").GetDouble(), 0.576692, 1e-6, "eodds");
    }

    [Fact]
    public async Task Drift_on_categorical_columns()
    {
        // COMPAS first 3,607 rows vs last 3,607. pandas/scipy: keys = sorted(set(a[col]) | set(b[col])),
        // js = distance.jensenshannon(fill(r), fill(c)); chi = stats.chisquare(cc, rc*len(b)/len(a)):
        // race js 0.01811081311454742, chi (8.732607736557295, 0.12021672979633954);
        // sex js 0.020107525487112886, chi (12.210369166473184, 0.00047524629155414045)
        var lines = File.ReadAllLines(Compas);
        var half = (lines.Length - 1) / 2;
        var reference = Path.Combine(_folder, "compas-a.csv");
        var current = Path.Combine(_folder, "compas-b.csv");
        File.WriteAllLines(reference, lines.Take(1 + half));
        File.WriteAllLines(current, lines.Take(1).Concat(lines.Skip(1 + half)));

        var (code, output, _) = await Run("analyze", "drift", "--reference", reference, "--current", current, "--columns", "sex,race");
        code.Should().Be(ExitCodes.Ok);
        using (var json = JsonDocument.Parse(output))
        {
            var columns = json.RootElement.GetProperty("columns").EnumerateArray().ToList();
            columns.Select(c => c.GetProperty("column").GetString()).Should().Equal("race", "sex");
            columns.Should().OnlyContain(c => c.GetProperty("type").GetString() == "categorical" && c.GetProperty("method").GetString() == "jensenshannon");
            Near(columns[0].GetProperty("statistic").GetDouble(), 0.01811081311454742, 1e-12, "race js");
            Near(columns[1].GetProperty("statistic").GetDouble(), 0.020107525487112886, 1e-12, "sex js");
        }

        (code, output, _) = await Run("analyze", "drift", "--reference", reference, "--current", current, "--columns", "sex,race", "--method", "chisquare");
        code.Should().Be(ExitCodes.Failed); // sex drifts (p < 0.05): 1 of 2 = 0.5 >= 0.5
        using (var json = JsonDocument.Parse(output))
        {
            var columns = json.RootElement.GetProperty("columns").EnumerateArray().ToList();
            Near(columns[0].GetProperty("statistic").GetDouble(), 8.732607736557295, 1e-11, "race chi");
            Near(columns[0].GetProperty("p_value").GetDouble(), 0.12021672979633954, 1e-10, "race p");
            Near(columns[1].GetProperty("statistic").GetDouble(), 12.210369166473184, 1e-11, "sex chi");
            Near(columns[1].GetProperty("p_value").GetDouble(), 0.00047524629155414045, 1e-13, "sex p");
            columns.Select(c => c.GetProperty("drifted").GetBoolean()).Should().Equal(false, true);
        }
    }

    [Fact]
    public async Task Performance_matches_sklearn()
    {
        // sklearn 1.2.1 on y = [1,0,1,1,0,0,1,0,1,1,0,1], s = [0.9,0.1,0.8,0.4,0.4,0.6,0.7,0.2,0.4,1.0,0.0,0.55]:
        // accuracy 0.75, f1 0.7692307692307692, roc_auc 0.8857142857142857, log_loss 0.4059348248355734
        var path = Path.Combine(_folder, "scores.csv");
        File.WriteAllText(path, "y,s\n1,0.9\n0,0.1\n1,0.8\n1,0.4\n0,0.4\n0,0.6\n1,0.7\n0,0.2\n1,0.4\n1,1.0\n0,0.0\n1,0.55\n");
        var (code, output, _) = await Run("analyze", "performance", "--data", path, "--label", "y", "--score", "s");
        code.Should().Be(ExitCodes.Ok);
        using var json = JsonDocument.Parse(output);
        var root = json.RootElement;
        root.GetProperty("count").GetInt64().Should().Be(12);
        Near(root.GetProperty("accuracy").GetDouble(), 0.75, 1e-15, "accuracy");
        Near(root.GetProperty("f1").GetDouble(), 0.7692307692307692, 1e-15, "f1");
        Near(root.GetProperty("roc_auc").GetDouble(), 0.8857142857142857, 1e-14, "auc");
        Near(root.GetProperty("log_loss").GetDouble(), 0.4059348248355734, 1e-13, "log loss");
        var (_, table, _) = await Run("analyze", "performance", "--data", path, "--label", "y", "--score", "s", "--format", "table");
        table.Should().Contain("roc_auc").And.Contain("0.885714");
    }

    [Fact]
    public async Task Html_reports_are_self_contained()
    {
        var (reference, current) = ElecHalves();
        var (_, drift, _) = await Run("analyze", "drift", "--reference", reference, "--current", current, "--format", "html");
        drift.Should().StartWith("<!DOCTYPE html>");
        drift.Should().Contain("<svg").And.Contain("feat_5").And.Contain("dataset drift detected");
        drift.Should().NotContain("<script").And.NotContain("src=").And.NotContain("<link");
        var (_, fairness, _) = await Run("analyze", "fairness", "--data", Compas, "--sensitive", "race",
            "--prediction", "score_text", "--positive-prediction", "Medium,High", "--label", "two_year_recid", "--format", "html");
        fairness.Should().Contain("<svg").And.Contain("Selection rate").And.Contain("African-American");
        fairness.Should().NotContain("<script").And.NotContain("src=");
    }

    [Fact]
    public async Task Tables_fit_in_100_columns()
    {
        var (reference, current) = ElecHalves();
        var (_, drift, _) = await Run("analyze", "drift", "--reference", reference, "--current", current, "--format", "table");
        drift.Should().Contain("feat_2").And.Contain("DRIFT");
        drift.Split('\n').Should().OnlyContain(line => line.Length <= 100);
        var (_, fairness, _) = await Run("analyze", "fairness", "--data", Compas, "--sensitive", "race,sex",
            "--prediction", "score_text", "--positive-prediction", "Medium,High", "--label", "two_year_recid", "--format", "table");
        fairness.Should().Contain("African-American/Female");
        fairness.Split('\n').Should().OnlyContain(line => line.Length <= 100);
    }

    [Fact]
    public async Task Bad_input_exits_2_naming_file_row_and_column()
    {
        var reference = Path.Combine(_folder, "r.csv");
        var current = Path.Combine(_folder, "c.csv");
        File.WriteAllText(reference, "x,y\n1,2\n2,3\n3,4\n");
        File.WriteAllText(current, "x,y\n1,2\nabc,3\n");
        var (code, _, err) = await Run("analyze", "drift", "--reference", reference, "--current", current);
        code.Should().Be(ExitCodes.InputError);
        err.Should().Contain("c.csv: row 2, column 'x': 'abc' is not a number");

        (code, _, err) = await Run("analyze", "drift", "--reference", reference, "--current", current, "--columns", "z");
        code.Should().Be(ExitCodes.InputError);
        err.Should().Contain("r.csv: no column 'z'");

        var empty = Path.Combine(_folder, "empty.csv");
        File.WriteAllText(empty, "");
        (code, _, err) = await Run("analyze", "drift", "--reference", reference, "--current", empty);
        code.Should().Be(ExitCodes.InputError);
        err.Should().Contain("empty.csv: the file is empty");

        (code, _, err) = await Run("analyze", "fairness", "--data", Compas, "--sensitive", "race",
            "--prediction", "score_text", "--threshold", "0.5", "--label", "two_year_recid");
        code.Should().Be(ExitCodes.InputError);
        err.Should().Contain("row 1, column 'score_text': 'Low' is not a number");
    }
}

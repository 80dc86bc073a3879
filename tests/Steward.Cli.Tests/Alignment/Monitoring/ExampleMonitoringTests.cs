using System.Text.Json;
using Steward.TestSupport;

namespace Steward.Cli.Tests.Alignment.Monitoring;

/// <summary>
/// The getting-started flow on the shipped example: ingest examples/inference-logs/*.csv, then
/// <c>steward monitor run</c> on a copy of examples/governance. Expected values computed once from the
/// shipped CSV files with pandas 1.5.3 / scipy 1.10.1 / scikit-learn 1.2.1 (d = one day of
/// credit-scoring.csv, ref = governance/data/credit-scoring-reference.csv, y = d.repaid == 'yes',
/// pred = d.approved == 'yes'): accuracy_score(y, pred); sr = pred.groupby(d.sex + '/' + d.age_band).mean(),
/// sr.min() / sr.max(); roc_auc_score(y, d.score); ks_2samp(ref.income, d.income).pvalue.
/// </summary>
public sealed class ExampleMonitoringTests
{
    [Fact]
    public async Task Ingesting_the_example_logs_and_running_the_example_monitors_finds_the_shift_of_the_last_two_days()
    {
        using var folder = new TempFolder();
        var repo = folder["governance"];
        Copy(RepositoryPaths.InRepository("examples", "governance"), repo);
        var store = folder["store/steward.duckdb"];

        var credit = await CliRunner.RunAsync("ingest", "inferences", "--model", "credit-scoring", "--version", "1.3.0",
            RepositoryPaths.InRepository("examples", "inference-logs", "credit-scoring.csv"), "--store", store);
        var chat = await CliRunner.RunAsync("ingest", "inferences", "--model", "support-chat", "--version", "2.1.0",
            RepositoryPaths.InRepository("examples", "inference-logs", "support-chat.csv"), "--store", store);
        var run = await CliRunner.RunAsync("monitor", "run", repo, "--store", store, "--format", "json");
        var report = await CliRunner.RunAsync("monitor", "report", repo, "--store", store, "--format", "html");

        credit.ExitCode.Should().Be(0, credit.Error);
        credit.Out.Should().Contain("900 inferences imported");
        chat.ExitCode.Should().Be(0, chat.Error);
        chat.Out.Should().Contain("450 inferences imported");
        run.ExitCode.Should().Be(1, "the last two credit-scoring days breach: " + run.Error);
        using var json = JsonDocument.Parse(run.Out);
        var monitors = json.RootElement.GetProperty("monitors").EnumerateArray().ToDictionary(m => m.GetProperty("name").GetString()!);

        var days = monitors["credit-scoring"].GetProperty("windows").EnumerateArray().ToList();
        days.Select(w => w.GetProperty("start").GetString()).Should().Equal(
            "2026-03-02T00:00:00Z", "2026-03-03T00:00:00Z", "2026-03-04T00:00:00Z", "2026-03-05T00:00:00Z", "2026-03-06T00:00:00Z");
        days.Should().OnlyContain(w => w.GetProperty("rows").GetInt64() == 180);
        days.Take(3).Should().OnlyContain(w => w.GetProperty("breaches").GetArrayLength() == 0);
        foreach (var w in days.Skip(3))
            w.GetProperty("breaches").EnumerateArray().Select(b => b.GetProperty("metric").GetString())
                .Should().Equal("accuracy", "demographic_parity_ratio", "drift_share");

        var normal = days[0].GetProperty("metrics");
        normal.GetProperty("accuracy").GetDouble().Should().BeApproximately(0.8888888888888888, 1e-12);
        normal.GetProperty("demographic_parity_ratio").GetDouble().Should().BeApproximately(0.9411764705882353, 1e-12);
        normal.GetProperty("roc_auc").GetDouble().Should().BeApproximately(0.9606011875309253, 1e-12);
        normal.GetProperty("drift.income").GetDouble().Should().BeApproximately(0.9474491664932817, 1e-9);
        normal.GetProperty("drift_share").GetDouble().Should().Be(0);
        var shifted = days[3].GetProperty("metrics");
        shifted.GetProperty("accuracy").GetDouble().Should().BeApproximately(0.7777777777777778, 1e-12);
        shifted.GetProperty("demographic_parity_ratio").GetDouble().Should().BeApproximately(0.6470588235294117, 1e-12);
        shifted.GetProperty("roc_auc").GetDouble().Should().BeApproximately(0.9539273716205406, 1e-12);
        shifted.GetProperty("drift.income").GetDouble().Should().BeApproximately(3.2681781073559897e-11, 3.2681781073559897e-11 * 1e-6);
        shifted.GetProperty("drift_share").GetDouble().Should().BeApproximately(3.0 / 7, 1e-12, "income, loan_amount and debt_to_income drift");

        var chatDays = monitors["support-chat"].GetProperty("windows").EnumerateArray().ToList();
        chatDays.Should().HaveCount(3).And.OnlyContain(w => w.GetProperty("breaches").GetArrayLength() == 0);

        var findings = json.RootElement.GetProperty("findings").EnumerateArray().ToList();
        findings.Should().HaveCount(6);
        findings.Select(f => f.GetProperty("ruleId").GetString()).Distinct().Should().BeEquivalentTo(
            ["monitor/accuracy", "monitor/demographic_parity_ratio", "monitor/drift_share"]);
        findings.Should().OnlyContain(f => f.GetProperty("subject").GetProperty("file").GetString() == "monitors/credit-scoring.yaml"
            && f.GetProperty("suggestedAction").GetString() == "remediation: rollback");

        report.ExitCode.Should().Be(0, report.Error);
        report.Out.Should().Contain("<h2>credit-scoring</h2>").And.Contain("<h2>support-chat</h2>").And.Contain("6 breach(es) in 1 monitor(s)");
    }

    [Fact]
    public async Task The_embedding_monitor_of_the_example_finds_the_new_topic_of_the_last_day()
    {
        using var folder = new TempFolder();
        var repo = folder["governance"];
        Copy(RepositoryPaths.InRepository("examples", "governance"), repo);
        var store = folder["store/steward.duckdb"];

        var ingest = await CliRunner.RunAsync("ingest", "inferences", "--model", "doc-embeddings", "--version", "1.0.0",
            RepositoryPaths.InRepository("examples", "inference-logs", "doc-embeddings.jsonl"), "--store", store);
        var run = await CliRunner.RunAsync("monitor", "run", repo, "--store", store, "--format", "json");
        var gate = await CliRunner.RunAsync("check", repo, "--store", store, "--format", "json");

        ingest.ExitCode.Should().Be(0, ingest.Error);
        ingest.Out.Should().Contain("480 inferences imported");
        run.ExitCode.Should().Be(1, run.Error);
        using var json = JsonDocument.Parse(run.Out);
        var monitors = json.RootElement.GetProperty("monitors").EnumerateArray().ToDictionary(m => m.GetProperty("name").GetString()!);
        monitors["credit-scoring"].GetProperty("windows").GetArrayLength().Should().Be(0);
        var days = monitors["doc-embeddings"].GetProperty("windows").EnumerateArray().ToList();
        days.Select(w => w.GetProperty("start").GetString()).Should().Equal("2026-03-04T00:00:00Z", "2026-03-05T00:00:00Z", "2026-03-06T00:00:00Z");
        days.Should().OnlyContain(w => w.GetProperty("rows").GetInt64() == 160);
        var auc = days.Select(w => w.GetProperty("metrics").GetProperty("multivariate_auc").GetDouble()).ToList();
        // Ranges, not values: no independent implementation reproduces FastTree's trees (the values are
        // seeded, and MultivariateMonitoringTests checks them against the in-memory classifier). The best any
        // classifier can do on the last day, the Bayes-optimal AUC of the generator's mixtures (likelihood ratio
        // of the known densities; scipy.stats.multivariate_normal, sklearn roc_auc_score, 2·10^5 draws per side,
        // numpy default_rng(0)), is 0.7993 — about 0.5 + 0.6/2, the new topic being nearly separable; before
        // that day nothing changed and the held-out AUC's standard error is about 0.04.
        auc.Take(2).Should().OnlyContain(a => a < 0.6);
        auc[2].Should().BeInRange(0.7, 0.7993 + 0.05);
        days.Select(w => w.GetProperty("metrics").GetProperty("multivariate_drift").GetDouble()).Should().Equal(0, 0, 1);
        var finding = json.RootElement.GetProperty("findings").EnumerateArray().Should().ContainSingle().Subject;
        finding.GetProperty("ruleId").GetString().Should().Be("monitor/multivariate_auc");
        finding.GetProperty("subject").GetProperty("file").GetString().Should().Be("monitors/doc-embeddings.yaml");
        finding.GetProperty("evidence").GetProperty("windowStart").GetString().Should().Be("2026-03-06T00:00:00Z");
        finding.GetProperty("suggestedAction").GetString().Should().Be("remediation: notify");

        // doc-embeddings 1.0.0 is deployed, so its latest window's breach is open in the gate.
        gate.ExitCode.Should().Be(1, gate.Error);
        using var check = JsonDocument.Parse(gate.Out);
        check.RootElement.GetProperty("findings").EnumerateArray().Where(f => f.GetProperty("ruleId").GetString()!.StartsWith("monitor/", StringComparison.Ordinal))
            .Select(f => (f.GetProperty("ruleId").GetString(), f.GetProperty("evidence").GetProperty("value").GetDouble()))
            .Should().Equal(("monitor/multivariate_auc", auc[2]));
    }

    private static void Copy(string from, string to)
    {
        foreach (var file in Directory.EnumerateFiles(from, "*", SearchOption.AllDirectories))
        {
            var target = Path.Combine(to, Path.GetRelativePath(from, file));
            Directory.CreateDirectory(Path.GetDirectoryName(target)!);
            File.Copy(file, target);
        }
    }
}

using System.Text.Json;
using Steward.TestSupport;

namespace Steward.Cli.Tests.Alignment.Monitoring;

/// <summary>
/// End-to-end <c>steward monitor run</c> with multivariate_auc and multivariate_drift over a logged embedding
/// (<see cref="MultivariateMonitorData"/>). The classifier's values are checked against the in-memory
/// classifier and the Bayes-optimal AUC in Steward.Core.Tests.Alignment.Monitoring.MultivariateMonitoringTests;
/// here the command's JSON, table, stored history and exit codes.
/// </summary>
public sealed class MultivariateMonitorCommandTests
{
    private static async Task<(TempFolder Folder, string Store)> Ingested(string log)
    {
        var folder = new TempFolder();
        MultivariateMonitorData.WriteRepository(folder["repo"]);
        File.Delete(folder["repo/monitors/pairs.yaml"]);
        var store = folder["store/steward.duckdb"];
        var ingest = await CliRunner.RunAsync("ingest", "inferences", "--model", "vectors", "--version", "1.0", folder.Write("log.jsonl", log), "--store", store);
        ingest.ExitCode.Should().Be(0, ingest.Error);
        ingest.Out.Should().Contain("800 inferences imported");
        return (folder, store);
    }

    [Fact]
    public async Task An_embedding_shift_breaches_in_the_later_windows_and_the_values_repeat()
    {
        var (folder, store) = await Ingested(MultivariateMonitorData.EmbeddingLog());
        using var _ = folder;

        var run = await CliRunner.RunAsync("monitor", "run", folder["repo"], "--store", store, "--format", "json");
        var rerun = await CliRunner.RunAsync("monitor", "run", folder["repo"], "--store", store, "--format", "json");
        var table = await CliRunner.RunAsync("monitor", "run", folder["repo"], "--store", store);
        var report = await CliRunner.RunAsync("monitor", "report", folder["repo"], "--store", store, "--format", "json");

        run.ExitCode.Should().Be(1, run.Error);
        rerun.Out.Should().Be(run.Out, "the classifier is seeded: the same log gives the same windows");
        using var json = JsonDocument.Parse(run.Out);
        var windows = json.RootElement.GetProperty("monitors").EnumerateArray().Single().GetProperty("windows").EnumerateArray().ToList();
        windows.Select(w => w.GetProperty("start").GetString()).Should().Equal(
            "2026-02-02T00:00:00Z", "2026-02-03T00:00:00Z", "2026-02-04T00:00:00Z", "2026-02-05T00:00:00Z");
        windows.Should().OnlyContain(w => w.GetProperty("notes").GetArrayLength() == 0);
        var auc = windows.Select(w => w.GetProperty("metrics").GetProperty("multivariate_auc").GetDouble()).ToList();
        // Ranges, not values: no independent implementation reproduces FastTree's trees. Unchanged days stay
        // below the threshold 0.6; the shift by 1.5 has the Bayes-optimal AUC norm.cdf(1.5 / sqrt(2)) = 0.8556 (scipy).
        auc.Take(2).Should().OnlyContain(a => a < 0.6);
        auc.Skip(2).Should().OnlyContain(a => a > 0.7 && a < 0.9056);
        windows.Select(w => w.GetProperty("metrics").GetProperty("multivariate_drift").GetDouble()).Should().Equal(0, 0, 1, 1);
        windows.Skip(2).Should().OnlyContain(w => w.GetProperty("breaches").EnumerateArray().Select(b => b.GetProperty("metric").GetString())
            .SequenceEqual(new[] { "multivariate_auc", "multivariate_drift" }));

        var findings = json.RootElement.GetProperty("findings").EnumerateArray().ToList();
        findings.Select(f => f.GetProperty("ruleId").GetString()).Should().Equal(
            "monitor/multivariate_auc", "monitor/multivariate_auc", "monitor/multivariate_drift", "monitor/multivariate_drift");
        // Findings are ordered by rule, then message (which holds the value), not by window.
        var byWindow = findings.ToLookup(f => f.GetProperty("evidence").GetProperty("windowStart").GetString());
        byWindow.Select(g => g.Key).Should().BeEquivalentTo(["2026-02-04T00:00:00Z", "2026-02-05T00:00:00Z"]);
        var first = byWindow["2026-02-04T00:00:00Z"].ToDictionary(f => f.GetProperty("ruleId").GetString()!, f => f.GetProperty("evidence"));
        first["monitor/multivariate_auc"].GetProperty("value").GetDouble().Should().Be(auc[2]);
        first["monitor/multivariate_auc"].GetProperty("threshold").GetString().Should().Be("≤ 0.6");
        first["monitor/multivariate_drift"].GetProperty("value").GetDouble().Should().Be(1);
        first["monitor/multivariate_drift"].GetProperty("threshold").GetString().Should().Be("≤ 0");

        table.ExitCode.Should().Be(1);
        table.Out.Should().Contain("multivariate_auc  multivariate_drift").And.Contain("monitor/multivariate_auc: multivariate_auc = ");

        report.ExitCode.Should().Be(0, report.Error);
        using var history = JsonDocument.Parse(report.Out);
        var summary = history.RootElement.GetProperty("monitors")[0].GetProperty("summary").EnumerateArray()
            .ToDictionary(s => s.GetProperty("metric").GetString()!);
        summary["multivariate_auc"].GetProperty("breaches").GetInt32().Should().Be(2);
        summary["multivariate_auc"].GetProperty("latest").GetDouble().Should().Be(auc[3]);
    }

    [Fact]
    public async Task Monitor_report_shows_why_a_window_has_no_value()
    {
        var (folder, store) = await Ingested(MultivariateMonitorData.EmbeddingLog());
        using var _ = folder;
        // Six rows of day 0 moved to 2026-02-09: too few for the domain classifier, the Monitor's only metrics.
        var late = string.Join('\n', MultivariateMonitorData.EmbeddingLog().Split('\n').Take(6)).Replace("2026-02-02", "2026-02-09").Replace("\"e0-", "\"late-") + "\n";
        (await CliRunner.RunAsync("ingest", "inferences", "--model", "vectors", "--version", "1.0", folder.Write("late.jsonl", late), "--store", store)).ExitCode.Should().Be(0);
        (await CliRunner.RunAsync("monitor", "run", folder["repo"], "--store", store)).ExitCode.Should().Be(1);
        const string note = "multivariate_auc, multivariate_drift: not computed: the window has 6 rows, the domain classifier needs at least 10";

        var json = await CliRunner.RunAsync("monitor", "report", folder["repo"], "--store", store, "--format", "json");
        var table = await CliRunner.RunAsync("monitor", "report", folder["repo"], "--store", store);
        var html = await CliRunner.RunAsync("monitor", "report", folder["repo"], "--store", store, "--format", "html");

        json.ExitCode.Should().Be(0, json.Error);
        using var document = JsonDocument.Parse(json.Out);
        var windows = document.RootElement.GetProperty("monitors")[0].GetProperty("windows").EnumerateArray().ToList();
        windows.Should().HaveCount(5);
        windows[4].GetProperty("start").GetString().Should().Be("2026-02-09T00:00:00Z");
        windows[4].GetProperty("rows").GetInt64().Should().Be(6);
        windows[4].GetProperty("metrics").EnumerateObject().Should().BeEmpty();
        windows[4].GetProperty("notes").EnumerateArray().Select(n => n.GetString()).Should().Equal(note);
        windows.Take(4).Should().OnlyContain(w => w.GetProperty("notes").GetArrayLength() == 0);

        table.ExitCode.Should().Be(0, table.Error);
        table.Out.Should().Contain("Monitor vectors (model vectors 1.0, daily): 5 windows from 2026-02-02 to 2026-02-09");
        // Wrapped at 100 columns, continued with an indent of 4.
        table.Out.Should().Contain("  note 2026-02-09: multivariate_auc, multivariate_drift: not computed: the window has 6 rows, the\n"
            + "    domain classifier needs at least 10\n");
        table.Out.Split('\n').Should().OnlyContain(line => line.Length <= 100);

        html.ExitCode.Should().Be(0, html.Error);
        html.Out.Should().Contain("<h3>Notes</h3>").And.Contain($"<tr><td>2026-02-09T00:00:00Z</td><td class=\"n\">6</td><td>{note}</td></tr>");
    }

    [Fact]
    public async Task A_logged_embedding_of_the_wrong_length_exits_2_naming_file_row_and_column()
    {
        var (folder, store) = await Ingested(MultivariateMonitorData.EmbeddingLog((day, i, line) =>
            day == 2 && i == 9 ? line[..line.IndexOf("\"embedding\"", StringComparison.Ordinal)] + "\"embedding\": [0.5, 0.25]}" : line));
        using var _ = folder;

        var run = await CliRunner.RunAsync("monitor", "run", folder["repo"], "--store", store);

        run.ExitCode.Should().Be(2, run.Out);
        // Row 410 of the file: the tenth row of the third day.
        run.Error.Should().Contain($"{folder["log.jsonl"]}: row 410, column 'embedding': '[0.5,0.25]' is not an embedding of 8 numbers " +
            "(the width of the first vector of data/vectors.csv; Monitor vectors, monitors/vectors.yaml:1)");
        run.Error.Should().NotContain("   at ");
    }

    [Fact]
    public async Task A_logged_embedding_of_words_exits_2_naming_file_row_and_column()
    {
        var (folder, store) = await Ingested(MultivariateMonitorData.EmbeddingLog((day, i, line) =>
            day == 0 && i == 0 ? line[..line.IndexOf("\"embedding\"", StringComparison.Ordinal)] + "\"embedding\": \"the quick brown fox\"}" : line));
        using var _ = folder;

        var run = await CliRunner.RunAsync("monitor", "run", folder["repo"], "--store", store, "--format", "json");

        run.ExitCode.Should().Be(2, run.Out);
        run.Error.Should().Contain($"{folder["log.jsonl"]}: row 1, column 'embedding': 'the quick brown fox' is not an embedding of 8 numbers");
    }
}

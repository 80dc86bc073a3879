using System.Text.Json;
using Steward.TestSupport;

namespace Steward.Cli.Tests.Alignment.Monitoring;

/// <summary>
/// End-to-end <c>steward ingest</c> and <c>steward monitor run</c>. Expected values from scipy 1.10.1 /
/// numpy 1.24.2 / pandas 1.5.3, see Steward.Core.Tests.Alignment.Monitoring.MonitoringTests for the expressions.
/// </summary>
public sealed class MonitorCommandTests
{
    [Fact]
    public async Task Ingest_then_monitor_run_reports_the_shifted_days_and_exits_1()
    {
        using var folder = new TempFolder();
        MonitorData.WriteRepository(folder["repo"]);
        var log = folder.Write("log.csv", MonitorData.Log());
        var store = folder["store/steward.duckdb"];

        var ingest = await CliRunner.RunAsync("ingest", "inferences", "--model", "scoring", "--version", "1.0", log, "--store", store);
        ingest.ExitCode.Should().Be(0, ingest.Error);
        ingest.Out.Should().Contain("1000 inferences imported");
        var again = await CliRunner.RunAsync("ingest", "inferences", "--model", "scoring", "--version", "1.0", log, "--store", store);
        again.ExitCode.Should().Be(0);
        again.Out.Should().Contain("already imported").And.Contain("nothing added");

        var run = await CliRunner.RunAsync("monitor", "run", folder["repo"], "--store", store, "--format", "json");
        run.ExitCode.Should().Be(1, run.Error);
        using var json = JsonDocument.Parse(run.Out);
        var monitor = json.RootElement.GetProperty("monitors").EnumerateArray().Single();
        monitor.GetProperty("name").GetString().Should().Be("scoring");
        monitor.GetProperty("version").GetString().Should().Be("1.0");
        var windows = monitor.GetProperty("windows").EnumerateArray().ToList();
        windows.Select(w => w.GetProperty("start").GetString()).Should().Equal(
            "2026-01-05T00:00:00Z", "2026-01-06T00:00:00Z", "2026-01-07T00:00:00Z", "2026-01-08T00:00:00Z", "2026-01-09T00:00:00Z");
        windows.Should().OnlyContain(w => w.GetProperty("rows").GetInt64() == 200);
        windows.Take(3).Should().OnlyContain(w => w.GetProperty("breaches").GetArrayLength() == 0);
        foreach (var w in windows.Skip(3))
        {
            var metrics = w.GetProperty("metrics");
            metrics.GetProperty("drift_share").GetDouble().Should().Be(0.5);
            // scipy.stats.ks_2samp(ref, day.x).pvalue
            metrics.GetProperty("drift.x").GetDouble().Should().BeApproximately(0.0021903445220130095, 1e-12);
            // sr = day.groupby('g').pred.mean(); sr.max() - sr.min()
            metrics.GetProperty("demographic_parity_difference").GetDouble().Should().BeApproximately(0.3, 1e-12);
            w.GetProperty("breaches").EnumerateArray().Select(b => b.GetProperty("metric").GetString())
                .Should().Equal("demographic_parity_difference", "drift_share", "equalized_odds_difference");
        }
        var findings = json.RootElement.GetProperty("findings").EnumerateArray().ToList();
        findings.Should().HaveCount(6);
        var finding = findings.First(f => f.GetProperty("ruleId").GetString() == "monitor/drift_share");
        finding.GetProperty("severity").GetString().Should().Be("error");
        finding.GetProperty("category").GetString().Should().Be("alignment");
        finding.GetProperty("subject").GetProperty("file").GetString().Should().Be("monitors/scoring.yaml");
        finding.GetProperty("subject").GetProperty("kind").GetString().Should().Be("Monitor");
        finding.GetProperty("subject").GetProperty("modelVersion").GetString().Should().Be("1.0");
        finding.GetProperty("evidence").GetProperty("windowStart").GetString().Should().Be("2026-01-08T00:00:00Z");

        var table = await CliRunner.RunAsync("monitor", "run", folder["repo"], "--store", store, "--to", "2026-01-08");
        table.ExitCode.Should().Be(0, table.Error + table.Out);
        table.Out.Should().Contain("3 windows").And.Contain("No breaches.");
    }

    [Fact]
    public async Task A_bad_timestamp_exits_2_and_names_row_and_column()
    {
        using var folder = new TempFolder();
        var log = folder.Write("log.csv", "timestamp,x\n2026-01-01 00:00:00,1\n2026-01-01 01:00:00,2\nnot-a-time,3\n");
        var store = folder["store/steward.duckdb"];

        var result = await CliRunner.RunAsync("ingest", "inferences", "--model", "m", "--version", "1", log, "--store", store);

        result.ExitCode.Should().Be(2);
        result.Error.Should().Contain("log.csv: row 3 (line 4), column 'timestamp': 'not-a-time' is not a timestamp; nothing was imported");
    }

    [Fact]
    public async Task Late_labels_report_how_many_matched()
    {
        using var folder = new TempFolder();
        var log = folder.Write("log.csv", MonitorData.Log(withLabels: false, days: 1));
        var labels = folder.Write("labels.csv", "request_id,label\nr0-0,1\nr0-1,0\nnope,1\n");
        var store = folder["store/steward.duckdb"];
        (await CliRunner.RunAsync("ingest", "inferences", "--model", "scoring", "--version", "1.0", log, "--store", store)).ExitCode.Should().Be(0);

        var result = await CliRunner.RunAsync("ingest", "labels", "--model", "scoring", labels, "--store", store);

        result.ExitCode.Should().Be(0, result.Error);
        result.Out.Should().Contain("2 inferences labelled; 1 request ids matched no inference");
    }

    [Fact]
    public async Task A_remote_reference_exits_2()
    {
        using var folder = new TempFolder();
        MonitorData.WriteRepository(folder["repo"], MonitorData.Monitor.Replace("data/reference.csv", "s3://bucket/ref.parquet"));

        var result = await CliRunner.RunAsync("monitor", "run", folder["repo"], "--store", folder["store/steward.duckdb"]);

        result.ExitCode.Should().Be(2);
        result.Error.Should().Contain("spec.reference: 's3://bucket/ref.parquet' is a URI");
    }
}

using System.Text.Json;
using System.Text.RegularExpressions;
using Steward.Cli.Tests.Golden;
using Steward.TestSupport;

namespace Steward.Cli.Tests.Alignment.Monitoring;

/// <summary>
/// <c>steward monitor report</c> and <c>monitor run --format html</c> over results stored by two runs of
/// <see cref="MonitorData"/> (days 0–2, then days 3–4). Values as in MonitorCommandTests (scipy 1.10.1 /
/// pandas 1.5.3): demographic parity difference 0 on days 0–2 and 0.3 on days 3–4; drift_share 0 then 0.5.
/// </summary>
public sealed partial class MonitorReportTests
{
    [Fact]
    public async Task The_html_report_matches_its_golden_file()
    {
        using var folder = new TempFolder();
        var store = await StoreWithTwoRuns(folder);

        var report = await CliRunner.RunAsync("monitor", "report", folder["repo"], "--store", store, "--format", "html");

        report.ExitCode.Should().Be(0, report.Error);
        GoldenFile.Match("monitor-report.html", report.Out);
    }

    [Fact]
    public async Task The_html_report_is_self_contained_and_plots_every_stored_metric()
    {
        using var folder = new TempFolder();
        var store = await StoreWithTwoRuns(folder);

        var html = (await CliRunner.RunAsync("monitor", "report", folder["repo"], "--store", store, "--format", "html")).Out;

        var references = Reference().Matches(html).Select(m => m.Groups["url"].Value).ToList();
        references.Should().NotBeEmpty("the page links its own sections");
        references.Should().OnlyContain(url => url.StartsWith('#'), "a self-contained page refers only to itself");
        // The SVG namespace is a name, not a location; nothing else may point off the page.
        html.Replace("xmlns=\"http://www.w3.org/2000/svg\"", "", StringComparison.Ordinal).Should().NotContainAny("http://", "https://", "//cdn");
        html.Should().NotContainAny("<script", "<link", "<img", "<iframe", "url(", "@import");
        // 11 stored metrics (4 with thresholds, drift.c, drift.x, demographic_parity_ratio, equal_opportunity_difference,
        // f1, precision, recall): one chart each, with 5 windows each.
        Regex.Count(html, "<polyline ").Should().Be(11);
        Regex.Count(html, "<circle [^>]*r=\"4.5\" fill=\"#b00020\" stroke").Should().Be(6, "six breaches are stored");
    }

    [Fact]
    public async Task Monitor_run_with_format_html_writes_the_same_page_from_the_store()
    {
        using var folder = new TempFolder();
        var store = await StoreWithTwoRuns(folder);
        var report = await CliRunner.RunAsync("monitor", "report", folder["repo"], "--store", store, "--format", "html");

        var run = await CliRunner.RunAsync("monitor", "run", folder["repo"], "--store", store, "--format", "html");

        run.ExitCode.Should().Be(1, "days 3 and 4 breach");
        run.Out.Should().Be(report.Out);
    }

    [Fact]
    public async Task Json_and_table_summarise_each_metric_over_the_stored_windows()
    {
        using var folder = new TempFolder();
        var store = await StoreWithTwoRuns(folder);

        var json = await CliRunner.RunAsync("monitor", "report", folder["repo"], "--store", store, "--format", "json");
        var table = await CliRunner.RunAsync("monitor", "report", folder["repo"], "--store", store);
        var range = await CliRunner.RunAsync("monitor", "report", folder["repo"], "--store", store, "--format", "json", "--from", "2026-01-06", "--to", "2026-01-08");

        json.ExitCode.Should().Be(0, json.Error);
        using var document = JsonDocument.Parse(json.Out);
        var monitor = document.RootElement.GetProperty("monitors").EnumerateArray().Single();
        monitor.GetProperty("windows").GetArrayLength().Should().Be(5);
        var dpd = monitor.GetProperty("summary").EnumerateArray().Single(s => s.GetProperty("metric").GetString() == "demographic_parity_difference");
        dpd.GetProperty("threshold").GetString().Should().Be("≤ 0.1");
        dpd.GetProperty("windows").GetInt32().Should().Be(5);
        dpd.GetProperty("breaches").GetInt32().Should().Be(2);
        dpd.GetProperty("latest").GetDouble().Should().BeApproximately(0.3, 1e-12);
        dpd.GetProperty("min").GetDouble().Should().BeApproximately(0.0, 1e-12);
        dpd.GetProperty("last_breach").GetString().Should().Be("2026-01-09T00:00:00Z");
        var last = monitor.GetProperty("windows")[4];
        last.GetProperty("breaches").EnumerateArray().Select(b => b.GetProperty("metric").GetString())
            .Should().Equal("demographic_parity_difference", "drift_share", "equalized_odds_difference");

        table.ExitCode.Should().Be(0, table.Error);
        table.Out.Should().Contain("Monitor scoring (model scoring 1.0, daily): 5 windows from 2026-01-05 to 2026-01-09, 6 breach(es)");
        table.Out.Split('\n').Should().OnlyContain(line => line.Length <= 100);
        table.Out.Split('\n').Should().Contain(line => line.Contains("drift_share") && line.Contains("≤ 0.3") && line.Contains("2026-01-09"));

        using var ranged = JsonDocument.Parse(range.Out);
        ranged.RootElement.GetProperty("monitors")[0].GetProperty("windows").EnumerateArray()
            .Select(w => w.GetProperty("start").GetString()).Should().Equal("2026-01-06T00:00:00Z", "2026-01-07T00:00:00Z");
    }

    [Fact]
    public async Task A_threshold_changed_between_runs_is_drawn_as_a_step_and_each_window_keeps_its_verdict()
    {
        using var folder = new TempFolder();
        MonitorData.WriteRepository(folder["repo"]);
        var log = folder.Write("log.csv", MonitorData.Log());
        var store = folder["store/steward.duckdb"];
        (await CliRunner.RunAsync("ingest", "inferences", "--model", "scoring", "--version", "1.0", log, "--store", store)).ExitCode.Should().Be(0);
        (await CliRunner.RunAsync("monitor", "run", folder["repo"], "--store", store, "--to", "2026-01-08")).ExitCode.Should().Be(0);
        // The team loosens drift_share to ≤ 0.6 before the shifted days are evaluated: 0.5 no longer breaches.
        MonitorData.WriteRepository(folder["repo"], MonitorData.Monitor.Replace("drift_share: {max: 0.3}", "drift_share: {max: 0.6}"));
        (await CliRunner.RunAsync("monitor", "run", folder["repo"], "--store", store, "--from", "2026-01-08")).ExitCode.Should().Be(1);

        var html = (await CliRunner.RunAsync("monitor", "report", folder["repo"], "--store", store, "--format", "html")).Out;
        var json = (await CliRunner.RunAsync("monitor", "report", folder["repo"], "--store", store, "--format", "json")).Out;

        var chart = html[html.IndexOf("<h3 id=\"metric-scoring-drift_share\">", StringComparison.Ordinal)..];
        chart = chart[..chart.IndexOf("</svg>", StringComparison.Ordinal)];
        chart.Should().Contain("<title>max (changed between runs)</title>").And.Contain(">max 0.6</text>");
        chart.Should().NotContain("fill=\"#b00020\" stroke", "no window breached the bound it was judged by");
        using var document = JsonDocument.Parse(json);
        var summary = document.RootElement.GetProperty("monitors")[0].GetProperty("summary").EnumerateArray()
            .Single(s => s.GetProperty("metric").GetString() == "drift_share");
        summary.GetProperty("threshold").GetString().Should().Be("≤ 0.6", "the latest window's threshold");
        summary.GetProperty("breaches").GetInt32().Should().Be(0);
    }

    [Fact]
    public async Task A_missing_store_exits_2_without_creating_one()
    {
        using var folder = new TempFolder();
        MonitorData.WriteRepository(folder["repo"]);

        var result = await CliRunner.RunAsync("monitor", "report", folder["repo"], "--store", folder["nowhere/steward.duckdb"]);

        result.ExitCode.Should().Be(2);
        result.Error.Should().Contain("nowhere/steward.duckdb: no Steward store");
        Directory.Exists(folder["nowhere"]).Should().BeFalse();
    }

    /// <summary>A store whose results come from two runs: days 0–2, then days 3–4.</summary>
    private static async Task<string> StoreWithTwoRuns(TempFolder folder)
    {
        MonitorData.WriteRepository(folder["repo"]);
        var log = folder.Write("log.csv", MonitorData.Log());
        var store = folder["store/steward.duckdb"];
        (await CliRunner.RunAsync("ingest", "inferences", "--model", "scoring", "--version", "1.0", log, "--store", store)).ExitCode.Should().Be(0);
        (await CliRunner.RunAsync("monitor", "run", folder["repo"], "--store", store, "--to", "2026-01-08")).ExitCode.Should().Be(0);
        (await CliRunner.RunAsync("monitor", "run", folder["repo"], "--store", store, "--from", "2026-01-08")).ExitCode.Should().Be(1);
        return store;
    }

    [GeneratedRegex("""(?:src|href)\s*=\s*["']?(?<url>[^"'\s>]*)""", RegexOptions.IgnoreCase)]
    private static partial Regex Reference();
}

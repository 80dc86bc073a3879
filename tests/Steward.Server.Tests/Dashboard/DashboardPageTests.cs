using System.Globalization;
using System.Net;
using System.Text.Json;
using System.Text.RegularExpressions;
using Steward.Server.Tests.Support;

namespace Steward.Server.Tests.Dashboard;

/// <summary>
/// Each dashboard page over a real server (open mode) and the CLI-filled store of <see cref="DashboardFixture"/>:
/// status, content type, the security headers, values HTML-encoded (a model named <c>&lt;script&gt;</c>), and
/// the numbers the CLI prints for the same store (its JSON, written with the tables' format #,##0.00####).
/// </summary>
public sealed partial class DashboardPageTests(DashboardFixture fixture) : IClassFixture<DashboardFixture>
{
    private const string Csp = "default-src 'none'; style-src 'self'; script-src 'self'; img-src 'self'; connect-src 'self'; form-action 'self'; frame-ancestors 'none'; base-uri 'none'";

    public static TheoryData<string> Pages => new()
    {
        "/", "/findings", "/findings?severity=error&model=credit-scoring", "/models", "/models/credit-scoring", "/models/%3Cscript%3Ealert(1)%3C%2Fscript%3E",
        "/costs", "/costs?group-by=ServiceName", "/costs?group-by=team&key=(none)", "/budgets", "/audit", "/source?file=monitors%2Fcredit-scoring.yaml",
    };

    [Theory]
    [MemberData(nameof(Pages))]
    public async Task Each_page_is_html_with_a_strict_content_security_policy_and_no_inline_script(string path)
    {
        await using var server = await RunningServer.StartAsync(fixture.Options());
        using var client = server.Client();
        using var response = await client.GetAsync(path, TestContext.Current.CancellationToken);
        var body = await response.Content.ReadAsStringAsync(TestContext.Current.CancellationToken);

        response.StatusCode.Should().Be(HttpStatusCode.OK, body);
        response.Content.Headers.ContentType!.ToString().Should().Be("text/html; charset=utf-8");
        response.Headers.GetValues("Content-Security-Policy").Single().Should().Be(Csp);
        response.Headers.GetValues("X-Content-Type-Options").Single().Should().Be("nosniff");
        response.Headers.GetValues("X-Frame-Options").Single().Should().Be("DENY");
        ScriptTags().Matches(body).Select(m => m.Value).Should().Equal("<script src=\"/dashboard/site.js\" defer>");
        body.Should().NotContain(" style=").And.NotContain("<style").And.NotContain("<img").And.NotContain("src=\"http").And.NotContain("href=\"http");
    }

    [Theory]
    [InlineData("..%2F..%2F..%2Fetc%2Fpasswd")]
    [InlineData("%2Fetc%2Fpasswd")]
    [InlineData("steward.yaml%2F..%2F..%2Fsteward.yaml")]
    public async Task The_source_page_shows_only_files_the_revision_read(string file)
    {
        await using var server = await RunningServer.StartAsync(fixture.Options());
        using var client = server.Client();
        using var response = await client.GetAsync("/source?file=" + file, TestContext.Current.CancellationToken);
        var body = await response.Content.ReadAsStringAsync(TestContext.Current.CancellationToken);

        response.StatusCode.Should().Be(HttpStatusCode.NotFound);
        body.Should().Contain("The revision holds no file").And.NotContain("root:");
    }

    [Fact]
    public async Task Hostile_names_from_the_repository_are_encoded_on_every_page_that_shows_them()
    {
        await using var server = await RunningServer.StartAsync(fixture.Options());
        foreach (var path in new[] { "/models", "/models/" + Uri.EscapeDataString(DashboardFixture.HostileModel), "/findings", "/findings?model=" + Uri.EscapeDataString(DashboardFixture.HostileModel) })
        {
            var body = await server.GetTextAsync(path);
            body.Should().Contain("&lt;script&gt;alert(1)&lt;/script&gt;", path).And.NotContain(DashboardFixture.HostileModel, path);
            body.Should().NotContain(DashboardFixture.HostileOwner, path);
        }
        (await server.GetTextAsync("/models/" + Uri.EscapeDataString(DashboardFixture.HostileModel)))
            .Should().Contain("&lt;img src=x onerror=alert(2)&gt;", "the owner is shown, as text");
    }

    [Fact]
    public async Task The_overview_shows_the_verdict_and_counts_of_check_with_the_store_and_the_month_to_date_cost_of_cost_report()
    {
        var check = await fixture.CliJson("check", fixture.Repository);
        var month = await fixture.CliJson("cost", "report", "--group-by", "team", "--from", "2024-09-01", "--to", "2024-09-20", "--repo", fixture.Repository);
        await using var server = await RunningServer.StartAsync(fixture.Options());

        var body = await server.GetTextAsync("/");

        var summary = check.GetProperty("summary");
        summary.GetProperty("passed").GetBoolean().Should().BeFalse("the monitor breaches of the store are errors");
        Text(body, "verdict").Should().Be("FAILED");
        Text(body, "count-errors").Should().Be(summary.GetProperty("errors").GetInt32().ToString(CultureInfo.InvariantCulture));
        Text(body, "count-warnings").Should().Be(summary.GetProperty("warnings").GetInt32().ToString(CultureInfo.InvariantCulture));
        Text(body, "count-infos").Should().Be(summary.GetProperty("infos").GetInt32().ToString(CultureInfo.InvariantCulture));
        Text(body, "count-total").Should().Be(summary.GetProperty("total").GetInt32().ToString(CultureInfo.InvariantCulture));
        Text(body, "mtd-total").Should().Be(Display(month.GetProperty("total").GetDecimal()));
        body.Should().Contain("<a href=\"/models/credit-scoring\">credit-scoring</a>", "credit-scoring's monitor has open breaches");
        body.Should().Contain("id=\"revision\"");
    }

    [Fact]
    public async Task The_costs_page_shows_the_rows_and_total_of_cost_report_and_drills_down_to_the_next_dimension()
    {
        var byService = await fixture.CliJson("cost", "report", "--group-by", "ServiceName", "--repo", fixture.Repository);
        var byServiceTeam = await fixture.CliJson("cost", "report", "--group-by", "ServiceName,team", "--repo", fixture.Repository);
        await using var server = await RunningServer.StartAsync(fixture.Options());

        var body = await server.GetTextAsync("/costs?group-by=ServiceName");
        foreach (var row in byService.GetProperty("rows").EnumerateArray())
            body.Should().Contain($">{WebUtility.HtmlEncode(Key(row, "ServiceName"))}</a></td><td class=\"n\">{Display(row.GetProperty("cost").GetDecimal())}</td>");
        body.Should().Contain($"<th>total</th><th class=\"n\">{Display(byService.GetProperty("total").GetDecimal())}</th>");

        var top = byService.GetProperty("rows")[0];
        var service = Key(top, "ServiceName");
        var drilled = await server.GetTextAsync("/costs?group-by=ServiceName&key=" + Uri.EscapeDataString(service));
        var parts = byServiceTeam.GetProperty("rows").EnumerateArray().Where(r => Key(r, "ServiceName") == service).ToList();
        parts.Should().NotBeEmpty();
        foreach (var part in parts)
            drilled.Should().Contain($"<td>{WebUtility.HtmlEncode(Key(part, "team"))}</td><td class=\"n\">{Display(part.GetProperty("cost").GetDecimal())}</td>");
        drilled.Should().Contain($"<th>subtotal</th><th></th><th class=\"n\">{Display(top.GetProperty("cost").GetDecimal())}</th>", "the parts add up to the row drilled into");
    }

    [Fact]
    public async Task The_costs_page_shows_the_forecast_and_anomalies_of_the_cli()
    {
        var forecast = await fixture.CliJson("cost", "forecast", "--horizon", "30", "--repo", fixture.Repository);
        var anomalies = await fixture.CliJson("cost", "anomalies", "--repo", fixture.Repository);
        await using var server = await RunningServer.StartAsync(fixture.Options());

        var body = await server.GetTextAsync("/costs");

        Text(body, "forecast-total").Should().Be(Display(forecast.GetProperty("total").GetDouble()));
        var points = forecast.GetProperty("forecast").EnumerateArray().ToList();
        points.Should().HaveCount(30);
        foreach (var p in points)
            body.Should().Contain($"<td>{p.GetProperty("date").GetString()}</td><td class=\"n\">{Display(p.GetProperty("cost").GetDouble())}</td><td class=\"n\">{Display(p.GetProperty("lower").GetDouble())}</td>");
        var count = anomalies.GetProperty("anomalies").GetArrayLength();
        Text(body, "anomaly-count").Should().Be(count == 0 ? "no cost anomalies" : $"{count} anomalies ({anomalies.GetProperty("metric").GetString()}, {anomalies.GetProperty("currency").GetString()})");
    }

    [Fact]
    public async Task The_budgets_page_shows_the_amounts_of_cost_budgets_for_the_month()
    {
        var budgets = await fixture.CliJson("cost", "budgets", fixture.Repository, "--month", "2024-09");
        await using var server = await RunningServer.StartAsync(fixture.Options());

        var body = await server.GetTextAsync("/budgets");

        var list = budgets.GetProperty("budgets").EnumerateArray().ToList();
        list.Should().HaveCount(3, "examples/governance/budgets/teams.yaml holds three budgets");
        foreach (var b in list)
            body.Should().Contain($"<td>{b.GetProperty("name").GetString()}</td>").And
                .Contain($"<td class=\"n\">{Display(b.GetProperty("amount").GetDecimal())}</td><td class=\"n\">{Display(b.GetProperty("actual").GetDecimal())}</td><td class=\"n\">{Display(b.GetProperty("forecast").GetDecimal())}</td>");
    }

    [Fact]
    public async Task The_model_page_shows_the_monitor_report_summary_and_a_chart_per_metric()
    {
        var report = await fixture.CliJson("monitor", "report", fixture.Repository);
        await using var server = await RunningServer.StartAsync(fixture.Options());

        var body = await server.GetTextAsync("/models/credit-scoring");

        var monitor = report.GetProperty("monitors").EnumerateArray().Single(m => m.GetProperty("name").GetString() == "credit-scoring");
        var windows = monitor.GetProperty("windows").GetArrayLength();
        windows.Should().Be(5, "the example log covers 2026-03-02..06");
        body.Should().Contain("5 windows from 2026-03-02 to 2026-03-06, 6 breach(es)");
        body.Should().Contain("<span class=\"bad\">2 of 5</span>", "accuracy, parity and drift share breach on the last two days");
        Regex.Count(body, "<svg xmlns=\"http://www.w3.org/2000/svg\"").Should().BeGreaterThanOrEqualTo(4);
        body.Should().Contain("stroke-dasharray=\"5 4\"", "thresholds are drawn");
    }

    [Fact]
    public async Task The_findings_page_filters_by_rule_severity_team_and_model_and_links_each_finding_to_its_file_and_line()
    {
        var check = await fixture.CliJson("check", fixture.Repository);
        await using var server = await RunningServer.StartAsync(fixture.Options());

        var all = check.GetProperty("findings").EnumerateArray().ToList();
        var breaches = all.Where(f => f.GetProperty("ruleId").GetString()!.StartsWith("monitor/", StringComparison.Ordinal)).ToList();
        breaches.Should().HaveCount(3, "the open breaches: each breaching metric's latest window");
        var body = await server.GetTextAsync("/findings?rule=monitor%2Faccuracy&severity=error&team=risk&model=credit-scoring");
        Text(body, "total-count").Should().Be(all.Count.ToString(CultureInfo.InvariantCulture));
        Text(body, "match-count").Should().Be("1", "accuracy's open breach");
        body.Should().Contain("<a href=\"/source?file=monitors%2Fcredit-scoring.yaml#L");

        var none = await server.GetTextAsync("/findings?team=nobody");
        Text(none, "match-count").Should().Be("0");
        var source = await server.GetTextAsync("/source?file=monitors%2Fcredit-scoring.yaml");
        source.Should().Contain("<span id=\"L1\" data-n=\"1\">");
    }

    [Fact]
    public async Task The_audit_page_shows_the_verification_of_audit_verify_and_the_entries()
    {
        var verify = await fixture.CliJson("audit", "verify");
        await using var server = await RunningServer.StartAsync(fixture.Options());

        var body = await server.GetTextAsync("/audit");

        verify.GetProperty("ok").GetBoolean().Should().BeTrue();
        Text(body, "audit-verification").Should().StartWith($"{verify.GetProperty("verified").GetInt32()} entries verified");
        body.Should().Contain("<td>check</td>");
    }

    [Fact]
    public async Task A_file_the_revision_does_not_hold_is_not_shown()
    {
        await using var server = await RunningServer.StartAsync(fixture.Options());
        (await server.GetAsync("/source?file=..%2F..%2Fetc%2Fpasswd")).Status.Should().Be(404);
        (await server.GetAsync("/source?file=%2Fetc%2Fpasswd")).Status.Should().Be(404);
        (await server.GetAsync("/models/no-such-model")).Status.Should().Be(404);
    }

    /// <summary>How the CLI's tables write amounts (Money.Display).</summary>
    private static string Display(decimal value) => value.ToString("#,##0.00####", CultureInfo.InvariantCulture);

    private static string Display(double value) => value.ToString("#,##0.00##", CultureInfo.InvariantCulture);

    private static string Key(JsonElement row, string dimension) => row.GetProperty("keys").GetProperty(dimension).GetString() ?? "(none)";

    /// <summary>The text of the element with the id (tags removed, entities decoded).</summary>
    internal static string Text(string html, string id)
    {
        var match = Regex.Match(html, $"id=\"{Regex.Escape(id)}\"[^>]*>(.*?)</(span|p|div|strong|code)>", RegexOptions.Singleline);
        match.Success.Should().BeTrue($"the page has an element #{id}");
        return WebUtility.HtmlDecode(Regex.Replace(match.Groups[1].Value, "<[^>]+>", ""));
    }

    [GeneratedRegex("<script[^>]*>")]
    private static partial Regex ScriptTags();
}

using System.Globalization;
using System.Text.Json;
using System.Text.RegularExpressions;
using Microsoft.Playwright;
using Steward.Server.Tests.Support;

namespace Steward.Server.Tests.Dashboard;

/// <summary>
/// The dashboard in a real browser: Microsoft.Playwright (its driver ships in the NuGet package) drives
/// Debian's chromium (/usr/bin/chromium, installed by scripts/ensure-chromium.sh, which scripts/test.sh
/// runs). Pages are loaded from a server over the CLI-filled store of <see cref="DashboardFixture"/>, the
/// numbers read from the DOM equal the CLI's JSON for the same store (written as its tables write them), a
/// filter of /findings is used, and no page logs an error to the console (a CSP violation would). With
/// STEWARD_DASHBOARD_SCREENSHOTS=DIR the pages are also saved there as PNG (scripts/dashboard-screenshots.sh).
/// </summary>
public sealed class DashboardBrowserTests(DashboardFixture fixture) : IClassFixture<DashboardFixture>
{
    public const string Chromium = "/usr/bin/chromium";

    [Fact]
    public async Task Pages_show_the_numbers_of_the_cli_the_findings_filter_works_and_no_page_logs_an_error()
    {
        File.Exists(Chromium).Should().BeTrue("the browser tests drive Debian's chromium: run scripts/test-tools.sh (scripts/test.sh does)");
        var check = await fixture.CliJson("check", fixture.Repository);
        var month = await fixture.CliJson("cost", "report", "--group-by", "team", "--from", "2024-09-01", "--to", "2024-09-20", "--repo", fixture.Repository);
        var byTeam = await fixture.CliJson("cost", "report", "--group-by", "team", "--repo", fixture.Repository);
        var forecast = await fixture.CliJson("cost", "forecast", "--horizon", "30", "--repo", fixture.Repository);
        var budgets = await fixture.CliJson("cost", "budgets", fixture.Repository, "--month", "2024-09");
        var verify = await fixture.CliJson("audit", "verify");
        await using var server = await RunningServer.StartAsync(fixture.Options());

        using var playwright = await Playwright.CreateAsync();
        // --no-sandbox: CI containers run as root, where chromium's sandbox cannot start.
        var browser = await playwright.Chromium.LaunchAsync(new BrowserTypeLaunchOptions { ExecutablePath = Chromium, Headless = true, Args = ["--no-sandbox"] });
        var context = await browser.NewContextAsync(new BrowserNewContextOptions { ViewportSize = new ViewportSize { Width = 1280, Height = 900 } });
        var page = await context.NewPageAsync();
        var errors = new List<string>();
        page.Console += (_, message) => { if (message.Type == "error") lock (errors) errors.Add(message.Text); };
        page.PageError += (_, error) => { lock (errors) errors.Add(error); };
        var screenshots = Environment.GetEnvironmentVariable("STEWARD_DASHBOARD_SCREENSHOTS");

        async Task Open(string path, string? shot)
        {
            var response = await page.GotoAsync(new Uri(server.Address, path).ToString());
            response!.Status.Should().Be(200, path);
            if (screenshots is { Length: > 0 } && shot is not null)
                await page.ScreenshotAsync(new PageScreenshotOptions { Path = Path.Combine(screenshots, shot + ".png"), FullPage = true });
        }
        async Task<string> Text(string selector) => (await page.Locator(selector).First.InnerTextAsync()).Trim();

        // Overview: the check's verdict and counts, the month's cost.
        await Open("/", "overview");
        var summary = check.GetProperty("summary");
        (await Text("#verdict")).Should().Be(summary.GetProperty("passed").GetBoolean() ? "PASSED" : "FAILED");
        (await Text("#count-errors")).Should().Be(I(summary.GetProperty("errors").GetInt32()));
        (await Text("#count-warnings")).Should().Be(I(summary.GetProperty("warnings").GetInt32()));
        (await Text("#count-total")).Should().Be(I(summary.GetProperty("total").GetInt32()));
        (await Text("#mtd-total")).Should().Be(Display(month.GetProperty("total").GetDecimal()));

        // Findings: a filter chosen in the form (the script submits it) narrows the list.
        await Open("/findings", "findings");
        (await Text("#total-count")).Should().Be(I(check.GetProperty("findings").GetArrayLength()));
        await page.Locator("#filter-rule").SelectOptionAsync("monitor/accuracy");
        await Assertions.Expect(page).ToHaveURLAsync(new Regex("/findings\\?rule=monitor%2Faccuracy"));
        var accuracy = check.GetProperty("findings").EnumerateArray().Count(f => f.GetProperty("ruleId").GetString() == "monitor/accuracy");
        // The expectation above polls the URL: the script's submit navigates after SelectOptionAsync returns.
        await page.WaitForLoadStateAsync(LoadState.Load);
        (await Text("#match-count")).Should().Be(I(accuracy));
        (await page.Locator("#findings tbody tr").CountAsync()).Should().Be(accuracy);
        await page.Locator("#findings tbody tr a").First.ClickAsync();
        await Assertions.Expect(page).ToHaveURLAsync(new Regex("/source\\?file=monitors%2Fcredit-scoring\\.yaml#L[0-9]+$"));

        // Costs by team: every row and the total.
        await Open("/costs", "costs");
        var rows = await page.Locator("#cost-report tbody tr").AllAsync();
        var expected = byTeam.GetProperty("rows").EnumerateArray().ToList();
        rows.Should().HaveCount(expected.Count);
        for (var i = 0; i < expected.Count; i++)
        {
            var cells = await rows[i].Locator("td").AllInnerTextsAsync();
            cells[0].Should().Be(expected[i].GetProperty("keys").GetProperty("team").GetString() ?? "(none)");
            cells[1].Should().Be(Display(expected[i].GetProperty("cost").GetDecimal()));
        }
        (await Text("#cost-report tfoot th.n")).Should().Be(Display(byTeam.GetProperty("total").GetDecimal()));
        (await Text("#forecast-total")).Should().Be(Display(forecast.GetProperty("total").GetDouble()));
        await page.Locator("#cost-report tbody tr a").First.ClickAsync();
        await Assertions.Expect(page).ToHaveURLAsync(new Regex("/costs\\?group-by=team&key="));

        // Models, a model's monitors with charts, budgets, audit.
        await Open("/models", "models");
        await Open("/models/credit-scoring", "model");
        (await page.Locator("svg[role=img]").CountAsync()).Should().BeGreaterThanOrEqualTo(4);
        await Open("/budgets", "budgets");
        foreach (var b in budgets.GetProperty("budgets").EnumerateArray())
        {
            var row = page.Locator("#budgets tbody tr", new PageLocatorOptions { HasText = b.GetProperty("name").GetString() }).First;
            var cells = await row.Locator("td").AllInnerTextsAsync();
            cells[2].Should().Be(Display(b.GetProperty("amount").GetDecimal()));
            cells[3].Should().Be(Display(b.GetProperty("actual").GetDecimal()));
        }
        await Open("/audit", "audit");
        (await Text("#audit-verification")).Should().StartWith($"{I(verify.GetProperty("verified").GetInt32())} entries verified");

        errors.Should().BeEmpty();
        try
        {
            await browser.CloseAsync();
        }
        catch (TimeoutException)
        {
            // Chromium's shutdown can outlast Playwright's 30 s on a loaded machine; disposing the driver ends it.
        }
    }

    private static string I(int value) => value.ToString(CultureInfo.InvariantCulture);

    private static string Display(decimal value) => value.ToString("#,##0.00####", CultureInfo.InvariantCulture);

    private static string Display(double value) => value.ToString("#,##0.00##", CultureInfo.InvariantCulture);
}

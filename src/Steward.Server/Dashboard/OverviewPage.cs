using System.Globalization;
using System.Text;
using Microsoft.AspNetCore.Http;
using Steward.Core.Alignment.Monitoring;
using Steward.Core.Application.Costs;
using Steward.Core.FinOps.Reports;
using Steward.Server.Revisions;
using static Steward.Server.Dashboard.Html;

namespace Steward.Server.Dashboard;

/// <summary>
/// <c>/</c>: the verdict of the revision served (as <c>steward check --store</c>), its open findings by
/// severity, the month's cost so far (<c>cost report --group-by team --from MONTH-01 --to TODAY</c>) and
/// the budgets (<c>cost budgets</c>), and the models whose monitors have open breaches.
/// </summary>
internal static class OverviewPage
{
    public static IResult Render(HttpContext http, ServedRevision revision, DashboardData data)
    {
        var html = new StringBuilder();
        html.Append("<h1>Overview</h1>\n");
        var findings = data.Get(revision, "findings", () => FindingsSnapshot.Of(revision, data));
        if (findings.Value is { } snapshot)
        {
            var result = snapshot.Result;
            var s = result.Summary;
            html.Append("<p>Revision <code>").Append(E(revision.Id)).Append("</code>, loaded ")
                .Append(E(revision.LoadedAt.UtcDateTime.ToString("yyyy-MM-dd HH:mm:ss 'UTC'", CultureInfo.InvariantCulture))).Append(": ")
                .Append(result.HasErrors ? "<span class=\"verdict bad\" id=\"verdict\">FAILED</span>" : "<span class=\"verdict good\" id=\"verdict\">PASSED</span>").Append("</p>\n");
            html.Append("<div class=\"cards\">");
            Card(html, "errors", "errors", s.Errors, Href("/findings", ("severity", "critical,error")));
            Card(html, "warnings", "warnings", s.Warnings, Href("/findings", ("severity", "warning")));
            Card(html, "infos", "infos", s.Infos, Href("/findings", ("severity", "info")));
            Card(html, "total", "open findings", s.Total, "/findings");
            html.Append("</div>\n");

            var breached = snapshot.Rows.Where(r => r.Finding.RuleId.StartsWith(MonitorFindings.RulePrefix, StringComparison.Ordinal) && r.Model is not null)
                .GroupBy(r => r.Model!, StringComparer.Ordinal).OrderBy(g => g.Key, StringComparer.Ordinal).ToList();
            html.Append("<h2>Models in breach</h2>\n");
            if (breached.Count == 0)
                html.Append("<p id=\"models-in-breach\" class=\"good\">No open monitor breaches.</p>\n");
            else
                Table(html, ["model", "#open breaches", "rules"], breached.Select(g => (IReadOnlyList<string>)
                    [$"<a href=\"/models/{E(Segment(g.Key))}\">{E(g.Key)}</a>", N(g.Count()),
                     E(string.Join(", ", g.Select(r => r.Finding.RuleId).Distinct(StringComparer.Ordinal).Order(StringComparer.Ordinal)))]), "models-in-breach");
        }
        else
        {
            html.Append("<p class=\"bad\">").Append(E(findings.Error)).Append("</p>\n");
        }

        var today = DateOnly.FromDateTime(data.Today);
        var monthStart = new DateOnly(today.Year, today.Month, 1);
        html.Append("<h2>Cost this month</h2>\n");
        if (!data.StoreExists)
        {
            html.Append("<p class=\"muted\">No store yet: import costs with <code>steward cost import</code>.</p>\n");
        }
        else
        {
            var from = Formats.Date(monthStart);
            var to = Formats.Date(today);
            var month = data.Get(revision, $"mtd:{from}:{to}", () => data.Application.CostReport.Run(new CostReportRequest(data.Store, "team") { From = from, To = to, Repository = revision.Repository }));
            if (month.Value is { } report)
            {
                html.Append("<p>From ").Append(from).Append(" to ").Append(to).Append(": <strong id=\"mtd-total\">").Append(E(Formats.Money(report.Total))).Append("</strong> ")
                    .Append(E(report.Currency ?? "")).Append(" (").Append(E(report.Metric)).Append(") · <a href=\"").Append(Href("/costs", ("group-by", "team"), ("from", from), ("to", to))).Append("\">by team</a></p>\n");
            }
            else
            {
                html.Append("<p class=\"bad\">").Append(E(month.Error)).Append("</p>\n");
            }
            var budgets = BudgetsPage.Evaluate(revision, data, BudgetsPage.Month(data));
            if (budgets.Value is { } outcome)
                BudgetsPage.Table(html, outcome.Statuses, compact: true);
            else
                html.Append("<p class=\"bad\">").Append(E(budgets.Error)).Append("</p>\n");
        }
        return Layout.Page(http, "Overview", "/", revision, html.ToString());
    }

    private static void Card(StringBuilder html, string id, string label, int value, string href) =>
        html.Append("<a class=\"card\" href=\"").Append(href).Append("\"><div class=\"label\">").Append(E(label))
            .Append("</div><div class=\"value\" id=\"count-").Append(id).Append("\">").Append(N(value)).Append("</div></a>");
}

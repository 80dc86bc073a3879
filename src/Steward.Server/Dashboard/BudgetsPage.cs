using System.Globalization;
using System.Text;
using Microsoft.AspNetCore.Http;
using Steward.Core.Application.Costs;
using Steward.Core.FinOps.Budgets;
using Steward.Core.Findings;
using Steward.Server.Revisions;
using static Steward.Server.Dashboard.Html;

namespace Steward.Server.Dashboard;

/// <summary><c>/budgets?month=YYYY-MM</c>: the repository's budgets against the month's allocated spend, as <c>steward cost budgets --month</c>.</summary>
internal static class BudgetsPage
{
    public static IResult Render(HttpContext http, ServedRevision revision, DashboardData data)
    {
        var month = http.Request.Query["month"].ToString() is { Length: > 0 } asked ? asked : Month(data);
        var html = new StringBuilder();
        html.Append("<h1>Budgets</h1>\n<form class=\"filters\" method=\"get\" action=\"/budgets\"><label>month<input name=\"month\" value=\"")
            .Append(E(month)).Append("\" pattern=\"[0-9]{4}-[0-9]{2}\"></label><button type=\"submit\">show</button></form>\n");
        if (!data.StoreExists)
        {
            html.Append("<p class=\"muted\">No store yet: import usage with <code>steward cost import-usage</code>.</p>\n");
        }
        else
        {
            var budgets = Evaluate(revision, data, month);
            if (budgets.Value is { } outcome)
            {
                html.Append("<p>").Append(E(month)).Append(": ").Append(outcome.Exceeded ? "<span class=\"bad\">a budget is exceeded</span>" : "no budget exceeded").Append("</p>\n");
                Table(html, outcome.Statuses, compact: false);
            }
            else
            {
                html.Append("<p class=\"bad\">").Append(E(budgets.Error)).Append("</p>\n");
            }
        }
        return Layout.Page(http, "Budgets", "/budgets", revision, html.ToString());
    }

    /// <summary>The current month by the server's clock, as <c>cost budgets</c> takes it without --month.</summary>
    public static string Month(DashboardData data) => data.Today.ToString("yyyy-MM", CultureInfo.InvariantCulture);

    public static Section<BudgetOutcome> Evaluate(ServedRevision revision, DashboardData data, string month) =>
        data.Get(revision, "budgets:" + month, () => data.Application.Budgets.Run(new BudgetRequest(data.Store, revision.Repository) { Month = month }));

    /// <summary>The table of <c>cost budgets</c> (its columns and numbers), with the budget's file linked.</summary>
    public static void Table(StringBuilder html, IReadOnlyList<BudgetStatus> statuses, bool compact)
    {
        Html.Table(html, ["budget", "file:line", "#amount", "#actual", "#forecast", "#days left", "status"], statuses.Select(s => (IReadOnlyList<string>)
        [
            E(s.Budget.Name),
            SourcePage.Link(s.Budget.Object.Location.File, s.Budget.Object.Location.Line),
            E(Formats.Money(s.MonthlyAmount)), E(Formats.Money(s.Actual)), E(Formats.Money(s.Forecast)), N(s.DaysLeft),
            $"<span class=\"{(s.Finding is { } f ? Formats.Severity(f.Severity) : "good")}\">{E(Formats.BudgetStatus(s))}</span>",
        ]), "budgets");
        if (compact) return;
        foreach (var f in statuses.Select(s => s.Finding).OfType<Finding>())
            html.Append("<p class=\"").Append(Formats.Severity(f.Severity)).Append("\">").Append(E(Formats.Severity(f.Severity))).Append(' ').Append(E(f.RuleId)).Append(' ')
                .Append(E($"{f.Subject.File}:{f.Subject.Line}")).Append(": ").Append(E(f.Message)).Append("</p>\n");
    }
}

using System.Text;
using Microsoft.AspNetCore.Http;
using Steward.Server.Revisions;
using static Steward.Server.Dashboard.Html;

namespace Steward.Server.Dashboard;

/// <summary>
/// <c>/findings?rule=&amp;severity=&amp;team=&amp;model=&amp;page=</c>: the findings of <c>GET /api/v1/findings</c> (the check
/// of the revision served with the store's open monitor breaches), filtered (severity takes a comma-separated
/// list), in the check's order, <see cref="PageSize"/> a page, each linked to its file and line.
/// </summary>
internal static class FindingsPage
{
    public const int PageSize = 100;

    public static IResult Render(HttpContext http, ServedRevision revision, DashboardData data)
    {
        var query = http.Request.Query;
        string? Param(string name) => query[name].ToString() is { Length: > 0 } v ? v : null;
        var (rule, severity, team, model) = (Param("rule"), Param("severity"), Param("team"), Param("model"));
        var page = int.TryParse(Param("page"), out var p) && p > 0 ? p : 1;

        var html = new StringBuilder("<h1>Findings</h1>\n");
        var findings = data.Get(revision, "findings", () => FindingsSnapshot.Of(revision, data));
        if (findings.Value is not { } snapshot)
        {
            html.Append("<p class=\"bad\">").Append(E(findings.Error)).Append("</p>\n");
            return Layout.Page(http, "Findings", "/findings", revision, html.ToString());
        }
        var choices = data.Get(revision, "findings:choices", () => new Choices(
            Distinct(snapshot.Rows.Select(r => r.Finding.RuleId)), ["critical", "error", "warning", "info"],
            Distinct(snapshot.Rows.Select(r => r.Team)), Distinct(snapshot.Rows.Select(r => r.Model)))).Value!;

        var severities = severity?.Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries).ToHashSet(StringComparer.Ordinal);
        var matching = snapshot.Rows.Where(r =>
            (rule is null || r.Finding.RuleId == rule) && (severities is null || severities.Contains(r.Severity)) &&
            (team is null || r.Team == team) && (model is null || r.Model == model)).ToList();
        var pages = Math.Max(1, (matching.Count + PageSize - 1) / PageSize);
        page = Math.Min(page, pages);

        html.Append("<form class=\"filters\" method=\"get\" action=\"/findings\">");
        Select(html, "rule", rule, choices.Rules);
        Select(html, "severity", severity, severity is not null && !choices.Severities.Contains(severity) ? [.. choices.Severities, severity] : choices.Severities);
        Select(html, "team", team, choices.Teams);
        Select(html, "model", model, choices.Models);
        html.Append("<button type=\"submit\">filter</button> <a href=\"/findings\">clear</a></form>\n");
        html.Append("<p><span id=\"match-count\">").Append(N(matching.Count)).Append("</span> of <span id=\"total-count\">").Append(N(snapshot.Rows.Count))
            .Append("</span> findings");
        if (pages > 1) html.Append(", page ").Append(N(page)).Append(" of ").Append(N(pages));
        html.Append("</p>\n");

        Html.Table(html, ["severity", "rule", "file:line", "team", "model", "message"], matching.Skip((page - 1) * PageSize).Take(PageSize).Select(r => (IReadOnlyList<string>)
        [
            $"<span class=\"{r.Severity}\">{r.Severity}</span>", $"<code>{E(r.Finding.RuleId)}</code>",
            SourcePage.Link(r.Finding.Subject.File, r.Finding.Subject.Line, r.File is null ? null : r.Finding.Subject.Line is { } line ? $"{r.File}:{N(line)}" : r.File),
            E(r.Team), E(r.Model), E(r.Finding.Message),
        ]), "findings");

        if (pages > 1)
        {
            html.Append("<p class=\"pager\">");
            (string, string?)[] Filters(int to) => [("rule", rule), ("severity", severity), ("team", team), ("model", model), ("page", to.ToString(System.Globalization.CultureInfo.InvariantCulture))];
            if (page > 1) html.Append("<a rel=\"prev\" href=\"").Append(Href("/findings", Filters(page - 1))).Append("\">previous</a>");
            if (page < pages) html.Append("<a rel=\"next\" href=\"").Append(Href("/findings", Filters(page + 1))).Append("\">next</a>");
            html.Append("</p>\n");
        }
        return Layout.Page(http, "Findings", "/findings", revision, html.ToString());
    }

    private static List<string> Distinct(IEnumerable<string?> values) => values.OfType<string>().Distinct(StringComparer.Ordinal).Order(StringComparer.Ordinal).ToList();

    private static void Select(StringBuilder html, string name, string? selected, IReadOnlyList<string> values)
    {
        html.Append("<label>").Append(name).Append("<select name=\"").Append(name).Append("\" id=\"filter-").Append(name).Append("\"><option value=\"\">all</option>");
        foreach (var v in values)
            html.Append("<option value=\"").Append(E(v)).Append('"').Append(v == selected ? " selected" : "").Append('>').Append(E(v)).Append("</option>");
        html.Append("</select></label>");
    }

    private sealed record Choices(IReadOnlyList<string> Rules, IReadOnlyList<string> Severities, IReadOnlyList<string> Teams, IReadOnlyList<string> Models);
}

using System.Globalization;
using System.Text;
using Microsoft.AspNetCore.Http;
using Steward.Core.Application.Costs;
using Steward.Core.FinOps.Anomalies;
using Steward.Core.FinOps.Forecasting;
using Steward.Core.FinOps.Reports;
using Steward.Server.Revisions;
using static Steward.Server.Dashboard.Html;

namespace Steward.Server.Dashboard;

/// <summary>
/// <c>/costs?group-by=team|model|ServiceName&amp;from=&amp;to=</c>: the cost report (<c>steward cost report
/// --group-by DIM</c>, its table's numbers), each row drilling down to the next dimension
/// (<c>&amp;key=VALUE</c> shows that row's part of <c>--group-by DIM,NEXT</c>); then the forecast of all costs
/// with its 80 % and 95 % intervals (<c>cost forecast --horizon 30</c>) and the anomalies (<c>cost anomalies</c>).
/// </summary>
internal static class CostsPage
{
    public const int Horizon = 30;
    private const string NullKey = "(none)";

    /// <summary>The dimensions offered, and where each drills down to.</summary>
    private static readonly (string Dimension, string Next)[] Dimensions = [("team", "ServiceName"), ("model", "ServiceName"), ("ServiceName", "team")];

    public static IResult Render(HttpContext http, ServedRevision revision, DashboardData data)
    {
        var query = http.Request.Query;
        string? Param(string name) => query[name].ToString() is { Length: > 0 } v ? v : null;
        var groupBy = Param("group-by") is { } g && Dimensions.Any(d => d.Dimension == g) ? g : "team";
        var (from, to, key) = (Param("from"), Param("to"), Param("key"));
        var next = Dimensions.First(d => d.Dimension == groupBy).Next;

        var html = new StringBuilder("<h1>Costs</h1>\n");
        if (!data.StoreExists)
        {
            html.Append("<p class=\"muted\">No store yet: import a FOCUS export with <code>steward cost import</code>.</p>\n");
            return Layout.Page(http, "Costs", "/costs", revision, html.ToString());
        }
        html.Append("<form class=\"filters\" method=\"get\" action=\"/costs\"><label>group by<select name=\"group-by\" id=\"filter-group-by\">");
        foreach (var (dimension, _) in Dimensions)
            html.Append("<option").Append(dimension == groupBy ? " selected" : "").Append('>').Append(dimension).Append("</option>");
        html.Append("</select></label><label>from<input name=\"from\" type=\"date\" value=\"").Append(E(from)).Append("\"></label>")
            .Append("<label>to<input name=\"to\" type=\"date\" value=\"").Append(E(to)).Append("\"></label><button type=\"submit\">show</button></form>\n");

        var dimensions = key is null ? groupBy : groupBy + "," + next;
        var report = data.Get(revision, $"report:{dimensions}:{from}:{to}", () =>
            data.Application.CostReport.Run(new CostReportRequest(data.Store, dimensions) { From = from, To = to, Repository = revision.Repository }));
        if (report.Value is not { } result)
        {
            html.Append("<p class=\"bad\">").Append(E(report.Error)).Append("</p>\n");
        }
        else if (key is null)
        {
            html.Append("<h2>By ").Append(E(groupBy)).Append("</h2>\n");
            Html.Table(html, [groupBy, $"#{result.Metric} ({result.Currency})", "#share"], result.Rows.Select(r => (IReadOnlyList<string>)
            [
                $"<a href=\"{Href("/costs", ("group-by", groupBy), ("from", from), ("to", to), ("key", r.Keys[0] ?? NullKey))}\">{E(r.Keys[0] ?? NullKey)}</a>",
                E(Formats.Money(r.Cost)), E(Formats.Share(r.Cost, result.Total)),
            ]), "cost-report", ["total", E(Formats.Money(result.Total)), ""]);
        }
        else
        {
            var rows = result.Rows.Where(r => (r.Keys[0] ?? NullKey) == key).ToList();
            html.Append("<h2>").Append(E(groupBy)).Append(' ').Append(E(key)).Append(" by ").Append(E(next)).Append("</h2>\n<p><a href=\"")
                .Append(Href("/costs", ("group-by", groupBy), ("from", from), ("to", to))).Append("\">back to all of ").Append(E(groupBy)).Append("</a></p>\n");
            Html.Table(html, [groupBy, next, $"#{result.Metric} ({result.Currency})", "#share"], rows.Select(r => (IReadOnlyList<string>)
            [
                E(r.Keys[0] ?? NullKey), E(r.Keys[1] ?? NullKey), E(Formats.Money(r.Cost)), E(Formats.Share(r.Cost, result.Total)),
            ]), "cost-report", ["subtotal", "", E(Formats.Money(rows.Sum(r => r.Cost))), ""]);
        }

        var forecast = data.Get(revision, $"forecast:{Horizon}", () =>
            data.Application.CostForecast.Run(new CostForecastRequest(data.Store, Horizon) { Repository = revision.Repository }));
        html.Append("<h2>Forecast</h2>\n");
        if (forecast.Value is { } f) Forecast(html, f);
        else html.Append("<p class=\"bad\">").Append(E(forecast.Error)).Append("</p>\n");

        var anomalies = data.Get(revision, "anomalies", () =>
            data.Application.CostAnomalies.Run(new CostAnomalyRequest(data.Store, AnomalyOptions.Default) { Repository = revision.Repository }));
        html.Append("<h2>Anomalies</h2>\n");
        if (anomalies.Value is { } a) Anomalies(html, a);
        else html.Append("<p class=\"bad\">").Append(E(anomalies.Error)).Append("</p>\n");
        return Layout.Page(http, "Costs", "/costs", revision, html.ToString());
    }

    /// <summary>As <c>cost forecast</c>'s table: the heading line, then a row per day.</summary>
    private static void Forecast(StringBuilder html, CostForecastResult result)
    {
        var overall = result.Overall;
        var mape = overall.BacktestMape is { } m ? m.ToString("0.0", CultureInfo.InvariantCulture) + " %" : "n/a";
        html.Append("<p>").Append(E($"{result.Metric} forecast for all costs ({result.Currency}), history {Formats.Date(result.HistoryFrom)} to {Formats.Date(result.HistoryTo)}; "))
            .Append("total <strong id=\"forecast-total\">").Append(E(Core.Reporting.Money.Display(overall.Total))).Append("</strong>; backtest MAPE ").Append(E(mape)).Append("</p>\n");
        Html.Table(html, ["date", "#cost", "#95% lower", "#95% upper", "#80% lower", "#80% upper"], overall.Points.Select(p => (IReadOnlyList<string>)
        [
            Formats.Date(p.Date), E(Core.Reporting.Money.Display(p.Cost)), E(Core.Reporting.Money.Display(p.Lower)), E(Core.Reporting.Money.Display(p.Upper)),
            E(Core.Reporting.Money.Display(p.Lower80)), E(Core.Reporting.Money.Display(p.Upper80)),
        ]), "forecast");
    }

    /// <summary>As <c>cost anomalies</c>' table.</summary>
    private static void Anomalies(StringBuilder html, CostAnomalyResult result)
    {
        if (result.Anomalies.Count == 0)
        {
            html.Append("<p id=\"anomaly-count\">no cost anomalies</p>\n");
            return;
        }
        Html.Table(html, ["date", "scope", "#actual", "#expected", "#impact", "#impact %", "root cause"], result.Anomalies.Select(a => (IReadOnlyList<string>)
        [
            Formats.Date(a.Date), E(a.Scope.Describe(result.Dimensions)), E(Core.Reporting.Money.Display(a.Actual)), E(Core.Reporting.Money.Display(a.Expected)),
            E(Core.Reporting.Money.Display(a.Impact)), a.ImpactPercent is { } p ? E(p.ToString("0", CultureInfo.InvariantCulture) + "%") : "",
            a.RootCause is { } rc ? E($"{rc.Dimension}={rc.Value ?? NullKey} (+{Core.Reporting.Money.Display(rc.Impact)})") : "",
        ]), "anomalies");
        html.Append("<p id=\"anomaly-count\">").Append(E($"{result.Anomalies.Count} anomalies ({result.Metric}, {result.Currency})")).Append("</p>\n");
    }
}

using System.Globalization;
using System.Text;
using Microsoft.AspNetCore.Http;
using Steward.Core.Alignment.Monitoring;
using Steward.Core.Application.Monitoring;
using Steward.Core.Kubernetes;
using Steward.Core.Reporting.Monitoring;
using Steward.Server.Revisions;
using static Steward.Server.Dashboard.Html;

namespace Steward.Server.Dashboard;

/// <summary>
/// <c>/models/{name}</c>: the model's versions (owner, licence, evaluation, the workloads that deploy each),
/// then each of its monitors as <c>steward monitor report</c> shows it (a summary per metric) with every
/// metric over the stored windows as the report's inline SVG chart (thresholds dashed, breaches red).
/// </summary>
internal static class ModelPage
{
    public static IResult Render(HttpContext http, ServedRevision revision, DashboardData data, string name)
    {
        var repository = revision.Repository;
        var versions = repository.Models.Where(m => m.Model == name).ToList();
        var monitors = repository.Monitors.Where(m => m.Model == name).ToList();
        if (versions.Count == 0 && monitors.Count == 0)
            return Layout.Page(http, "Not found", "/models", revision, $"<h1>Not found</h1><p>The revision has no model <code>{E(name)}</code>.</p>", StatusCodes.Status404NotFound);

        var html = new StringBuilder();
        html.Append("<h1>Model <code id=\"model-name\">").Append(E(name)).Append("</code></h1>\n<h2>Versions</h2>\n");
        Html.Table(html, ["version", "owner", "license", "evaluation", "deployed by", "file"], versions.Select(v => (IReadOnlyList<string>)
        [
            E(v.Version), E(v.Owner), E(v.License),
            E(string.Join(", ", v.Evaluation.Select(e => $"{e.Key} {e.Value.ToString(CultureInfo.InvariantCulture)}"))),
            E(string.Join(", ", ModelWorkloads.Deploying(repository, name, v.Version).Select(w => $"{w.Kind} {w.Namespace ?? "default"}/{w.Name}"))),
            SourcePage.Link(v.Object.File, v.Object.Location.Line),
        ]), "versions");

        html.Append("<h2>Monitors</h2>\n");
        if (monitors.Count == 0)
        {
            html.Append("<p class=\"muted\">No monitor watches this model.</p>\n");
        }
        else
        {
            var report = data.Get(revision, "monitor-report", () => data.Application.MonitorReport.Read(new MonitorReportRequest(data.Store, repository)));
            if (report.Value is not { } histories)
                html.Append("<p class=\"bad\">").Append(E(report.Error)).Append("</p>\n");
            else
                foreach (var history in histories.Where(h => h.Monitor.Model == name))
                    Monitor(html, history);
        }
        return Layout.Page(http, name, "/models", revision, html.ToString());
    }

    /// <summary>One monitor: the heading and table of <c>monitor report</c>, then a chart per metric.</summary>
    private static void Monitor(StringBuilder html, MonitorHistory history)
    {
        var monitor = history.Monitor;
        var windows = history.Windows;
        html.Append("<h3 id=\"monitor-").Append(E(monitor.Name)).Append("\">Monitor ").Append(E(monitor.Name)).Append("</h3>\n<p class=\"meta\">")
            .Append(E($"model {monitor.Model} {history.Version}, {monitor.Window}: "))
            .Append(windows.Count == 0 ? "no stored results"
                : E($"{windows.Count} windows from {Formats.Window(windows[0].Start)} to {Formats.Window(windows[^1].Start)}, {history.Breaches} breach(es)"))
            .Append(" · ").Append(SourcePage.Link(monitor.Object.File, monitor.Object.Location.Line)).Append("</p>\n");
        if (windows.Count == 0) return;
        Html.Table(html, ["metric", "threshold", "#breaches", "#latest", "range", "last breach"], history.MetricNames.Select(history.Summary).Select(s => (IReadOnlyList<string>)
        [
            E(s.Metric), E(s.Threshold ?? "-"),
            $"<span class=\"{(s.Breaches > 0 ? "bad" : "")}\">{N(s.Breaches)} of {N(s.Windows)}</span>",
            E(Formats.Metric(s.Latest)),
            s.Min is null ? "-" : E($"{Formats.Metric(s.Min)} – {Formats.Metric(s.Max)}"),
            s.LastBreach is { } at ? E(Formats.Window(at)) : "-",
        ]), "metrics-" + monitor.Name);
        foreach (var metric in history.MetricNames)
        {
            var points = windows.Select(w =>
            {
                var stored = w.Metrics.GetValueOrDefault(metric);
                var tooltip = $"{MonitorRunner.Iso(w.Start)}: {metric} = {(stored?.Value is { } v ? v.ToString("G6", CultureInfo.InvariantCulture) : "not computed")}"
                    + (stored?.Breached == true ? $", breach ({stored.Threshold})" : "")
                    + $", {w.Rows.ToString(CultureInfo.InvariantCulture)} rows";
                return new ChartPoint(w.Start, stored?.Value, stored?.Breached ?? false, stored?.Min, stored?.Max, tooltip);
            }).ToList();
            // LineChart encodes every text it writes (title, tooltips).
            html.Append("<figure><figcaption>").Append(E(metric)).Append("</figcaption>")
                .Append(LineChart.Svg(points, $"{metric} over {monitor.Window} windows", monitor.Window == "hourly")).Append("</figure>\n");
        }
    }
}

using System.Globalization;
using System.Text;
using Steward.Core.Alignment.Monitoring;
using Steward.Core.Reporting.Monitoring;
using static Steward.Cli.Alignment.AlignmentHtml;

namespace Steward.Cli.Alignment;

/// <summary>
/// The monitors' stored results as one self-contained page (inline CSS and SVG, no scripts, no network):
/// an overview of every monitor, then per monitor a summary table of its metrics and each metric over the
/// windows as a line with its thresholds and breaches.
/// </summary>
public static class MonitorReportHtml
{
    private const string Css =
        "section.monitor{margin-top:2.5em;border-top:2px solid #ddd}h3{margin:1.4em 0 .2em;font-size:1em}" +
        "tr.bad td{background:#fdecee}.bound{fill:#b00020}" +
        ".key{display:inline-block;vertical-align:middle;margin:0 4px 0 12px}";

    public static string Render(IReadOnlyList<MonitorHistory> monitors)
    {
        var html = new StringBuilder();
        Begin(html, "Steward monitor report", Css);
        var windows = monitors.Sum(m => m.Windows.Count);
        var breaches = monitors.Sum(m => m.Breaches);
        html.Append("<h1>Model monitors</h1>\n");
        html.Append(CultureInfo.InvariantCulture, $"<p class=\"summary {(breaches > 0 ? "bad" : "good")}\">")
            .Append(CultureInfo.InvariantCulture, $"{monitors.Count} monitor(s), {windows} stored window(s), ")
            .Append(breaches == 0 ? "no breaches" : $"{breaches} breach(es) in {monitors.Count(m => m.Breaches > 0)} monitor(s)").Append("</p>\n");
        Overview(html, monitors);
        html.Append("<p class=\"legend\"><svg class=\"key\" width=\"24\" height=\"10\"><line x1=\"0\" y1=\"5\" x2=\"24\" y2=\"5\" stroke=\"")
            .Append(LineChart.LineColour).Append("\" stroke-width=\"2\"/></svg>metric per window")
            .Append("<svg class=\"key\" width=\"10\" height=\"10\"><circle cx=\"5\" cy=\"5\" r=\"4.5\" fill=\"").Append(LineChart.BreachColour).Append("\"/></svg>breach")
            .Append("<svg class=\"key\" width=\"24\" height=\"10\"><line x1=\"0\" y1=\"5\" x2=\"24\" y2=\"5\" stroke=\"").Append(LineChart.BreachColour)
            .Append("\" stroke-dasharray=\"5 4\"/></svg>threshold (the shaded side breaches)</p>\n");
        foreach (var monitor in monitors)
            Monitor(html, monitor);
        End(html);
        return html.ToString();
    }

    private static void Overview(StringBuilder html, IReadOnlyList<MonitorHistory> monitors)
    {
        html.Append("<table>\n<thead><tr><th>monitor</th><th>model</th><th>version</th><th>window</th><th>windows</th><th>first</th><th>last</th><th>breaches</th></tr></thead>\n<tbody>\n");
        foreach (var m in monitors)
        {
            html.Append(m.Breaches > 0 ? "<tr class=\"bad\">" : "<tr>")
                .Append("<td><a href=\"#monitor-").Append(E(Anchor(m.Monitor.Name))).Append("\">").Append(E(m.Monitor.Name)).Append("</a></td>")
                .Append("<td>").Append(E(m.Monitor.Model)).Append("</td><td>").Append(E(m.Version)).Append("</td><td>").Append(E(m.Monitor.Window)).Append("</td>")
                .Append("<td class=\"n\">").Append(m.Windows.Count.ToString(CultureInfo.InvariantCulture)).Append("</td>")
                .Append("<td>").Append(m.Windows.Count == 0 ? "&ndash;" : MonitorRunner.Iso(m.Windows[0].Start)).Append("</td>")
                .Append("<td>").Append(m.Windows.Count == 0 ? "&ndash;" : MonitorRunner.Iso(m.Windows[^1].Start)).Append("</td>")
                .Append("<td class=\"n\">").Append(m.Breaches.ToString(CultureInfo.InvariantCulture)).Append("</td></tr>\n");
        }
        html.Append("</tbody>\n</table>\n");
    }

    private static void Monitor(StringBuilder html, MonitorHistory history)
    {
        var monitor = history.Monitor;
        html.Append("<section class=\"monitor\" id=\"monitor-").Append(E(Anchor(monitor.Name))).Append("\">\n<h2>").Append(E(monitor.Name)).Append("</h2>\n");
        html.Append("<p class=\"meta\">model <code>").Append(E(monitor.Model)).Append("</code> version <code>").Append(E(history.Version))
            .Append("</code> &middot; ").Append(E(monitor.Window)).Append(" windows &middot; <code>").Append(E(monitor.Object.File))
            .Append(CultureInfo.InvariantCulture, $":{monitor.Object.Location.Line}</code>");
        if (monitor.Remediation is { } remediation)
            html.Append(" &middot; remediation on breach: <code>").Append(E(remediation)).Append("</code>");
        html.Append("</p>\n");
        if (history.Windows.Count == 0)
        {
            html.Append("<p>No stored results: run <code>steward monitor run</code> after ingesting inferences.</p>\n</section>\n");
            return;
        }

        var metrics = history.MetricNames;
        html.Append("<table>\n<thead><tr><th>metric</th><th>threshold</th><th>windows</th><th>breaches</th><th>latest</th><th>min</th><th>max</th><th>last breach</th></tr></thead>\n<tbody>\n");
        foreach (var s in metrics.Select(history.Summary))
        {
            html.Append(s.Breaches > 0 ? "<tr class=\"bad\">" : "<tr>")
                .Append("<td><a href=\"#").Append(E(ChartId(monitor.Name, s.Metric))).Append("\">").Append(E(s.Metric)).Append("</a></td>")
                .Append("<td>").Append(s.Threshold is null ? "&ndash;" : E(s.Threshold)).Append("</td>")
                .Append("<td class=\"n\">").Append(s.Windows.ToString(CultureInfo.InvariantCulture)).Append("</td>")
                .Append("<td class=\"n\">").Append(s.Breaches.ToString(CultureInfo.InvariantCulture)).Append("</td>")
                .Append("<td class=\"n\">").Append(Value(s.Latest)).Append("</td>")
                .Append("<td class=\"n\">").Append(Value(s.Min)).Append("</td>")
                .Append("<td class=\"n\">").Append(Value(s.Max)).Append("</td>")
                .Append("<td>").Append(s.LastBreach is { } at ? MonitorRunner.Iso(at) : "&ndash;").Append("</td></tr>\n");
        }
        html.Append("</tbody>\n</table>\n");
        Notes(html, history);

        foreach (var metric in metrics)
        {
            var points = history.Windows.Select(w =>
            {
                var stored = w.Metrics.GetValueOrDefault(metric);
                var tooltip = $"{MonitorRunner.Iso(w.Start)}: {metric} = {(stored?.Value is { } v ? v.ToString("G6", CultureInfo.InvariantCulture) : "not computed")}"
                    + (stored?.Breached == true ? $", breach ({stored.Threshold})" : "")
                    + $", {w.Rows.ToString(CultureInfo.InvariantCulture)} rows";
                return new ChartPoint(w.Start, stored?.Value, stored?.Breached ?? false, stored?.Min, stored?.Max, tooltip);
            }).ToList();
            html.Append("<h3 id=\"").Append(E(ChartId(monitor.Name, metric))).Append("\">").Append(E(metric)).Append("</h3>\n")
                .Append(LineChart.Svg(points, $"{metric} over {monitor.Window} windows", monitor.Window == "hourly"));
        }
        html.Append("</section>\n");
    }

    /// <summary>Why windows lack a metric (e.g. too few rows for the domain classifier); nothing when no window has a note.</summary>
    private static void Notes(StringBuilder html, MonitorHistory history)
    {
        var noted = history.Windows.Where(w => w.Notes.Count > 0).ToList();
        if (noted.Count == 0)
            return;
        html.Append("<h3>Notes</h3>\n<table class=\"notes\">\n<thead><tr><th>window</th><th>rows</th><th>note</th></tr></thead>\n<tbody>\n");
        foreach (var w in noted)
            foreach (var note in w.Notes)
                html.Append("<tr><td>").Append(MonitorRunner.Iso(w.Start)).Append("</td>")
                    .Append("<td class=\"n\">").Append(w.Rows.ToString(CultureInfo.InvariantCulture)).Append("</td>")
                    .Append("<td>").Append(E(note)).Append("</td></tr>\n");
        html.Append("</tbody>\n</table>\n");
    }

    private static string ChartId(string monitor, string metric) => "metric-" + Anchor(monitor) + "-" + Anchor(metric);

    private static string Value(double? value) => value is { } v ? F(v) : "&ndash;";
}

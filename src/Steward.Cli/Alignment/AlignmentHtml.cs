using System.Globalization;
using System.Net;
using System.Text;
using Steward.Core.Alignment.Drift;
using Steward.Core.Alignment.Fairness;
using Steward.Core.Alignment.Multivariate;
using Steward.Core.Alignment.Statistics;
using ColumnKind = Steward.Core.Alignment.Data.ColumnKind;

namespace Steward.Cli.Alignment;

/// <summary>
/// One self-contained HTML page per report: inline CSS and inline SVG charts, no scripts, no network.
/// </summary>
public static class AlignmentHtml
{
    private const string ReferenceColour = "#4e79a7";
    private const string CurrentColour = "#f28e2b";
    private const int MaxBars = 40;

    public static string Drift(DriftReport report, MultivariateDriftReport? multivariate = null)
    {
        var html = new StringBuilder();
        Begin(html, "Steward drift report");
        html.Append("<h1>Data drift</h1>\n<p class=\"meta\">reference <code>").Append(E(report.Reference))
            .Append("</code> &middot; current <code>").Append(E(report.Current)).Append("</code></p>\n");
        html.Append(CultureInfo.InvariantCulture, $"<p class=\"summary {(report.DatasetDrift ? "bad" : "good")}\">")
            .Append(CultureInfo.InvariantCulture, $"{report.DriftedCount} of {report.Columns.Count} columns drifted (share {F(report.DriftShare)}, threshold {F(report.DriftShareThreshold)}): ")
            .Append(report.DatasetDrift ? "dataset drift detected" : "no dataset drift").Append("</p>\n");

        html.Append("<table>\n<thead><tr><th>column</th><th>type</th><th>method</th><th>statistic</th><th>p-value</th><th>threshold</th><th>drift</th></tr></thead>\n<tbody>\n");
        foreach (var c in report.Columns)
        {
            html.Append("<tr><td><a href=\"#col-").Append(E(Anchor(c.Column))).Append("\">").Append(E(c.Column)).Append("</a></td>")
                .Append("<td>").Append(c.Kind == ColumnKind.Numeric ? "numeric" : "categorical").Append("</td>")
                .Append("<td>").Append(DriftMethods.Name(c.Method)).Append("</td>")
                .Append("<td class=\"n\">").Append(F(c.Statistic)).Append("</td>")
                .Append("<td class=\"n\">").Append(c.PValue is { } p ? F(p) : "&ndash;").Append("</td>")
                .Append("<td class=\"n\">").Append(F(c.Threshold)).Append("</td>")
                .Append(c.Drifted ? "<td class=\"bad\">drift</td>" : "<td class=\"good\">ok</td>").Append("</tr>\n");
        }
        html.Append("</tbody>\n</table>\n");
        if (multivariate is not null) Multivariate(html, multivariate);

        html.Append("<h2>Distributions</h2>\n<p class=\"legend\"><span style=\"background:").Append(ReferenceColour)
            .Append("\"></span> reference <span style=\"background:").Append(CurrentColour).Append("\"></span> current (share of rows per bin or category)</p>\n");
        foreach (var c in report.Columns)
        {
            html.Append("<section id=\"col-").Append(E(Anchor(c.Column))).Append("\"><h3>").Append(E(c.Column)).Append("</h3>\n");
            html.Append(Histogram(c.Distribution)).Append("</section>\n");
        }
        End(html);
        return html.ToString();
    }

    public static string Fairness(FairnessReport report, string data)
    {
        var html = new StringBuilder();
        Begin(html, "Steward fairness report");
        html.Append("<h1>Fairness</h1>\n<p class=\"meta\">data <code>").Append(E(data)).Append("</code></p>\n");
        html.Append("<ul class=\"summary\">")
            .Append("<li>demographic parity difference <b>").Append(F(report.DemographicParityDifference)).Append("</b>, ratio <b>").Append(F(report.DemographicParityRatio)).Append("</b></li>")
            .Append("<li>equal opportunity difference <b>").Append(F(report.EqualOpportunityDifference)).Append("</b></li>")
            .Append("<li>equalized odds difference <b>").Append(F(report.EqualizedOddsDifference)).Append("</b></li>")
            .Append("<li>disparate impact relative to <b>").Append(E(report.ReferenceGroup)).Append("</b></li></ul>\n");
        html.Append("<table>\n<thead><tr><th>group</th><th>count</th><th>selection rate</th><th>TPR</th><th>FPR</th><th>FNR</th><th>TNR</th><th>precision</th><th>accuracy</th><th>disparate impact</th></tr></thead>\n<tbody>\n");
        foreach (var g in report.Groups)
        {
            html.Append("<tr><td>").Append(E(g.Group)).Append("</td><td class=\"n\">").Append(g.Count.ToString(CultureInfo.InvariantCulture)).Append("</td>");
            foreach (var v in new[] { g.SelectionRate, g.TruePositiveRate, g.FalsePositiveRate, g.FalseNegativeRate, g.TrueNegativeRate, g.Precision, g.Accuracy, report.DisparateImpact[g.Group] })
                html.Append("<td class=\"n\">").Append(F(v)).Append("</td>");
            html.Append("</tr>\n");
        }
        html.Append("</tbody>\n</table>\n");
        foreach (var (title, metric) in new (string, Func<GroupMetrics, double>)[]
                 {
                     ("Selection rate", g => g.SelectionRate),
                     ("True positive rate", g => g.TruePositiveRate),
                     ("False positive rate", g => g.FalsePositiveRate),
                 })
        {
            html.Append("<h2>").Append(title).Append("</h2>\n").Append(GroupBars(report.Groups, metric));
        }
        End(html);
        return html.ToString();
    }

    /// <summary>Grouped bars, reference beside current, one pair per bin or category (at most 40 shown).</summary>
    private static string Histogram(BinnedDistributions d)
    {
        var count = Math.Min(d.Labels.Count, MaxBars);
        const int height = 180, top = 10, bottom = 40, left = 40;
        var slot = Math.Max(16, Math.Min(60, 720 / Math.Max(count, 1)));
        var width = left + slot * count + 10;
        var max = 0.0;
        for (var i = 0; i < count; i++) max = Math.Max(max, Math.Max(d.Reference[i], d.Current[i]));
        if (max <= 0) max = 1;
        var plot = height - top - bottom;
        var svg = new StringBuilder();
        svg.Append(CultureInfo.InvariantCulture, $"<svg xmlns=\"http://www.w3.org/2000/svg\" width=\"{width}\" height=\"{height}\" role=\"img\">");
        svg.Append(CultureInfo.InvariantCulture, $"<line x1=\"{left}\" y1=\"{top + plot}\" x2=\"{width - 10}\" y2=\"{top + plot}\" stroke=\"#888\"/>");
        svg.Append(CultureInfo.InvariantCulture, $"<text x=\"{left - 4}\" y=\"{top + 8}\" text-anchor=\"end\" class=\"ax\">{F(max)}</text>");
        svg.Append(CultureInfo.InvariantCulture, $"<text x=\"{left - 4}\" y=\"{top + plot}\" text-anchor=\"end\" class=\"ax\">0</text>");
        for (var i = 0; i < count; i++)
        {
            var x = left + i * slot;
            var barWidth = (slot - 4) / 2.0;
            Bar(svg, x + 2, barWidth, d.Reference[i], max, plot, top, ReferenceColour, $"{d.Labels[i]}: reference {F(d.Reference[i])}");
            Bar(svg, x + 2 + barWidth, barWidth, d.Current[i], max, plot, top, CurrentColour, $"{d.Labels[i]}: current {F(d.Current[i])}");
            var label = d.Labels[i].Length > 10 ? d.Labels[i][..9] + "…" : d.Labels[i];
            svg.Append(CultureInfo.InvariantCulture,
                $"<text x=\"{x + slot / 2.0:0.#}\" y=\"{top + plot + 12}\" text-anchor=\"end\" transform=\"rotate(-35 {x + slot / 2.0:0.#} {top + plot + 12})\" class=\"ax\">{E(label)}</text>");
        }
        svg.Append("</svg>\n");
        if (d.Labels.Count > count)
            svg.Append(CultureInfo.InvariantCulture, $"<p class=\"meta\">first {count} of {d.Labels.Count} categories shown</p>\n");
        return svg.ToString();
    }

    private static void Bar(StringBuilder svg, double x, double width, double value, double max, int plot, int top, string colour, string title)
    {
        var h = value / max * plot;
        svg.Append(CultureInfo.InvariantCulture,
            $"<rect x=\"{x:0.##}\" y=\"{top + plot - h:0.##}\" width=\"{width:0.##}\" height=\"{h:0.##}\" fill=\"{colour}\"><title>{E(title)}</title></rect>");
    }

    /// <summary>Horizontal bars on a 0–1 scale, one per group.</summary>
    private static string GroupBars(IReadOnlyList<GroupMetrics> groups, Func<GroupMetrics, double> metric) =>
        Bars(groups.Select(g => (g.Group, metric(g))).ToList());

    /// <summary>Horizontal bars on a 0–1 scale, one per labelled value.</summary>
    private static string Bars(IReadOnlyList<(string Label, double Value)> bars)
    {
        const int left = 180, barMax = 400, row = 22;
        var height = row * bars.Count + 10;
        var svg = new StringBuilder();
        svg.Append(CultureInfo.InvariantCulture, $"<svg xmlns=\"http://www.w3.org/2000/svg\" width=\"{left + barMax + 80}\" height=\"{height}\" role=\"img\">");
        for (var i = 0; i < bars.Count; i++)
        {
            var (label, v) = bars[i];
            var y = 5 + i * row;
            var w = double.IsNaN(v) ? 0 : v * barMax;
            svg.Append(CultureInfo.InvariantCulture, $"<text x=\"{left - 6}\" y=\"{y + 14}\" text-anchor=\"end\" class=\"ax\">{E(label)}</text>");
            svg.Append(CultureInfo.InvariantCulture, $"<rect x=\"{left}\" y=\"{y + 3}\" width=\"{w:0.##}\" height=\"{row - 6}\" fill=\"{ReferenceColour}\"><title>{E(label)}: {F(v)}</title></rect>");
            svg.Append(CultureInfo.InvariantCulture, $"<text x=\"{left + w + 4:0.##}\" y=\"{y + 14}\" class=\"ax\">{F(v)}</text>");
        }
        svg.Append("</svg>\n");
        return svg.ToString();
    }

    /// <summary>The domain classifier's verdict, its numbers and the columns that told the samples apart.</summary>
    private static void Multivariate(StringBuilder html, MultivariateDriftReport r)
    {
        var u = r.Uncertainty;
        html.Append("<h2>Multivariate drift (domain classifier)</h2>\n");
        html.Append(CultureInfo.InvariantCulture, $"<p class=\"summary {(r.Drifted ? "bad" : "good")}\">")
            .Append(CultureInfo.InvariantCulture, $"A classifier tells current rows from reference rows with ROC AUC {F(r.RocAuc)} ")
            .Append(CultureInfo.InvariantCulture, $"(threshold {F(r.Threshold)}, no-drift bound {F(u.NullBound)}): ")
            .Append(r.Drifted ? "multivariate drift detected" : "no multivariate drift").Append("</p>\n");
        html.Append("<table>\n<tbody>\n");
        void Row(string name, string value, string meaning) =>
            html.Append("<tr><td>").Append(name).Append("</td><td class=\"n\">").Append(value).Append("</td><td>").Append(E(meaning)).Append("</td></tr>\n");
        Row("ROC AUC", F(r.RocAuc), string.Create(CultureInfo.InvariantCulture,
            $"held-out rows, current = positive; {r.Options.ConfidenceLevel:0.##%} DeLong interval [{Plain(u.Lower)}, {Plain(u.Upper)}]"));
        Row("no-drift bound", F(u.NullBound), string.Create(CultureInfo.InvariantCulture,
            $"{r.Options.NullQuantile:0.##%} quantile of the AUC over {r.Options.Resamples} label permutations"));
        Row("p-value", F(u.PValue), "share of permutations with an AUC at least as high");
        Row("threshold", F(r.Threshold), "drift when the AUC exceeds both the threshold and the bound");
        Row("rows", string.Create(CultureInfo.InvariantCulture, $"{r.RowsReference} / {r.RowsCurrent}"), string.Create(CultureInfo.InvariantCulture,
            $"reference / current used, of {r.TotalRowsReference} / {r.TotalRowsCurrent}; {r.TrainRows} trained on, {r.TestRows} held out"));
        Row("features", string.Create(CultureInfo.InvariantCulture, $"{r.Features.Sum(f => f.Width)}"),
            string.Join(", ", r.Features.Select(f => string.Create(CultureInfo.InvariantCulture, $"{f.Name} ({f.KindName}, {f.Width})"))));
        html.Append("</tbody>\n</table>\n");
        html.Append("<h3>Most telling columns (share of split gain)</h3>\n")
            .Append(Bars(r.TopFeatures.Select(f => (f.Feature, f.Importance)).ToList()));
    }

    private static string Plain(double v) => v.ToString("G6", CultureInfo.InvariantCulture);

    internal static void Begin(StringBuilder html, string title, string extraCss = "")
    {
        html.Append("<!DOCTYPE html>\n<html lang=\"en\">\n<head>\n<meta charset=\"utf-8\">\n<title>").Append(title).Append("</title>\n<style>\n")
            .Append("body{font-family:system-ui,sans-serif;margin:2em;color:#222;max-width:1100px}")
            .Append("table{border-collapse:collapse;margin:1em 0}th,td{border:1px solid #ccc;padding:3px 8px;text-align:left}")
            .Append("td.n{text-align:right;font-variant-numeric:tabular-nums}.bad{color:#b00020;font-weight:bold}.good{color:#1b7f3b}")
            .Append(".meta{color:#666}.ax{font-size:10px;fill:#444}.legend span{display:inline-block;width:12px;height:12px;margin:0 4px 0 10px}")
            .Append(extraCss).Append("\n</style>\n</head>\n<body>\n");
    }

    internal static void End(StringBuilder html) => html.Append("</body>\n</html>\n");

    internal static string E(string text) => WebUtility.HtmlEncode(text);

    internal static string Anchor(string column) => new(column.Select(ch => char.IsLetterOrDigit(ch) || ch == '_' ? ch : '-').ToArray());

    internal static string F(double v) =>
        double.IsNaN(v) ? "&ndash;" : double.IsPositiveInfinity(v) ? "&infin;" : v.ToString("G6", CultureInfo.InvariantCulture);
}

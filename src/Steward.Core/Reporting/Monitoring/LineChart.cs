using System.Globalization;
using System.Net;
using System.Text;

namespace Steward.Core.Reporting.Monitoring;

/// <summary>One window of a metric's series: its value (null: not computed), whether it breached, and the bounds it was judged by.</summary>
public sealed record ChartPoint(DateTime At, double? Value, bool Breached, double? Min, double? Max, string Tooltip);

/// <summary>
/// A metric over time as inline SVG: the values as a line with dots (breaches as larger red dots), the
/// threshold bounds as dashed lines with the breaching side shaded when the bound never changed (a step line
/// when runs judged windows by different bounds). Hand-written rather than ScottPlot: a few dozen elements,
/// byte-for-byte deterministic (golden files), and no native rendering dependency.
/// </summary>
public static class LineChart
{
    public const string LineColour = "#4e79a7";
    public const string BreachColour = "#b00020";
    private const int Width = 680, Height = 210, Left = 64, Right = 70, Top = 12, Bottom = 36;
    private const int PlotWidth = Width - Left - Right, PlotHeight = Height - Top - Bottom;
    /// <summary>Space between the plot's edges and the first and last window, so that their dots show whole.</summary>
    private const int Inset = 12;
    private const int MaxXLabels = 8;

    public static string Svg(IReadOnlyList<ChartPoint> points, string title, bool hourly)
    {
        var svg = new StringBuilder();
        svg.Append(CultureInfo.InvariantCulture, $"<svg xmlns=\"http://www.w3.org/2000/svg\" width=\"{Width}\" height=\"{Height}\" role=\"img\" aria-label=\"{E(title)}\">");
        var values = points.Where(p => p.Value is not null).Select(p => p.Value!.Value).ToList();
        if (points.Count == 0 || values.Count == 0)
        {
            svg.Append(CultureInfo.InvariantCulture, $"<text x=\"{Left}\" y=\"{Top + 20}\" class=\"ax\">no values stored</text></svg>\n");
            return svg.ToString();
        }
        var bounds = points.SelectMany(p => new[] { p.Min, p.Max }).OfType<double>().ToList();
        var (low, high, step) = Domain([.. values, .. bounds]);
        double Y(double v) => Top + (high - v) / (high - low) * PlotHeight;
        var first = points[0].At;
        var span = (points[^1].At - first).TotalSeconds;
        double X(DateTime at) => span <= 0 ? Left + PlotWidth / 2.0 : Left + Inset + (at - first).TotalSeconds / span * (PlotWidth - 2 * Inset);

        // Grid and y axis labels.
        var ticks = (int)Math.Round((high - low) / step);
        for (var i = 0; i <= ticks; i++)
        {
            var v = low + i * step;
            svg.Append(CultureInfo.InvariantCulture, $"<line x1=\"{Left}\" y1=\"{N(Y(v))}\" x2=\"{Left + PlotWidth}\" y2=\"{N(Y(v))}\" stroke=\"#e4e4e4\"/>");
            svg.Append(CultureInfo.InvariantCulture, $"<text x=\"{Left - 6}\" y=\"{N(Y(v) + 3)}\" text-anchor=\"end\" class=\"ax\">{Tick(v)}</text>");
        }
        svg.Append(CultureInfo.InvariantCulture, $"<line x1=\"{Left}\" y1=\"{Top}\" x2=\"{Left}\" y2=\"{Top + PlotHeight}\" stroke=\"#888\"/>");
        svg.Append(CultureInfo.InvariantCulture, $"<line x1=\"{Left}\" y1=\"{Top + PlotHeight}\" x2=\"{Left + PlotWidth}\" y2=\"{Top + PlotHeight}\" stroke=\"#888\"/>");

        // x axis: at most MaxXLabels window starts, evenly picked.
        var stride = (points.Count + MaxXLabels - 1) / MaxXLabels;
        for (var i = 0; i < points.Count; i += stride)
        {
            var x = X(points[i].At);
            svg.Append(CultureInfo.InvariantCulture, $"<line x1=\"{N(x)}\" y1=\"{Top + PlotHeight}\" x2=\"{N(x)}\" y2=\"{Top + PlotHeight + 4}\" stroke=\"#888\"/>");
            svg.Append(CultureInfo.InvariantCulture, $"<text x=\"{N(x)}\" y=\"{Top + PlotHeight + 16}\" text-anchor=\"middle\" class=\"ax\">{Date(points[i].At, hourly)}</text>");
        }

        Bound(svg, points, p => p.Min, "min", X, Y, shadeTo: Top + PlotHeight);
        Bound(svg, points, p => p.Max, "max", X, Y, shadeTo: Top);

        // The values: one polyline per run of consecutive windows that have a value.
        var run = new List<string>();
        void Flush()
        {
            if (run.Count > 1)
                svg.Append(CultureInfo.InvariantCulture, $"<polyline points=\"{string.Join(' ', run)}\" fill=\"none\" stroke=\"{LineColour}\" stroke-width=\"2\"/>");
            run.Clear();
        }
        foreach (var p in points)
        {
            if (p.Value is { } v) run.Add($"{N(X(p.At))},{N(Y(v))}");
            else Flush();
        }
        Flush();
        foreach (var p in points.Where(p => p.Value is not null))
        {
            var (r, fill, stroke) = p.Breached ? ("4.5", BreachColour, " stroke=\"#fff\"") : ("2.5", LineColour, "");
            svg.Append(CultureInfo.InvariantCulture,
                $"<circle cx=\"{N(X(p.At))}\" cy=\"{N(Y(p.Value!.Value))}\" r=\"{r}\" fill=\"{fill}\"{stroke}><title>{E(p.Tooltip)}</title></circle>");
        }
        svg.Append("</svg>\n");
        return svg.ToString();
    }

    /// <summary>
    /// A bound as a dashed line labelled at its right end. When every window was judged by the same bound
    /// the breaching side is shaded; otherwise the line steps at the windows where the bound changed.
    /// </summary>
    private static void Bound(StringBuilder svg, IReadOnlyList<ChartPoint> points, Func<ChartPoint, double?> bound, string name,
        Func<DateTime, double> x, Func<double, double> y, double shadeTo)
    {
        var judged = points.Where(p => bound(p) is not null).ToList();
        if (judged.Count == 0)
            return;
        var last = bound(judged[^1])!.Value;
        var label = $"<text x=\"{Left + PlotWidth + 4}\" y=\"{N(y(last) + 3)}\" class=\"ax bound\">{name} {Tick(last)}</text>";
        if (judged.All(p => bound(p) == last))
        {
            var top = Math.Min(y(last), shadeTo);
            svg.Append(CultureInfo.InvariantCulture,
                $"<rect x=\"{Left}\" y=\"{N(top)}\" width=\"{PlotWidth}\" height=\"{N(Math.Abs(shadeTo - y(last)))}\" fill=\"{BreachColour}\" fill-opacity=\"0.06\"/>");
            svg.Append(CultureInfo.InvariantCulture,
                $"<line x1=\"{Left}\" y1=\"{N(y(last))}\" x2=\"{Left + PlotWidth}\" y2=\"{N(y(last))}\" stroke=\"{BreachColour}\" stroke-dasharray=\"5 4\"><title>{name} {Tick(last)}</title></line>");
        }
        else
        {
            var path = new StringBuilder($"M{N(x(judged[0].At))},{N(y(bound(judged[0])!.Value))}");
            foreach (var p in judged.Skip(1))
                path.Append(CultureInfo.InvariantCulture, $" H{N(x(p.At))} V{N(y(bound(p)!.Value))}");
            svg.Append(CultureInfo.InvariantCulture,
                $"<path d=\"{path}\" fill=\"none\" stroke=\"{BreachColour}\" stroke-dasharray=\"5 4\"><title>{name} (changed between runs)</title></path>");
        }
        svg.Append(label);
    }

    /// <summary>
    /// A y range with round ticks (steps of 1, 2 or 5 × 10^k, four or five of them) that holds every value and
    /// bound; it stays within 0 and 1 when the data do (rates, shares, p-values).
    /// </summary>
    internal static (double Low, double High, double Step) Domain(IReadOnlyList<double> values)
    {
        var (lowest, highest) = (values.Min(), values.Max());
        var (min, max) = (lowest, highest);
        var pad = max > min ? (max - min) * 0.08 : Math.Abs(min) > 0 ? Math.Abs(min) * 0.1 : 0.5;
        min -= pad;
        max += pad;
        var raw = (max - min) / 4;
        var magnitude = Math.Pow(10, Math.Floor(Math.Log10(raw)));
        var fraction = raw / magnitude;
        var step = (fraction <= 1 ? 1 : fraction <= 2 ? 2 : fraction <= 5 ? 5 : 10) * magnitude;
        var low = Math.Floor(min / step) * step;
        var high = Math.Ceiling(max / step) * step;
        if (lowest >= 0) low = Math.Max(low, 0);
        if (lowest >= 0 && highest <= 1) high = Math.Min(high, 1);
        return (low, high, step);
    }

    private static string Date(DateTime at, bool hourly) =>
        at.ToString(hourly ? "MM-dd HH:mm" : "yyyy-MM-dd", CultureInfo.InvariantCulture);

    private static string Tick(double v) => (Math.Abs(v) < 1e-12 ? 0 : v).ToString("G6", CultureInfo.InvariantCulture);

    private static string N(double v) => v.ToString("0.##", CultureInfo.InvariantCulture);

    private static string E(string text) => WebUtility.HtmlEncode(text);
}

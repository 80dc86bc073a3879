using System.Globalization;
using Spectre.Console;
using Steward.Core.Alignment.Monitoring;

namespace Steward.Cli.Alignment;

/// <summary>Terminal output of <c>steward monitor run</c> (one line per window) and <c>steward monitor report</c> (a summary per metric).</summary>
public static class MonitorTables
{
    public static void Run(MonitorRunResult result, TextWriter output)
    {
        foreach (var run in result.Monitors)
        {
            output.WriteLine($"Monitor {run.Monitor.Name} (model {run.Monitor.Model} {run.Version}, {run.Monitor.Window}): {run.Windows.Count} windows");
            if (run.Windows.Count == 0)
            {
                output.WriteLine("  no inferences in the store");
                continue;
            }
            var metrics = run.Monitor.Metrics.Keys.ToList();
            output.WriteLine("  " + "window start".PadRight(22) + "rows".PadLeft(8) + string.Concat(metrics.Select(m => "  " + m)));
            foreach (var w in run.Windows)
            {
                var cells = metrics.Select(m =>
                {
                    var text = w.Metrics.TryGetValue(m, out var v) ? v.ToString("0.####", CultureInfo.InvariantCulture) : "-";
                    if (w.Breaches.Any(b => b.Metric == m)) text += " !";
                    return "  " + text.PadLeft(m.Length);
                });
                output.WriteLine("  " + MonitorRunner.Iso(w.Start).PadRight(22) + w.Rows.ToString(CultureInfo.InvariantCulture).PadLeft(8) + string.Concat(cells));
                foreach (var note in w.Notes)
                    output.WriteLine("    note: " + note);
            }
        }
        var findings = result.Findings;
        output.WriteLine(findings.Count == 0 ? "No breaches." : $"{findings.Count} breach(es):");
        foreach (var f in findings)
            output.WriteLine($"  {f.Subject.File}:{f.Subject.Line}: {f.RuleId}: {f.Message}");
    }

    public static void Report(IReadOnlyList<MonitorHistory> monitors, TextWriter output)
    {
        var console = AlignmentTables.Console(output);
        foreach (var history in monitors)
        {
            var monitor = history.Monitor;
            var windows = history.Windows;
            // The heading goes straight to the writer: the console would wrap it at the table width.
            output.WriteLine(windows.Count == 0
                ? $"Monitor {monitor.Name} (model {monitor.Model} {history.Version}, {monitor.Window}): no stored results"
                : $"Monitor {monitor.Name} (model {monitor.Model} {history.Version}, {monitor.Window}): {windows.Count} windows " +
                  $"from {Date(windows[0].Start)} to {Date(windows[^1].Start)}, {history.Breaches} breach(es)");
            if (windows.Count == 0)
                continue;
            var table = new Table().Border(TableBorder.Rounded)
                .AddColumn(new TableColumn("metric").NoWrap()).AddColumn(new TableColumn("threshold").NoWrap())
                .AddColumn(new TableColumn("breaches").RightAligned().NoWrap()).AddColumn(new TableColumn("latest").RightAligned().NoWrap())
                .AddColumn(new TableColumn("range")).AddColumn(new TableColumn("last breach").NoWrap());
            foreach (var s in history.MetricNames.Select(history.Summary))
            {
                var breaches = $"{s.Breaches.ToString(CultureInfo.InvariantCulture)} of {s.Windows.ToString(CultureInfo.InvariantCulture)}";
                table.AddRow(
                    Markup.Escape(s.Metric),
                    Markup.Escape(s.Threshold ?? "-"),
                    s.Breaches == 0 ? breaches : $"[red]{breaches}[/]",
                    Value(s.Latest),
                    s.Min is null ? "-" : $"{Value(s.Min)} – {Value(s.Max)}",
                    s.LastBreach is { } at ? Date(at) : "-");
            }
            console.Write(table);
            // Notes say why a window has no value for a metric; straight to the writer, one line each.
            foreach (var w in windows)
                foreach (var note in w.Notes)
                    foreach (var line in Wrap($"  note {Date(w.Start)}: {note}", "    "))
                        output.WriteLine(line);
        }
    }

    /// <summary>The window start, with the time of day only when it is not midnight (hourly windows).</summary>
    private static string Date(DateTime at) =>
        at.ToString(at.TimeOfDay == TimeSpan.Zero ? "yyyy-MM-dd" : "yyyy-MM-dd HH:mm", CultureInfo.InvariantCulture);

    /// <summary>Breaks a line at spaces so that no line passes 100 columns; continuation lines get <paramref name="indent"/>.</summary>
    private static IEnumerable<string> Wrap(string text, string indent, int width = 100)
    {
        while (text.Length > width && text.LastIndexOf(' ', width) is var cut && cut > indent.Length)
        {
            yield return text[..cut];
            text = indent + text[(cut + 1)..];
        }
        yield return text;
    }

    private static string Value(double? value) => value is { } v ? v.ToString("G4", CultureInfo.InvariantCulture) : "-";
}

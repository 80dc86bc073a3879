using System.CommandLine;
using System.Globalization;
using System.Text;
using System.Text.Json;
using Steward.Core;
using Steward.Core.Alignment.Ingest;
using Steward.Core.Alignment.Monitoring;
using Steward.Core.Governance;
using Steward.Core.Reporting;
using Steward.Core.Storage;

namespace Steward.Cli.Commands;

/// <summary>
/// <c>steward monitor run</c>: runs the repository's Monitor objects over the stored inference log.
/// Exit 1 when any window breaches a threshold, 0 otherwise.
/// </summary>
public static class MonitorCommand
{
    public static Command Create()
    {
        var command = new Command("monitor", "Model monitors (kind Monitor) over the stored inference log.");
        command.Subcommands.Add(Run());
        return command;
    }

    private static Command Run()
    {
        var repo = CommonOptions.Repository();
        var store = CommonOptions.Store();
        var format = CommonOptions.Format("table", "json");
        var from = new Option<string?>("--from") { Description = "First instant (UTC date or timestamp) of inferences to consider.", HelpName = "DATE" };
        var to = new Option<string?>("--to") { Description = "Inferences before this instant (UTC, exclusive).", HelpName = "DATE" };

        var command = new Command("run", "Compute each monitor's metrics per window, store them and report breaches; exit 1 on a breach.");
        command.Arguments.Add(repo);
        foreach (var option in new Option[] { store, format, from, to })
            command.Options.Add(option);
        command.SetAction(parse =>
        {
            var root = parse.GetValue(repo)!;
            var repository = RepositoryLoader.LoadFolder(root);
            using var opened = StewardStore.Open(parse.GetValue(store)!, AlignmentSchema.Module);
            var result = new MonitorRunner(opened).Run(repository.Monitors, root, Date(parse.GetValue(from), "--from"), Date(parse.GetValue(to), "--to"));
            var output = parse.InvocationConfiguration.Output;
            if (parse.GetValue(format) == "json")
                output.WriteLine(Json(result));
            else
                Table(result, output);
            return result.Breached ? ExitCodes.Failed : ExitCodes.Ok;
        });
        return command;
    }

    private static DateTime? Date(string? value, string option)
    {
        if (value is null) return null;
        if (DateTime.TryParse(value, CultureInfo.InvariantCulture, DateTimeStyles.AdjustToUniversal | DateTimeStyles.AssumeUniversal, out var parsed))
            return DateTime.SpecifyKind(parsed, DateTimeKind.Utc);
        throw new StewardInputException($"{option}: '{value}' is not a date (use e.g. 2026-01-31 or 2026-01-31T12:00:00Z)");
    }

    public static string Json(MonitorRunResult result)
    {
        using var stream = new MemoryStream();
        using (var writer = new Utf8JsonWriter(stream, new JsonWriterOptions { Indented = true }))
        {
            writer.WriteStartObject();
            writer.WriteStartArray("monitors");
            foreach (var run in result.Monitors)
            {
                writer.WriteStartObject();
                writer.WriteString("name", run.Monitor.Name);
                writer.WriteString("model", run.Monitor.Model);
                writer.WriteString("version", run.Monitor.Version);
                writer.WriteString("window", run.Monitor.Window);
                writer.WriteStartArray("windows");
                foreach (var w in run.Windows)
                {
                    writer.WriteStartObject();
                    writer.WriteString("start", MonitorRunner.Iso(w.Start));
                    writer.WriteString("end", MonitorRunner.Iso(w.End));
                    writer.WriteNumber("rows", w.Rows);
                    writer.WriteStartObject("metrics");
                    foreach (var (name, value) in w.Metrics)
                    {
                        if (double.IsFinite(value)) writer.WriteNumber(name, value);
                        else writer.WriteNull(name);
                    }
                    writer.WriteEndObject();
                    writer.WriteStartArray("breaches");
                    foreach (var b in w.Breaches)
                    {
                        writer.WriteStartObject();
                        writer.WriteString("metric", b.Metric);
                        writer.WriteNumber("value", b.Value);
                        writer.WriteString("threshold", b.Threshold.ToString());
                        writer.WriteEndObject();
                    }
                    writer.WriteEndArray();
                    writer.WriteEndObject();
                }
                writer.WriteEndArray();
                writer.WriteEndObject();
            }
            writer.WriteEndArray();
            writer.WriteStartArray("findings");
            foreach (var finding in result.Findings)
                JsonCheckReporter.WriteFinding(writer, finding);
            writer.WriteEndArray();
            writer.WriteEndObject();
        }
        return Encoding.UTF8.GetString(stream.ToArray());
    }

    private static void Table(MonitorRunResult result, TextWriter output)
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
            }
        }
        var findings = result.Findings;
        output.WriteLine(findings.Count == 0 ? "No breaches." : $"{findings.Count} breach(es):");
        foreach (var f in findings)
            output.WriteLine($"  {f.Subject.File}:{f.Subject.Line}: {f.RuleId}: {f.Message}");
    }
}

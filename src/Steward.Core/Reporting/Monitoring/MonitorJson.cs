using System.Text.Json;
using Steward.Core.Alignment.Monitoring;

namespace Steward.Core.Reporting.Monitoring;

/// <summary>
/// JSON of <c>steward monitor run</c> and <c>steward monitor report</c>: the same <c>monitors[].windows[]</c>
/// shape, so that a consumer reads a fresh run and the stored history alike.
/// </summary>
public static class MonitorJson
{
    public static string Run(MonitorRunResult result) => Write(writer =>
    {
        writer.WriteStartArray("monitors");
        foreach (var run in result.Monitors)
        {
            writer.WriteStartObject();
            Header(writer, run.Monitor.Name, run.Monitor.Model, run.Monitor.Version, run.Monitor.Window);
            writer.WriteStartArray("windows");
            foreach (var w in run.Windows)
            {
                WindowStart(writer, w.Start, w.End, w.Rows);
                writer.WriteStartObject("metrics");
                foreach (var (name, value) in w.Metrics)
                    Number(writer, name, value);
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
                Notes(writer, w.Notes);
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
    });

    public static string Report(IReadOnlyList<MonitorHistory> monitors) => Write(writer =>
    {
        writer.WriteStartArray("monitors");
        foreach (var history in monitors)
        {
            writer.WriteStartObject();
            Header(writer, history.Monitor.Name, history.Monitor.Model, history.Monitor.Version, history.Monitor.Window);
            writer.WriteStartArray("summary");
            foreach (var s in history.MetricNames.Select(history.Summary))
            {
                writer.WriteStartObject();
                writer.WriteString("metric", s.Metric);
                writer.WriteString("threshold", s.Threshold);
                writer.WriteNumber("windows", s.Windows);
                writer.WriteNumber("breaches", s.Breaches);
                Number(writer, "latest", s.Latest);
                Number(writer, "min", s.Min);
                Number(writer, "max", s.Max);
                writer.WriteString("last_breach", s.LastBreach is { } at ? MonitorRunner.Iso(at) : null);
                writer.WriteEndObject();
            }
            writer.WriteEndArray();
            writer.WriteStartArray("windows");
            foreach (var w in history.Windows)
            {
                WindowStart(writer, w.Start, w.End, w.Rows);
                writer.WriteStartObject("metrics");
                foreach (var (name, stored) in w.Metrics)
                    Number(writer, name, stored.Value);
                writer.WriteEndObject();
                writer.WriteStartArray("breaches");
                foreach (var b in w.Metrics.Values.Where(m => m.Breached))
                {
                    writer.WriteStartObject();
                    writer.WriteString("metric", b.Metric);
                    Number(writer, "value", b.Value);
                    writer.WriteString("threshold", b.Threshold);
                    writer.WriteEndObject();
                }
                writer.WriteEndArray();
                Notes(writer, w.Notes);
                writer.WriteEndObject();
            }
            writer.WriteEndArray();
            writer.WriteEndObject();
        }
        writer.WriteEndArray();
    });

    private static void Header(Utf8JsonWriter writer, string name, string model, string? version, string window)
    {
        writer.WriteString("name", name);
        writer.WriteString("model", model);
        writer.WriteString("version", version);
        writer.WriteString("window", window);
    }

    private static void WindowStart(Utf8JsonWriter writer, DateTime start, DateTime end, long rows)
    {
        writer.WriteStartObject();
        writer.WriteString("start", MonitorRunner.Iso(start));
        writer.WriteString("end", MonitorRunner.Iso(end));
        writer.WriteNumber("rows", rows);
    }

    private static void Notes(Utf8JsonWriter writer, IReadOnlyList<string> notes)
    {
        writer.WriteStartArray("notes");
        foreach (var note in notes)
            writer.WriteStringValue(note);
        writer.WriteEndArray();
    }

    private static void Number(Utf8JsonWriter writer, string name, double? value) => writer.FiniteOrNull(name, value);

    private static string Write(Action<Utf8JsonWriter> body) => JsonValues.Object(body);
}

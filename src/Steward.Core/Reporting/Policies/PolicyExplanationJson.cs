using System.Text;
using System.Text.Encodings.Web;
using System.Text.Json;
using Steward.Core.Application.Policies;

namespace Steward.Core.Reporting.Policies;

/// <summary>The JSON of <c>steward policy explain --format json</c>: per object, the levels, the exceptions and the findings that decided a rule.</summary>
public static class PolicyExplanationJson
{
    public static string Write(PolicyExplanation explanation)
    {
        using var stream = new MemoryStream();
        using (var w = new Utf8JsonWriter(stream, new JsonWriterOptions { Indented = true, Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping }))
        {
            w.WriteStartObject();
            w.WriteString("rule", explanation.Rule);
            w.WriteString("file", explanation.File);
            w.WriteStartArray("objects");
            foreach (var o in explanation.Objects)
            {
                w.WriteStartObject();
                w.WriteString("kind", o.Kind);
                w.WriteString("namespace", o.Namespace);
                w.WriteString("name", o.Name);
                w.WriteNumber("line", o.Line);
                w.WriteString("verdict", o.Verdict);
                w.WriteStartArray("levels");
                foreach (var step in o.Levels)
                {
                    w.WriteStartObject();
                    w.WriteString("level", step.Level.ToString().ToLowerInvariant());
                    w.WriteString("name", step.Name);
                    w.WriteString("source", step.Source);
                    w.WriteString("key", step.Key);
                    if (step.Setting is { } s)
                    {
                        w.WriteBoolean("enabled", s.Enabled);
                        w.WriteString("severity", s.Severity is { } severity ? Names.Of(severity) : null);
                        w.WriteBoolean("overridable", s.Overridable);
                    }
                    w.WriteString("outcome", step.Outcome);
                    w.WriteEndObject();
                }
                w.WriteEndArray();
                if (o.Thresholds.Count > 0)
                {
                    w.WriteStartArray("thresholds");
                    foreach (var step in o.Thresholds)
                    {
                        w.WriteStartObject();
                        w.WriteString("metric", step.Metric);
                        w.WriteString("level", step.Level.ToString().ToLowerInvariant());
                        w.WriteString("name", step.Name);
                        w.WriteString("source", step.Source);
                        w.WriteString("written", step.Written?.ToString());
                        w.WriteString("effective", step.Effective?.ToString());
                        w.WriteString("outcome", step.Outcome);
                        w.WriteEndObject();
                    }
                    w.WriteEndArray();
                }
                w.WriteStartArray("exceptions");
                foreach (var e in o.Exceptions)
                {
                    w.WriteStartObject();
                    w.WriteString("exception", e.Name);
                    w.WriteString("file", e.File);
                    w.WriteString("expiresAt", e.ExpiresAt);
                    w.WriteBoolean("active", e.Active);
                    w.WriteString("approver", e.Approver);
                    w.WriteString("reason", e.Reason);
                    w.WriteEndObject();
                }
                w.WriteEndArray();
                w.WriteStartArray("findings");
                foreach (var f in o.Findings) JsonCheckReporter.WriteFinding(w, f);
                w.WriteEndArray();
                w.WriteEndObject();
            }
            w.WriteEndArray();
            w.WriteEndObject();
        }
        return Encoding.UTF8.GetString(stream.ToArray());
    }
}

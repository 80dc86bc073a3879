using System.Text;
using System.Text.Encodings.Web;
using System.Text.Json;
using Steward.Core.GitOps.Diff;

namespace Steward.Core.Reporting.GitOps;

/// <summary>The JSON of <c>steward diff --format json</c>: each object's sync status and differences, then the counts per status.</summary>
public static class DiffReportJson
{
    public static string Write(DiffReport report)
    {
        using var stream = new MemoryStream();
        using (var w = new Utf8JsonWriter(stream, new JsonWriterOptions { Indented = true, Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping }))
        {
            w.WriteStartObject();
            w.WriteStartArray("objects");
            foreach (var o in report.Objects)
            {
                w.WriteStartObject();
                w.WriteString("group", o.Identity.Group);
                w.WriteString("kind", o.Identity.Kind);
                w.WriteString("namespace", o.Identity.Namespace);
                w.WriteString("name", o.Identity.Name);
                w.WriteString("status", o.Status.ToString());
                if (o.Location is { } at)
                {
                    w.WriteString("file", at.File);
                    w.WriteNumber("line", at.Line);
                }
                w.WriteStartArray("diffs");
                foreach (var d in o.Diffs)
                {
                    w.WriteStartObject();
                    w.WriteString("path", d.Path);
                    w.WritePropertyName("desired");
                    if (d.Desired is null) w.WriteNullValue(); else d.Desired.WriteTo(w);
                    w.WritePropertyName("live");
                    if (d.Live is null) w.WriteNullValue(); else d.Live.WriteTo(w);
                    w.WriteEndObject();
                }
                w.WriteEndArray();
                w.WriteEndObject();
            }
            w.WriteEndArray();
            w.WriteStartObject("summary");
            foreach (var status in Enum.GetValues<SyncStatus>())
                w.WriteNumber(char.ToLowerInvariant(status.ToString()[0]) + status.ToString()[1..], report.Count(status));
            w.WriteEndObject();
            w.WriteEndObject();
        }
        return Encoding.UTF8.GetString(stream.ToArray());
    }
}

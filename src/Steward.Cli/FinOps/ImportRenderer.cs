using System.Globalization;
using System.Text.Json;
using Steward.Core.FinOps.Import;

namespace Steward.Cli.FinOps;

/// <summary>The summary of <c>steward cost import</c>: one line per file, or JSON.</summary>
internal static class ImportRenderer
{
    public static void Write(IReadOnlyList<FocusImportResult> results, string format, TextWriter output)
    {
        if (format == "json")
        {
            Json(results, output);
            return;
        }
        foreach (var r in results)
        {
            var name = Path.GetFileName(r.Path);
            var money = string.Join(" + ", r.BilledCost.Select(a => $"{Money.Exact(a.Amount)} {a.Currency}"));
            var period = r.PeriodStart is { } start && r.PeriodEnd is { } end ? $", {Date(start)} to {Date(end)}" : "";
            output.WriteLine(r.AlreadyImported
                ? $"{name}: already imported (import {r.ImportId}); nothing added"
                : $"{name}: imported {r.Rows.ToString(CultureInfo.InvariantCulture)} rows, BilledCost {(money.Length == 0 ? "0" : money)}{period} (import {r.ImportId})");
        }
    }

    private static string Date(DateTime value) => value.TimeOfDay == TimeSpan.Zero
        ? value.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture)
        : value.ToString("yyyy-MM-dd HH:mm", CultureInfo.InvariantCulture);

    private static void Json(IReadOnlyList<FocusImportResult> results, TextWriter output)
    {
        using var stream = new MemoryStream();
        using (var json = new Utf8JsonWriter(stream, new JsonWriterOptions { Indented = true }))
        {
            json.WriteStartObject();
            json.WriteStartArray("imports");
            foreach (var r in results)
            {
                json.WriteStartObject();
                json.WriteString("file", r.Path);
                json.WriteNumber("import_id", r.ImportId);
                json.WriteBoolean("already_imported", r.AlreadyImported);
                json.WriteNumber("rows", r.Rows);
                json.WriteStartObject("billed_cost");
                foreach (var a in r.BilledCost)
                    json.WriteNumber(a.Currency, Money.Normalize(a.Amount));
                json.WriteEndObject();
                json.WriteString("period_start", r.PeriodStart?.ToString("yyyy-MM-ddTHH:mm:ssZ", CultureInfo.InvariantCulture));
                json.WriteString("period_end", r.PeriodEnd?.ToString("yyyy-MM-ddTHH:mm:ssZ", CultureInfo.InvariantCulture));
                json.WriteEndObject();
            }
            json.WriteEndArray();
            json.WriteEndObject();
        }
        output.WriteLine(System.Text.Encoding.UTF8.GetString(stream.ToArray()));
    }
}

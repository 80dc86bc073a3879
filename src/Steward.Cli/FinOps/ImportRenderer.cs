using System.Globalization;
using System.Text.Json;
using Steward.Core.FinOps.Import;
using Steward.Core.FinOps.Restatement;

namespace Steward.Cli.FinOps;

/// <summary>The summary of <c>steward cost import</c>: one line per file, or JSON.</summary>
internal static class ImportRenderer
{
    /// <param name="replaced">With <c>--replace-period</c>: the earlier charges the files replaced (null without the option).</param>
    public static void Write(IReadOnlyList<FocusImportResult> results, string format, TextWriter output, IReadOnlyList<ReplacedCharges>? replaced = null)
    {
        if (format == "json")
        {
            Json(results, output, replaced);
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
            foreach (var x in replaced?.Where(x => x.ByImportId == r.ImportId && !r.AlreadyImported) ?? [])
                output.WriteLine($"  replaced {x.Rows.ToString(CultureInfo.InvariantCulture)} rows of import {x.ReplacedImportId} "
                    + $"({x.ProviderName ?? "(none)"}, account {x.BillingAccountId ?? "(none)"}, billing period {(x.BillingPeriodStart is { } p ? Date(p) : "(none)")}), "
                    + $"BilledCost {Money.Exact(x.BilledCost)} {x.Currency}");
        }
        if (replaced is { Count: 0 } && results.Any(r => !r.AlreadyImported))
            output.WriteLine("  no earlier charges of these billing periods: nothing replaced");
    }

    private static string Date(DateTime value) => value.TimeOfDay == TimeSpan.Zero
        ? value.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture)
        : value.ToString("yyyy-MM-dd HH:mm", CultureInfo.InvariantCulture);

    private static void Json(IReadOnlyList<FocusImportResult> results, TextWriter output, IReadOnlyList<ReplacedCharges>? replaced)
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
            if (replaced is not null)
            {
                json.WriteStartArray("replaced");
                foreach (var x in replaced)
                {
                    json.WriteStartObject();
                    json.WriteNumber("import_id", x.ByImportId);
                    json.WriteNumber("replaced_import_id", x.ReplacedImportId);
                    json.WriteString("provider", x.ProviderName);
                    json.WriteString("billing_account_id", x.BillingAccountId);
                    json.WriteString("billing_period_start", x.BillingPeriodStart?.ToString("yyyy-MM-ddTHH:mm:ssZ", CultureInfo.InvariantCulture));
                    json.WriteString("currency", x.Currency);
                    json.WriteNumber("rows", x.Rows);
                    json.WriteNumber("billed_cost", Money.Normalize(x.BilledCost));
                    json.WriteEndObject();
                }
                json.WriteEndArray();
            }
            json.WriteEndObject();
        }
        output.WriteLine(System.Text.Encoding.UTF8.GetString(stream.ToArray()));
    }
}

using System.Globalization;
using Steward.Core.FinOps.Import;
using Steward.Core.FinOps.Restatement;
using Steward.Core.FinOps.Usage;
using Steward.Core.FinOps.Usage.Prometheus;

namespace Steward.Core.Reporting.Costs;

/// <summary>The JSON summaries of <c>steward cost import</c> and <c>steward cost import-usage</c>: one entry per file.</summary>
public static class CostImportJson
{
    /// <param name="replaced">With <c>--replace-period</c>: the earlier charges the files replaced (null without the option).</param>
    public static string Focus(IReadOnlyList<FocusImportResult> results, IReadOnlyList<ReplacedCharges>? replaced) => JsonValues.Object(json =>
    {
        json.WriteStartArray("imports");
        foreach (var r in results)
        {
            json.WriteStartObject();
            ImportedFile(json, r);
            json.WriteString("period_start", Instant(r.PeriodStart));
            json.WriteString("period_end", Instant(r.PeriodEnd));
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
                json.WriteString("billing_period_start", Instant(x.BillingPeriodStart));
                json.WriteString("currency", x.Currency);
                json.WriteNumber("rows", x.Rows);
                json.WriteNumber("billed_cost", Money.Normalize(x.BilledCost));
                json.WriteEndObject();
            }
            json.WriteEndArray();
        }
    });

    public static string Usage(IReadOnlyList<UsageImportResult> results) => JsonValues.Object(json =>
    {
        json.WriteStartArray("imports");
        foreach (var r in results)
        {
            json.WriteStartObject();
            json.WriteString("file", r.Path);
            json.WriteNumber("import_id", r.ImportId);
            json.WriteBoolean("already_imported", r.AlreadyImported);
            json.WriteNumber("rows", r.Rows);
            json.WriteEndObject();
        }
        json.WriteEndArray();
    });

    /// <summary><c>steward cost import-usage --prometheus</c>: one import of the server's windows.</summary>
    public static string PrometheusUsage(PrometheusImportResult r) => JsonValues.Object(json =>
    {
        json.WriteStartArray("imports");
        json.WriteStartObject();
        json.WriteString("prometheus", r.Server);
        json.WriteNumber("import_id", r.ImportId);
        json.WriteBoolean("already_imported", false);
        json.WriteNumber("rows", r.Rows);
        json.WriteString("period_start", Instant(r.From));
        json.WriteString("period_end", Instant(r.To));
        json.WriteNumber("step_seconds", (long)r.Step.TotalSeconds);
        json.WriteNumber("windows", r.Windows);
        json.WriteNumber("replaced_rows", r.Replaced);
        json.WriteEndObject();
        json.WriteEndArray();
    });

    /// <summary>The fields every FOCUS file's entry has (<c>cost import</c> FILE, and each file of a drop-folder run).</summary>
    public static void ImportedFile(System.Text.Json.Utf8JsonWriter json, FocusImportResult r)
    {
        json.WriteString("file", r.Path);
        json.WriteNumber("import_id", r.ImportId);
        json.WriteBoolean("already_imported", r.AlreadyImported);
        json.WriteNumber("rows", r.Rows);
        json.WriteStartObject("billed_cost");
        foreach (var a in r.BilledCost)
            json.WriteNumber(a.Currency, Money.Normalize(a.Amount));
        json.WriteEndObject();
    }

    private static string? Instant(DateTime? value) => value?.ToString("yyyy-MM-ddTHH:mm:ssZ", CultureInfo.InvariantCulture);
}

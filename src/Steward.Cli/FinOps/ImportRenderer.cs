using System.Globalization;
using Steward.Core.FinOps.Import;
using Steward.Core.FinOps.Restatement;
using Steward.Core.Reporting;
using Steward.Core.Reporting.Costs;

namespace Steward.Cli.FinOps;

/// <summary>The summary of <c>steward cost import</c>: one line per file, or JSON.</summary>
internal static class ImportRenderer
{
    /// <param name="replaced">With <c>--replace-period</c>: the earlier charges the files replaced (null without the option).</param>
    public static void Write(IReadOnlyList<FocusImportResult> results, string format, TextWriter output, IReadOnlyList<ReplacedCharges>? replaced = null)
    {
        if (format == "json")
        {
            output.WriteLine(CostImportJson.Focus(results, replaced));
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
}

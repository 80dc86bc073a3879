using System.Globalization;
using Steward.Core.FinOps.Allocation;
using Steward.Core.FinOps.Budgets;

namespace Steward.Core.Reporting.Costs;

/// <summary>The JSON of <c>steward cost allocate</c> (rows and workloads) and <c>steward cost budgets</c>.</summary>
public static class CostAllocationJson
{
    public static string Allocation(AllocationResult result) => JsonValues.Object(json =>
    {
        json.WriteStartArray("rows");
        foreach (var row in result.Rows)
        {
            json.WriteStartObject();
            json.WriteStartObject("keys");
            for (var i = 0; i < result.Dimensions.Count; i++) json.WriteString(result.Dimensions[i], row.Keys[i]);
            json.WriteEndObject();
            json.WriteNumber("direct", Money.Normalize(row.Direct));
            json.WriteNumber("shared", Money.Normalize(row.Shared));
            json.WriteNumber("idle", Money.Normalize(row.Idle));
            json.WriteNumber("cost", Money.Normalize(row.Total));
            json.WriteEndObject();
        }
        json.WriteEndArray();
        json.WriteStartArray("workloads");
        foreach (var w in result.Workloads)
        {
            json.WriteStartObject();
            json.WriteString("namespace", w.Namespace);
            json.WriteString("kind", w.Kind.Length == 0 ? null : w.Kind);
            json.WriteString("name", w.Name);
            json.WriteNumber("direct", Money.Normalize(w.Direct));
            json.WriteNumber("shared", Money.Normalize(w.Shared));
            json.WriteNumber("idle", Money.Normalize(w.Idle));
            json.WriteNumber("cost", Money.Normalize(w.Total));
            json.WriteEndObject();
        }
        json.WriteEndArray();
        json.WriteNumber("usage_cost", Money.Normalize(result.UsageCost));
        json.WriteNumber("shared_cost", Money.Normalize(result.SharedCost));
        json.WriteNumber("idle_cost", Money.Normalize(result.IdleCost));
        json.WriteNumber("total", Money.Normalize(result.Total));
        json.WriteNumber("samples", result.Samples);
        json.WriteString("currency", "USD");
        json.WriteString("from", result.From?.ToString("yyyy-MM-ddTHH:mm:ssZ", CultureInfo.InvariantCulture));
        json.WriteString("to", result.To?.ToString("yyyy-MM-ddTHH:mm:ssZ", CultureInfo.InvariantCulture));
    });

    public static string Budgets(IReadOnlyList<BudgetStatus> statuses) => JsonValues.Object(json =>
    {
        json.WriteStartArray("budgets");
        foreach (var s in statuses)
        {
            json.WriteStartObject();
            json.WriteString("name", s.Budget.Name);
            json.WriteString("file", s.Budget.Object.Location.File);
            json.WriteNumber("line", s.Budget.Object.Location.Line);
            json.WriteString("month", s.Month);
            json.WriteNumber("amount", Money.Normalize(s.MonthlyAmount));
            json.WriteString("currency", s.Budget.Currency);
            json.WriteNumber("actual", Money.Normalize(s.Actual));
            json.WriteNumber("forecast", Money.Normalize(s.Forecast));
            json.WriteNumber("elapsed_days", Math.Round(s.ElapsedDays, 6));
            json.WriteNumber("days_left", s.DaysLeft);
            if (s.Finding is { } f)
            {
                json.WriteStartObject("finding");
                json.WriteString("rule", f.RuleId);
                json.WriteString("severity", f.Severity.ToString().ToLowerInvariant());
                json.WriteString("category", f.Category.ToString());
                json.WriteString("message", f.Message);
                json.WriteString("crossed_by", (string?)f.Evidence["crossed_by"]);
                json.WriteNumber("threshold", (decimal)f.Evidence["threshold"]!);
                json.WriteEndObject();
            }
            else
            {
                json.WriteNull("finding");
            }
            json.WriteEndObject();
        }
        json.WriteEndArray();
    });
}

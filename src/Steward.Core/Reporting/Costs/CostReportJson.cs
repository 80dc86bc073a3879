using System.Globalization;
using Steward.Core.FinOps.Reports;

namespace Steward.Core.Reporting.Costs;

/// <summary>
/// The JSON of a cost report: <c>steward cost report --format json</c> and <c>GET /api/v1/costs/report</c>
/// write the same bytes. Amounts exact, without trailing zeros.
/// </summary>
public static class CostReportJson
{
    public static string Write(CostReportResult report) => JsonValues.Object(json =>
    {
        json.WriteStartArray("rows");
        foreach (var row in report.Rows)
        {
            json.WriteStartObject();
            json.WriteStartObject("keys");
            for (var i = 0; i < report.Dimensions.Count; i++)
                json.WriteString(report.Dimensions[i], row.Keys[i]);
            json.WriteEndObject();
            json.WriteNumber("cost", Money.Normalize(row.Cost));
            json.WriteEndObject();
        }
        json.WriteEndArray();
        json.WriteNumber("total", Money.Normalize(report.Total));
        json.WriteString("currency", report.Currency);
        json.WriteString("metric", report.Metric);
        json.WriteString("from", report.Filter.From?.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture));
        json.WriteString("to", report.Filter.To?.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture));
    });
}

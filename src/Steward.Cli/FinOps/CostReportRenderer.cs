using System.Globalization;
using System.Net;
using Steward.Core.FinOps.Reports;
using Steward.Core.Reporting;
using Steward.Core.Reporting.Costs;

namespace Steward.Cli.FinOps;

/// <summary>Writes a cost report as a table, JSON (Core's <see cref="CostReportJson"/>, as the server), CSV or a standalone HTML page.</summary>
internal static class CostReportRenderer
{
    public const string NullKey = "(none)";

    public static void Write(CostReportResult report, string format, TextWriter output)
    {
        switch (format)
        {
            case "json": output.WriteLine(CostReportJson.Write(report)); break;
            case "csv": CsvRows(report, output); break;
            case "html": Html(report, output); break;
            default: Table(report, output); break;
        }
    }

    private static void Table(CostReportResult report, TextWriter output)
    {
        var currency = report.Currency ?? "";
        var headers = report.Dimensions.Append($"{report.Metric} ({currency})").Append("share").ToList();
        var right = report.Dimensions.Select(_ => false).Append(true).Append(true).ToList();
        var table = new TextTable(headers, right);
        foreach (var row in report.Rows)
            table.Add(row.Keys.Select(k => k ?? NullKey).Append(Money.Display(row.Cost)).Append(Share(row.Cost, report.Total)).ToList());
        table.Footer(report.Dimensions.Select((_, i) => i == 0 ? "total" : "").Append(Money.Display(report.Total)).Append("").ToList());
        table.Write(output);
    }

    private static string Share(decimal cost, decimal total)
        => total == 0 ? "" : (cost / total).ToString("0.0%", CultureInfo.InvariantCulture);

    private static void CsvRows(CostReportResult report, TextWriter output)
    {
        output.WriteLine(Csv.Line(report.Dimensions.Append("cost")));
        foreach (var row in report.Rows)
            output.WriteLine(Csv.Line(row.Keys.Append(Money.Exact(row.Cost))));
    }

    private static void Html(CostReportResult report, TextWriter output)
    {
        static string E(string? s) => WebUtility.HtmlEncode(s ?? NullKey);
        var title = $"{report.Metric} by {string.Join(", ", report.Dimensions)}";
        output.WriteLine("<!DOCTYPE html>");
        output.WriteLine("<html lang=\"en\"><head><meta charset=\"utf-8\"><title>" + E(title) + "</title>");
        output.WriteLine("<style>body{font-family:sans-serif}table{border-collapse:collapse}th,td{padding:2px 8px;border-bottom:1px solid #ddd}td.n,th.n{text-align:right}</style></head><body>");
        output.WriteLine($"<h1>{E(title)}</h1>");
        output.WriteLine("<table><thead><tr>" + string.Concat(report.Dimensions.Select(d => $"<th>{E(d)}</th>"))
            + $"<th class=\"n\">{E(report.Metric)} ({E(report.Currency ?? "")})</th></tr></thead><tbody>");
        foreach (var row in report.Rows)
            output.WriteLine("<tr>" + string.Concat(row.Keys.Select(k => $"<td>{E(k)}</td>")) + $"<td class=\"n\">{Money.Exact(row.Cost)}</td></tr>");
        output.WriteLine("</tbody><tfoot><tr>" + string.Concat(report.Dimensions.Select((_, i) => i == 0 ? "<th>total</th>" : "<th></th>"))
            + $"<th class=\"n\">{Money.Exact(report.Total)}</th></tr></tfoot></table></body></html>");
    }
}

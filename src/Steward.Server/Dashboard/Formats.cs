using System.Globalization;
using Steward.Core.FinOps.Budgets;
using Steward.Core.Reporting;

namespace Steward.Server.Dashboard;

/// <summary>Numbers and statuses written exactly as the CLI's tables write them (the commands named on each method).</summary>
internal static class Formats
{
    /// <summary>Amounts: <c>cost report</c>, <c>forecast</c>, <c>anomalies</c>, <c>budgets</c> tables.</summary>
    public static string Money(decimal value) => Core.Reporting.Money.Display(value);

    /// <summary>A row's share of the total, as <c>cost report</c>'s table.</summary>
    public static string Share(decimal cost, decimal total) => total == 0 ? "" : (cost / total).ToString("0.0%", CultureInfo.InvariantCulture);

    public static string Date(DateOnly date) => date.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);

    /// <summary>The status column of <c>cost budgets</c>.</summary>
    public static string BudgetStatus(BudgetStatus s) => s.Finding is { } f
        ? $"{f.Severity.ToString().ToLowerInvariant()}: {(string?)f.Evidence["crossed_by"]} ≥ {((decimal)f.Evidence["threshold"]! * 100m).ToString("0.##", CultureInfo.InvariantCulture)} %"
        : "ok";

    /// <summary>Metric values of <c>monitor report</c>'s table.</summary>
    public static string Metric(double? value) => value is { } v ? v.ToString("G4", CultureInfo.InvariantCulture) : "-";

    /// <summary>Window starts of <c>monitor report</c>: the time of day only when it is not midnight.</summary>
    public static string Window(DateTime at) =>
        at.ToString(at.TimeOfDay == TimeSpan.Zero ? "yyyy-MM-dd" : "yyyy-MM-dd HH:mm", CultureInfo.InvariantCulture);

    public static string Severity(Core.Findings.Severity severity) => Names.Of(severity);
}

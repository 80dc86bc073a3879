using Steward.Core.Findings;
using Steward.Core.Policy;

namespace Steward.Core.Reporting;

/// <summary>Markdown for a pull-request comment: verdict, findings table, cost of the change.</summary>
public sealed class MarkdownCheckReporter : ICheckReporter
{
    public string Format => "markdown";

    public void Write(CheckResult result, TextWriter output, ReportOptions options) => Write(result, output, options, bySeverity: false, maxFindings: null);

    /// <summary>
    /// The GitHub job summary (<c>$GITHUB_STEP_SUMMARY</c>): the same report with the most severe
    /// findings first and at most <paramref name="maxFindings"/> rows, since GitHub refuses a step
    /// summary over 1 MiB.
    /// </summary>
    public static void WriteSummary(CheckResult result, TextWriter output, ReportOptions options, int maxFindings = 100) =>
        Write(result, output, options, bySeverity: true, maxFindings);

    private static void Write(CheckResult result, TextWriter output, ReportOptions options, bool bySeverity, int? maxFindings)
    {
        var s = result.Summary;
        output.WriteLine($"## Steward check: {(result.HasErrors ? "❌ failed" : "✅ passed")}");
        output.WriteLine();
        output.WriteLine($"{s.Errors} error(s), {s.Warnings} warning(s), {s.Infos} info(s){Names.SuppressedCount(s)} over {s.Objects} objects ({s.Workloads} workloads, {s.Models} model versions, {s.Budgets} budgets, {s.Monitors} monitors, {s.Policies} policies).");
        output.WriteLine();
        if (result.Findings.Count > 0)
        {
            output.WriteLine("| Severity | Rule | Location | Message |");
            output.WriteLine("|---|---|---|---|");
            // OrderByDescending is stable: within a severity the report's own order stays.
            var findings = bySeverity ? result.Findings.OrderByDescending(f => f.Severity).ToList() : result.Findings;
            foreach (var f in findings.Take(maxFindings ?? int.MaxValue))
                output.WriteLine($"| {Names.SeverityLabel(f)} | `{f.RuleId}` | {Escape(Names.Location(f.Subject, options))} | {Escape(Names.MessageWithSuppression(f))} |");
            if (findings.Count > (maxFindings ?? int.MaxValue))
                output.WriteLine($"| | | | … and {findings.Count - maxFindings} more (see the annotations or the SARIF report) |");
            output.WriteLine();
        }

        output.WriteLine("### Monthly cost of the desired state");
        output.WriteLine();
        var change = result.CostChange;
        if (change is null)
        {
            output.WriteLine("| Workload | Scope | Monthly (USD) |");
            output.WriteLine("|---|---|---:|");
            foreach (var w in result.Cost.Workloads)
                output.WriteLine($"| {w.Workload.Kind}/{w.Workload.Name} | {w.Scope} | {Names.Cents(w.MonthlyUsd):0.00} |");
            output.WriteLine($"| **Total** | | **{Names.Cents(result.Cost.TotalMonthlyUsd):0.00}** |");
        }
        else
        {
            output.WriteLine("| Workload | Base (USD) | Now (USD) | Change |");
            output.WriteLine("|---|---:|---:|---:|");
            foreach (var w in change.Workloads)
                output.WriteLine($"| {w.Kind}/{w.Name} | {Money(w.BaseMonthlyUsd)} | {Money(w.MonthlyUsd)} | {Signed(Names.Cents(w.MonthlyUsd ?? 0) - Names.Cents(w.BaseMonthlyUsd ?? 0))} |");
            output.WriteLine($"| **Total** | **{Names.Cents(change.BaseTotalMonthlyUsd):0.00}** | **{Names.Cents(change.TotalMonthlyUsd):0.00}** | **{Signed(Names.Cents(change.TotalMonthlyUsd) - Names.Cents(change.BaseTotalMonthlyUsd))}** |");
        }
    }

    private static string Money(decimal? amount) => amount is { } a ? $"{Names.Cents(a):0.00}" : "–";

    private static string Signed(decimal amount) => amount > 0 ? $"+{amount:0.00}" : $"{amount:0.00}";

    private static string Escape(string text) => text.Replace("|", "\\|", StringComparison.Ordinal).Replace("\n", " ", StringComparison.Ordinal);
}

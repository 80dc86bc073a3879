using Steward.Core.Findings;
using Steward.Core.Policy;

namespace Steward.Core.Reporting;

/// <summary>Markdown for a pull-request comment: verdict, findings table, cost of the change.</summary>
public sealed class MarkdownCheckReporter : ICheckReporter
{
    public string Format => "markdown";

    public void Write(CheckResult result, TextWriter output, ReportOptions options)
    {
        var s = result.Summary;
        output.WriteLine($"## Steward check: {(result.HasErrors ? "❌ failed" : "✅ passed")}");
        output.WriteLine();
        output.WriteLine($"{s.Errors} error(s), {s.Warnings} warning(s), {s.Infos} info(s) over {s.Objects} objects ({s.Workloads} workloads, {s.Models} model versions, {s.Budgets} budgets, {s.Monitors} monitors, {s.Policies} policies).");
        output.WriteLine();
        if (result.Findings.Count > 0)
        {
            output.WriteLine("| Severity | Rule | Location | Message |");
            output.WriteLine("|---|---|---|---|");
            foreach (var f in result.Findings)
                output.WriteLine($"| {Names.Of(f.Severity)} | `{f.RuleId}` | {Escape(options.PathPrefix + Names.Location(f.Subject))} | {Escape(f.Message)} |");
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

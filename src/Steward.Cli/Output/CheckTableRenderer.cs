using Steward.Core.Findings;
using Steward.Core.Policy;
using Steward.Core.Reporting;

namespace Steward.Cli.Output;

/// <summary>The terminal report of <c>steward check</c>: findings, cost per workload and scope, verdict.</summary>
public static class CheckTableRenderer
{
    public static void Render(CheckResult result, TerminalText terminal)
    {
        if (result.Findings.Count > 0)
        {
            var findings = new BoxTable($"Findings in {result.Repository}", [new("Severity"), new("Rule"), new("Location"), new("Message")]);
            foreach (var f in result.Findings)
                findings.Add(f.Suppressed is null ? Severity(f.Severity) : new Cell(Names.SeverityLabel(f), Ink.Blue), f.RuleId, Names.Location(f.Subject), Names.MessageWithSuppression(f));
            findings.Write(terminal);
        }

        RenderCost(result, terminal);
        var s = result.Summary;
        var verdict = result.HasErrors ? terminal.Styled("FAILED", Ink.Red) : terminal.Styled("PASSED", Ink.Green);
        terminal.Writer.WriteLine($"{verdict}: {s.Errors} error(s), {s.Warnings} warning(s), {s.Infos} info(s){Names.SuppressedCount(s)} over {s.Objects} objects ({s.Workloads} workloads, {s.Models} model versions, {s.Budgets} budgets, {s.Monitors} monitors, {s.Policies} policies)");
    }

    private static void RenderCost(CheckResult result, TerminalText terminal)
    {
        var change = result.CostChange;
        if (change is null && result.Cost.Workloads.Count > 0)
        {
            var table = new BoxTable("Monthly cost of the desired state (USD)",
                [new("Workload"), new("Scope"), new("Replicas", true), new("CPU", true), new("Memory GiB", true), new("GPU", true), new("Monthly", true)]);
            var repeated = Repeated(result.Cost.Workloads.Select(w => w.Key));
            foreach (var w in result.Cost.Workloads)
                table.Add(Label(w.Workload.Kind, w.Workload.Name, repeated.Contains(w.Key) ? w.File : null), w.Scope, w.Replicas.ToString(),
                    $"{w.CpuCores:0.###}", $"{w.MemoryGiB:0.###}", $"{w.Gpus:0.##}", $"{Names.Cents(w.MonthlyUsd):N2}");
            table.Add(new Cell("Total", Ink.Bold), "", "", "", "", "", new Cell($"{Names.Cents(result.Cost.TotalMonthlyUsd):N2}", Ink.Bold));
            table.Write(terminal);
        }
        else if (change is not null)
        {
            var table = new BoxTable("Monthly cost of the desired state (USD)", [new("Workload"), new("Scope"), new("Base", true), new("Now", true), new("Change", true)]);
            var repeated = Repeated(change.Workloads.Select(w => w.Key));
            foreach (var w in change.Workloads)
            {
                var delta = Names.Cents(w.MonthlyUsd ?? 0) - Names.Cents(w.BaseMonthlyUsd ?? 0);
                table.Add(Label(w.Kind, w.Name, repeated.Contains(w.Key) ? w.File : null), w.Current?.Scope ?? "", Money(w.BaseMonthlyUsd), Money(w.MonthlyUsd), Delta(delta));
            }
            table.Add(new Cell("Total", Ink.Bold), "", new Cell($"{Names.Cents(change.BaseTotalMonthlyUsd):N2}", Ink.Bold), new Cell($"{Names.Cents(change.TotalMonthlyUsd):N2}", Ink.Bold),
                Delta(Names.Cents(change.TotalMonthlyUsd) - Names.Cents(change.BaseTotalMonthlyUsd)));
            table.Write(terminal);
        }

        if (result.Cost.Scopes.Count > 0)
        {
            var scopes = new BoxTable("Monthly cost per scope (USD)", [new("Scope"), new("Monthly", true)]);
            foreach (var (scope, amount) in result.Cost.Scopes)
                scopes.Add(scope, $"{Names.Cents(amount):N2}");
            scopes.Write(terminal);
        }
    }

    /// <summary>Identities defined in several files (overlays, environments): their rows name the file too.</summary>
    private static HashSet<string> Repeated(IEnumerable<string> keys)
    {
        var seen = new HashSet<string>(StringComparer.Ordinal);
        var repeated = new HashSet<string>(StringComparer.Ordinal);
        foreach (var key in keys)
            if (!seen.Add(key)) repeated.Add(key);
        return repeated;
    }

    private static string Label(string kind, string name, string? file) => file is null ? $"{kind}/{name}" : $"{kind}/{name} ({file})";

    private static string Money(decimal? amount) => amount is { } a ? $"{Names.Cents(a):N2}" : "–";

    private static Cell Delta(decimal amount) => amount switch
    {
        > 0 => new Cell($"+{amount:N2}", Ink.Red),
        < 0 => new Cell($"{amount:N2}", Ink.Green),
        _ => new Cell("0.00"),
    };

    private static Cell Severity(Severity severity) => severity switch
    {
        Core.Findings.Severity.Critical => new Cell("critical", Ink.BoldRed),
        Core.Findings.Severity.Error => new Cell("error", Ink.Red),
        Core.Findings.Severity.Warning => new Cell("warning", Ink.Yellow),
        _ => new Cell("info", Ink.Blue),
    };
}

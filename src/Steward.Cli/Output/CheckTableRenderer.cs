using Spectre.Console;
using Steward.Core.Findings;
using Steward.Core.Policy;
using Steward.Core.Reporting;

namespace Steward.Cli.Output;

/// <summary>The terminal report of <c>steward check</c>: findings, cost per workload and scope, verdict.</summary>
public static class CheckTableRenderer
{
    public static void Render(CheckResult result, IAnsiConsole console)
    {
        if (result.Findings.Count > 0)
        {
            var findings = new Table().Border(TableBorder.Rounded).Title($"Findings in {Markup.Escape(result.Repository)}");
            findings.AddColumn("Severity");
            findings.AddColumn("Rule");
            findings.AddColumn("Location");
            findings.AddColumn("Message");
            foreach (var f in result.Findings)
                findings.AddRow(Severity(f.Severity), Markup.Escape(f.RuleId), Markup.Escape(Names.Location(f.Subject)), Markup.Escape(f.Message));
            console.Write(findings);
        }

        RenderCost(result, console);
        var s = result.Summary;
        var verdict = result.HasErrors ? "[red]FAILED[/]" : "[green]PASSED[/]";
        console.MarkupLine($"{verdict}: {s.Errors} error(s), {s.Warnings} warning(s), {s.Infos} info(s) over {s.Objects} objects ({s.Workloads} workloads, {s.Models} model versions, {s.Budgets} budgets, {s.Monitors} monitors, {s.Policies} policies)");
    }

    private static void RenderCost(CheckResult result, IAnsiConsole console)
    {
        var change = result.CostChange;
        var table = new Table().Border(TableBorder.Rounded).Title("Monthly cost of the desired state (USD)");
        table.AddColumn("Workload");
        table.AddColumn("Scope");
        if (change is null)
        {
            table.AddColumn(new TableColumn("Replicas").RightAligned());
            table.AddColumn(new TableColumn("CPU").RightAligned());
            table.AddColumn(new TableColumn("Memory GiB").RightAligned());
            table.AddColumn(new TableColumn("GPU").RightAligned());
            table.AddColumn(new TableColumn("Monthly").RightAligned());
            var repeated = Repeated(result.Cost.Workloads.Select(w => w.Key));
            foreach (var w in result.Cost.Workloads)
                table.AddRow(Markup.Escape(Label(w.Workload.Kind, w.Workload.Name, repeated.Contains(w.Key) ? w.File : null)), Markup.Escape(w.Scope), w.Replicas.ToString(),
                    $"{w.CpuCores:0.###}", $"{w.MemoryGiB:0.###}", $"{w.Gpus:0.##}", $"{Names.Cents(w.MonthlyUsd):N2}");
            table.AddRow("[bold]Total[/]", "", "", "", "", "", $"[bold]{Names.Cents(result.Cost.TotalMonthlyUsd):N2}[/]");
        }
        else
        {
            table.AddColumn(new TableColumn("Base").RightAligned());
            table.AddColumn(new TableColumn("Now").RightAligned());
            table.AddColumn(new TableColumn("Change").RightAligned());
            var repeated = Repeated(change.Workloads.Select(w => w.Key));
            foreach (var w in change.Workloads)
            {
                var delta = Names.Cents(w.MonthlyUsd ?? 0) - Names.Cents(w.BaseMonthlyUsd ?? 0);
                table.AddRow(Markup.Escape(Label(w.Kind, w.Name, repeated.Contains(w.Key) ? w.File : null)), Markup.Escape(w.Current?.Scope ?? ""), Money(w.BaseMonthlyUsd), Money(w.MonthlyUsd), Delta(delta));
            }
            table.AddRow("[bold]Total[/]", "", $"[bold]{Names.Cents(change.BaseTotalMonthlyUsd):N2}[/]", $"[bold]{Names.Cents(change.TotalMonthlyUsd):N2}[/]",
                Delta(Names.Cents(change.TotalMonthlyUsd) - Names.Cents(change.BaseTotalMonthlyUsd)));
        }
        if (result.Cost.Workloads.Count > 0 || change is not null) console.Write(table);

        if (result.Cost.Scopes.Count > 0)
        {
            var scopes = new Table().Border(TableBorder.Rounded).Title("Monthly cost per scope (USD)");
            scopes.AddColumn("Scope");
            scopes.AddColumn(new TableColumn("Monthly").RightAligned());
            foreach (var (scope, amount) in result.Cost.Scopes)
                scopes.AddRow(Markup.Escape(scope), $"{Names.Cents(amount):N2}");
            console.Write(scopes);
        }
    }

    /// <summary>Identities defined in several files (overlays, environments): their rows name the file too.</summary>
    private static HashSet<string> Repeated(IEnumerable<string> keys) =>
        keys.GroupBy(k => k, StringComparer.Ordinal).Where(g => g.Count() > 1).Select(g => g.Key).ToHashSet(StringComparer.Ordinal);

    private static string Label(string kind, string name, string? file) => file is null ? $"{kind}/{name}" : $"{kind}/{name} ({file})";

    private static string Money(decimal? amount) => amount is { } a ? $"{Names.Cents(a):N2}" : "–";

    private static string Delta(decimal amount) => amount switch
    {
        > 0 => $"[red]+{amount:N2}[/]",
        < 0 => $"[green]{amount:N2}[/]",
        _ => "0.00",
    };

    private static string Severity(Severity severity) => severity switch
    {
        Core.Findings.Severity.Critical => "[bold red]critical[/]",
        Core.Findings.Severity.Error => "[red]error[/]",
        Core.Findings.Severity.Warning => "[yellow]warning[/]",
        _ => "[blue]info[/]",
    };
}

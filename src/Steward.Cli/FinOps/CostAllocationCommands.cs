using System.CommandLine;
using System.Globalization;
using Steward.Core;
using Steward.Cli.Commands;
using Steward.Core.Application;
using Steward.Core.Application.Costs;
using Steward.Core.FinOps.Allocation;
using Steward.Core.FinOps.Budgets;
using Steward.Core.Findings;
using Steward.Core.Governance;
using Steward.Core.Reporting;
using Steward.Core.Reporting.Costs;

namespace Steward.Cli.FinOps;

/// <summary><c>steward cost import-usage | allocate | budgets</c>: container usage allocated to teams and budgets.</summary>
internal static class CostAllocationCommands
{
    public static Command ImportUsage()
    {
        var command = new Command("import-usage",
            "Import container usage for allocation: CSV or Parquet files (a Prometheus export; all files or none; content already imported is skipped), "
            + "or with --prometheus the series OpenCost reads, queried per --step window from --from to --to (each window stored once).");
        var files = new Argument<string[]>("files") { Description = "Usage files (not with --prometheus).", Arity = ArgumentArity.ZeroOrMore };
        var store = CommonOptions.Store();
        var format = CommonOptions.Format("table", "json");
        var prometheus = PrometheusOptions.Create();
        command.Arguments.Add(files);
        command.Options.Add(store);
        command.Options.Add(format);
        prometheus.AddTo(command);
        command.SetAction(async (parse, cancellationToken) =>
        {
            var paths = parse.GetValue(files) ?? [];
            var output = parse.InvocationConfiguration.Output;
            if (prometheus.Request(parse, parse.GetValue(store)!) is { } request)
            {
                if (paths.Length > 0)
                    throw new StewardInputException("import-usage: give usage files or --prometheus, not both");
                var imported = await CliApplication.Services.UsageImport.ImportPrometheusAsync(request, cancellationToken);
                output.WriteLine(parse.GetValue(format) == "json" ? CostImportJson.PrometheusUsage(imported) : PrometheusOptions.Describe(imported));
                return ExitCodes.Ok;
            }
            if (paths.Length == 0)
                throw new StewardInputException("import-usage: give usage files (CSV or Parquet) or --prometheus URL --from T --to T");
            var results = CliApplication.Services.UsageImport.Import(parse.GetValue(store)!, paths);
            if (parse.GetValue(format) == "json")
            {
                output.WriteLine(CostImportJson.Usage(results));
            }
            else
            {
                foreach (var r in results)
                {
                    var name = Path.GetFileName(r.Path);
                    var period = r.PeriodStart is { } s && r.PeriodEnd is { } e ? $", {T(s)} to {T(e)}" : "";
                    output.WriteLine(r.AlreadyImported
                        ? $"{name}: already imported (import {r.ImportId}); nothing added"
                        : $"{name}: imported {r.Rows.ToString(CultureInfo.InvariantCulture)} usage rows{period} (import {r.ImportId})");
                }
            }
            return ExitCodes.Ok;
        });
        return command;
    }

    private static Option<string> SharedNamespaces() => new("--shared-namespaces")
    {
        Description = "Namespaces whose cost is shared across teams (comma-separated), e.g. kube-system,monitoring.",
        HelpName = "NS[,NS]",
    };

    private static Option<string> IdleOption()
    {
        var option = new Option<string>("--idle")
        {
            Description = "How idle node capacity and shared namespaces are split across teams: proportional (to their own cost) or even.",
            DefaultValueFactory = _ => "proportional",
            HelpName = "MODE",
        };
        option.AcceptOnlyFromAmong("proportional", "even");
        return option;
    }

    private static IdleSplit Idle(ParseResult parse, Option<string> idle) =>
        parse.GetValue(idle) == "even" ? IdleSplit.Even : IdleSplit.Proportional;

    private static IReadOnlyList<string> ParseList(string? text) =>
        text is null ? [] : text.Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);

    public static Command Allocate()
    {
        var command = new Command("allocate", "Allocate container usage cost (max of request and usage, OpenCost prices from steward.yaml) to teams, cost centres and models through the workloads' labels in Git.");
        var repo = CommonOptions.Repository();
        var store = CommonOptions.Store();
        var from = CostCommand.Date("--from", "First day (usage window start, UTC), inclusive.");
        var to = CostCommand.Date("--to", "Last day (usage window start, UTC), inclusive.");
        var shared = SharedNamespaces();
        var idle = IdleOption();
        var format = CommonOptions.Format("table", "json");
        command.Arguments.Add(repo);
        foreach (var option in new Option[] { store, from, to, shared, idle, format })
            command.Options.Add(option);
        command.SetAction(parse =>
        {
            var result = CliApplication.Services.CostAllocation.Run(new CostAllocationRequest(parse.GetValue(store)!, RepositoryLoader.LoadFolder(parse.GetValue(repo)!))
            {
                From = parse.GetValue(from),
                To = parse.GetValue(to),
                SharedNamespaces = ParseList(parse.GetValue(shared)),
                Idle = Idle(parse, idle),
            });
            var output = parse.InvocationConfiguration.Output;
            if (parse.GetValue(format) == "json")
                output.WriteLine(CostAllocationJson.Allocation(result));
            else
                AllocationTable(result, output);
            return ExitCodes.Ok;
        });
        return command;
    }

    public static Command Budgets()
    {
        var command = new Command("budgets", "Budgets from Git against this month's allocated spend and its run-rate forecast; exit 1 when a budget is exceeded.");
        var repo = CommonOptions.Repository();
        var store = CommonOptions.Store();
        var month = new Option<string>("--month") { Description = "The month (UTC); the current month by default.", HelpName = "YYYY-MM" };
        var shared = SharedNamespaces();
        var idle = IdleOption();
        var format = CommonOptions.Format("table", "json");
        command.Arguments.Add(repo);
        foreach (var option in new Option[] { store, month, shared, idle, format })
            command.Options.Add(option);
        command.SetAction(parse =>
        {
            var outcome = CliApplication.Services.Budgets.Run(new BudgetRequest(parse.GetValue(store)!, RepositoryLoader.LoadFolder(parse.GetValue(repo)!))
            {
                Month = parse.GetValue(month),
                SharedNamespaces = ParseList(parse.GetValue(shared)),
                Idle = Idle(parse, idle),
            });
            var output = parse.InvocationConfiguration.Output;
            if (parse.GetValue(format) == "json")
                output.WriteLine(CostAllocationJson.Budgets(outcome.Statuses));
            else
                BudgetTable(outcome.Statuses, output);
            return outcome.Exceeded ? ExitCodes.Failed : ExitCodes.Ok;
        });
        return command;
    }

    public static Command Optimize()
    {
        var command = new Command("optimize", "Rightsizing (p95 usage / 0.7 target utilisation, with the monthly saving), idle GPUs (< 10 % utilisation), and per model version the cost per 1,000 inferences and sprawl, from the usage and inference log in the store.");
        var repo = CommonOptions.Repository();
        var store = CommonOptions.Store();
        var from = CostCommand.Date("--from", "First day (usage window start, UTC), inclusive.");
        var to = CostCommand.Date("--to", "Last day (usage window start, UTC), inclusive.");
        var format = CommonOptions.Format("table", "json");
        command.Arguments.Add(repo);
        foreach (var option in new Option[] { store, from, to, format })
            command.Options.Add(option);
        command.SetAction(parse =>
        {
            var optimization = CliApplication.Services.CostOptimization.Run(new CostOptimizationRequest(parse.GetValue(store)!, RepositoryLoader.LoadFolder(parse.GetValue(repo)!))
            {
                From = parse.GetValue(from),
                To = parse.GetValue(to),
            });
            var (result, models) = (optimization.Usage, optimization.Models);
            var output = parse.InvocationConfiguration.Output;
            if (parse.GetValue(format) == "json")
            {
                output.WriteLine(CostOptimizationJson.Write(result, models));
            }
            else
            {
                var table = new TextTable(["workload", "container", "resource", "request", "p95", "recommended", "saving/month"], [false, false, false, true, true, true, true]);
                foreach (var r in result.Rightsizing)
                    table.Add([$"{r.Namespace}/{r.Workload}", r.Container, r.Resource, Num(r.Request), Num(r.P95), Num(r.Recommended), Money.Display(r.MonthlySaving)]);
                output.WriteLine("Rightsizing (target utilisation 70 %, USD)");
                table.Write(output);
                output.WriteLine();
                var gpus = new TextTable(["workload", "container", "GPUs", "utilisation", "cost/month"], [false, false, true, true, true]);
                foreach (var g in result.IdleGpus)
                    gpus.Add([$"{g.Namespace}/{g.Workload}", g.Container, Num(g.Gpus), Num(g.Utilization * 100) + " %", Money.Display(g.MonthlyCost)]);
                output.WriteLine("Idle GPUs (mean utilisation < 10 %)");
                gpus.Write(output);
                output.WriteLine();
                if (models is null)
                {
                    output.WriteLine("Models: no inference log in the store (steward ingest inferences); model sprawl and cost per inference skipped");
                }
                else
                {
                    var table2 = new TextTable(["model", "version", "cost", "inferences", "per 1,000", "declared per 1,000", "open findings", "risk-adjusted", "finding"],
                        [false, false, true, true, true, true, true, true, false]);
                    foreach (var m in models)
                        table2.Add([m.Model, m.Version, Money.Display(m.Cost), m.Inferences.ToString(CultureInfo.InvariantCulture),
                            m.CostPer1000 is { } c ? Money.Display(c) : "", m.DeclaredPer1000 is { } d ? Money.Display(d) : "",
                            m.OpenFindings.ToString(CultureInfo.InvariantCulture), Money.Display(m.RiskAdjustedCost), m.Finding?.RuleId ?? ""]);
                    output.WriteLine("Models (allocated cost per 1,000 inferences, USD)");
                    table2.Write(output);
                }
            }
            return ExitCodes.Ok;
        });
        return command;
    }

    private static string Num(double value) => value.ToString("0.###", CultureInfo.InvariantCulture);

    internal static string T(DateTime value) => value.ToString(value.TimeOfDay == TimeSpan.Zero ? "yyyy-MM-dd" : "yyyy-MM-dd HH:mm", CultureInfo.InvariantCulture);

    private static void AllocationTable(AllocationResult result, TextWriter output)
    {
        var period = result.From is { } f && result.To is { } t ? $", {T(f)} to {T(t)}" : "";
        output.WriteLine($"Allocated cost (USD) of {result.Samples.ToString(CultureInfo.InvariantCulture)} usage rows{period}");
        var headers = result.Dimensions.Concat(["direct", "shared", "idle", "cost", "share"]).ToList();
        var table = new TextTable(headers, headers.Select((_, i) => i >= result.Dimensions.Count).ToList());
        foreach (var row in result.Rows)
        {
            var share = result.Total == 0 ? "" : (row.Total / result.Total * 100m).ToString("0.0", CultureInfo.InvariantCulture) + " %";
            table.Add([.. row.Keys, Money.Display(row.Direct), Money.Display(row.Shared), Money.Display(row.Idle), Money.Display(row.Total), share]);
        }
        table.Footer([.. result.Dimensions.Select((_, i) => i == 0 ? "total" : ""),
            Money.Display(result.UsageCost - result.SharedCost), Money.Display(result.SharedCost), Money.Display(result.IdleCost), Money.Display(result.Total), ""]);
        table.Write(output);
    }

    private static void BudgetTable(IReadOnlyList<BudgetStatus> statuses, TextWriter output)
    {
        var table = new TextTable(["budget", "file:line", "amount", "actual", "forecast", "days left", "status"], [false, false, true, true, true, true, false]);
        foreach (var s in statuses)
        {
            var status = s.Finding is { } f ? $"{f.Severity.ToString().ToLowerInvariant()}: {(string?)f.Evidence["crossed_by"]} ≥ {((decimal)f.Evidence["threshold"]! * 100m).ToString("0.##", CultureInfo.InvariantCulture)} %" : "ok";
            table.Add([s.Budget.Name, $"{s.Budget.Object.Location.File}:{s.Budget.Object.Location.Line}", Money.Display(s.MonthlyAmount),
                Money.Display(s.Actual), Money.Display(s.Forecast), s.DaysLeft.ToString(CultureInfo.InvariantCulture), status]);
        }
        table.Write(output);
        foreach (var f in statuses.Select(s => s.Finding).OfType<Finding>())
            output.WriteLine($"{f.Severity.ToString().ToLowerInvariant()} {f.RuleId} {f.Subject.File}:{f.Subject.Line}: {f.Message}");
    }
}

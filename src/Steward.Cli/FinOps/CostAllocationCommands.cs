using System.CommandLine;
using System.Globalization;
using System.Text.Json;
using Steward.Cli.Commands;
using Steward.Core.FinOps.Allocation;
using Steward.Core.FinOps.Budgets;
using Steward.Core.FinOps.Optimization;
using Steward.Core.FinOps.Reports;
using Steward.Core.FinOps.Usage;
using Steward.Core.Findings;
using Steward.Core.Governance;

namespace Steward.Cli.FinOps;

/// <summary><c>steward cost import-usage | allocate | budgets</c>: container usage allocated to teams and budgets.</summary>
internal static class CostAllocationCommands
{
    public static Command ImportUsage()
    {
        var command = new Command("import-usage", "Import container usage (CSV or Parquet, a Prometheus export) for allocation; all files or none; content already imported is skipped.");
        var files = new Argument<string[]>("files") { Description = "Usage files.", Arity = ArgumentArity.OneOrMore };
        var store = CommonOptions.Store();
        var format = CommonOptions.Format("table", "json");
        command.Arguments.Add(files);
        command.Options.Add(store);
        command.Options.Add(format);
        command.SetAction(parse =>
        {
            using var opened = CostCommand.OpenStore(parse, store);
            var results = new UsageImporter(opened).Import(parse.GetValue(files)!);
            var output = parse.InvocationConfiguration.Output;
            if (parse.GetValue(format) == "json")
            {
                WriteJson(output, json =>
                {
                    json.WriteStartArray("imports");
                    foreach (var r in results)
                    {
                        json.WriteStartObject();
                        json.WriteString("file", r.Path);
                        json.WriteNumber("import_id", r.ImportId);
                        json.WriteBoolean("already_imported", r.AlreadyImported);
                        json.WriteNumber("rows", r.Rows);
                        json.WriteEndObject();
                    }
                    json.WriteEndArray();
                });
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
            var repository = RepositoryLoader.LoadFolder(parse.GetValue(repo)!);
            var fromDate = CostFilter.ParseDate(parse.GetValue(from), "--from");
            var toDate = CostFilter.ParseDate(parse.GetValue(to), "--to");
            using var opened = CostCommand.ReadStore(parse, store);
            var samples = UsageSample.Load(opened, fromDate, toDate);
            var result = CostAllocator.Allocate(samples, repository, ParseList(parse.GetValue(shared)),
                parse.GetValue(idle) == "even" ? IdleSplit.Even : IdleSplit.Proportional, NodeCharges.Load(opened));
            var output = parse.InvocationConfiguration.Output;
            if (parse.GetValue(format) == "json")
                AllocationJson(result, output);
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
            var repository = RepositoryLoader.LoadFolder(parse.GetValue(repo)!);
            var monthText = parse.GetValue(month) ?? DateTime.UtcNow.ToString("yyyy-MM", CultureInfo.InvariantCulture);
            using var opened = CostCommand.ReadStore(parse, store);
            var samples = UsageSample.Load(opened);
            var statuses = BudgetEvaluator.Evaluate(samples, repository, monthText, ParseList(parse.GetValue(shared)),
                parse.GetValue(idle) == "even" ? IdleSplit.Even : IdleSplit.Proportional, NodeCharges.Load(opened));
            var output = parse.InvocationConfiguration.Output;
            if (parse.GetValue(format) == "json")
                BudgetJson(statuses, output);
            else
                BudgetTable(statuses, output);
            return statuses.Any(s => s.Finding?.Severity >= Severity.Error) ? ExitCodes.Failed : ExitCodes.Ok;
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
            var repository = RepositoryLoader.LoadFolder(parse.GetValue(repo)!);
            using var opened = CostCommand.ReadStore(parse, store);
            var fromDate = CostFilter.ParseDate(parse.GetValue(from), "--from");
            var toDate = CostFilter.ParseDate(parse.GetValue(to), "--to");
            var samples = UsageSample.Load(opened, fromDate, toDate);
            var result = UsageOptimizer.Analyze(samples, repository);
            var allocation = CostAllocator.Allocate(samples, repository, nodeCharges: NodeCharges.Load(opened));
            var (periodStart, periodEnd) = InferenceCosts.Period(allocation, fromDate, toDate);
            var inferences = InferenceCosts.Load(opened, periodStart, periodEnd);
            var models = inferences is null ? null : InferenceCosts.Analyze(allocation, repository, inferences, OpenAlignmentFindings.Load(opened));
            var output = parse.InvocationConfiguration.Output;
            if (parse.GetValue(format) == "json")
            {
                WriteJson(output, json =>
                {
                    json.WriteStartArray("rightsizing");
                    foreach (var r in result.Rightsizing)
                    {
                        json.WriteStartObject();
                        json.WriteString("rule", r.Finding.RuleId);
                        json.WriteString("namespace", r.Namespace);
                        json.WriteString("workload", r.Workload);
                        json.WriteString("container", r.Container);
                        json.WriteString("resource", r.Resource);
                        json.WriteNumber("request", Math.Round(r.Request, 6));
                        json.WriteNumber("p95", Math.Round(r.P95, 6));
                        json.WriteNumber("recommended", Math.Round(r.Recommended, 6));
                        json.WriteNumber("pods", Math.Round(r.Pods, 6));
                        json.WriteNumber("monthly_saving", Math.Round(r.MonthlySaving, 6));
                        json.WriteString("message", r.Finding.Message);
                        json.WriteEndObject();
                    }
                    json.WriteEndArray();
                    json.WriteStartArray("idle_gpus");
                    foreach (var g in result.IdleGpus)
                    {
                        json.WriteStartObject();
                        json.WriteString("rule", g.Finding.RuleId);
                        json.WriteString("namespace", g.Namespace);
                        json.WriteString("workload", g.Workload);
                        json.WriteString("container", g.Container);
                        json.WriteNumber("gpus", Math.Round(g.Gpus, 6));
                        json.WriteNumber("utilization", Math.Round(g.Utilization, 6));
                        json.WriteNumber("monthly_cost", Math.Round(g.MonthlyCost, 6));
                        json.WriteString("message", g.Finding.Message);
                        json.WriteEndObject();
                    }
                    json.WriteEndArray();
                    if (models is null)
                    {
                        json.WriteNull("models");
                    }
                    else
                    {
                        json.WriteStartArray("models");
                        foreach (var m in models)
                        {
                            json.WriteStartObject();
                            json.WriteString("model", m.Model);
                            json.WriteString("model_version", m.Version);
                            json.WriteNumber("cost", Money.Normalize(m.Cost));
                            json.WriteNumber("inferences", m.Inferences);
                            if (m.CostPer1000 is { } c) json.WriteNumber("cost_per_1000", Math.Round(c, 10)); else json.WriteNull("cost_per_1000");
                            if (m.DeclaredPer1000 is { } d) json.WriteNumber("declared_per_1000", Money.Normalize(d)); else json.WriteNull("declared_per_1000");
                            json.WriteNumber("open_alignment_findings", m.OpenFindings);
                            json.WriteNumber("risk_cost", Money.Normalize(m.RiskCost));
                            json.WriteNumber("risk_adjusted_cost", Money.Normalize(m.RiskAdjustedCost));
                            json.WriteString("rule", m.Finding?.RuleId);
                            json.WriteString("message", m.Finding?.Message);
                            json.WriteEndObject();
                        }
                        json.WriteEndArray();
                    }
                    json.WriteNumber("monthly_saving", Math.Round(result.Rightsizing.Sum(r => r.MonthlySaving), 6));
                    json.WriteString("currency", "USD");
                });
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

    private static string T(DateTime value) => value.ToString(value.TimeOfDay == TimeSpan.Zero ? "yyyy-MM-dd" : "yyyy-MM-dd HH:mm", CultureInfo.InvariantCulture);

    private static void WriteJson(TextWriter output, Action<Utf8JsonWriter> body)
    {
        using var stream = new MemoryStream();
        using (var json = new Utf8JsonWriter(stream, new JsonWriterOptions { Indented = true }))
        {
            json.WriteStartObject();
            body(json);
            json.WriteEndObject();
        }
        output.WriteLine(System.Text.Encoding.UTF8.GetString(stream.ToArray()));
    }

    private static void AllocationJson(AllocationResult result, TextWriter output) => WriteJson(output, json =>
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

    private static void BudgetJson(IReadOnlyList<BudgetStatus> statuses, TextWriter output) => WriteJson(output, json =>
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

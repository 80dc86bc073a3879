using System.CommandLine;
using Steward.Cli.FinOps;
using Steward.Core.Application;
using Steward.Core.Application.Costs;
using Steward.Core.FinOps.Reports;
using Steward.Core.Governance;

namespace Steward.Cli.Commands;

/// <summary><c>steward cost ...</c>: FOCUS cost import, reports, forecasts and anomalies.</summary>
public static class CostCommand
{
    public static Command Create()
    {
        var command = new Command("cost", "FinOps: FOCUS cost exports (import, report, forecast, anomalies) and Kubernetes container usage (import-usage, allocate, budgets, optimize, tokens).");
        command.Subcommands.Add(Import());
        command.Subcommands.Add(Report());
        command.Subcommands.Add(CostForecastCommand.Create());
        command.Subcommands.Add(CostAnomaliesCommand.Create());
        command.Subcommands.Add(CostAllocationCommands.ImportUsage());
        command.Subcommands.Add(CostAllocationCommands.Allocate());
        command.Subcommands.Add(CostAllocationCommands.Budgets());
        command.Subcommands.Add(CostAllocationCommands.Optimize());
        command.Subcommands.Add(CostTokensCommand.Create());
        return command;
    }

    private static Command Import()
    {
        var command = new Command("import", "Import FOCUS 1.0–1.3 exports (CSV, gzip CSV, Parquet); all files or none; content already imported is skipped. "
            + "Given a folder (a drop folder of cloud exports), import what is complete and new, replacing restated billing periods; --watch keeps importing.");
        var files = new Argument<string[]>("files") { Description = "FOCUS export files, or one drop folder of cloud cost exports.", Arity = ArgumentArity.OneOrMore };
        var store = CommonOptions.Store();
        var format = CommonOptions.Format("table", "json");
        var replacePeriod = new Option<bool>("--replace-period")
        {
            Description = "The files are restated exports: for each (ProviderName, BillingAccountId, BillingPeriodStart) they contain, "
                + "the charges imported by earlier commands are replaced, in the same transaction. Give all parts of a multi-file export together.",
        };
        var drop = CostDropFolderOptions.Create();
        command.Arguments.Add(files);
        command.Options.Add(replacePeriod);
        drop.AddTo(command);
        command.Options.Add(store);
        command.Options.Add(format);
        command.SetAction(async (parse, cancellationToken) =>
        {
            var paths = parse.GetValue(files)!;
            if (paths.Any(Directory.Exists))
                return await CostDropFolderCommand.RunAsync(parse, paths, parse.GetValue(store)!, parse.GetValue(format)!, parse.GetValue(replacePeriod), drop, cancellationToken);
            drop.RefuseWithoutFolder(parse);
            var outcome = CliApplication.Services.CostImport.Import(
                new CostImportRequest(parse.GetValue(store)!, paths, parse.GetValue(replacePeriod)));
            ImportRenderer.Write(outcome.Results, parse.GetValue(format)!, parse.InvocationConfiguration.Output, outcome.Replaced);
            return ExitCodes.Ok;
        });
        return command;
    }

    /// <summary><c>--group-by DIM[,DIM]</c>.</summary>
    internal static Option<string> GroupBy(bool required, bool allocation = false) => new("--group-by", "-g")
    {
        Description = "Dimensions, comma-separated: a FOCUS column (ServiceName, ProviderName, RegionId, ...), "
            + "a date-time at a granularity (ChargePeriodStart:day|week|month), or tag:KEY"
            + (allocation ? "; or an allocation dimension: a cost-allocation label of steward.yaml (team, cost-center, ...), model or model_version." : "."),
        HelpName = "DIM[,DIM]",
        Required = required,
    };

    /// <summary><c>--repo DIR</c> of the commands that group by allocation dimensions.</summary>
    internal static Option<string> Repo() => new("--repo")
    {
        Description = "The governance repository: its steward.yaml names the allocation dimensions, and its workloads' labels "
            + "allocate the charges of nodes with container usage in the store. Without it, allocation dimensions read tags only.",
        HelpName = "DIR",
    };

    internal static GovernanceRepository? LoadRepository(ParseResult parse, Option<string> repo)
        => parse.GetValue(repo) is { } folder ? RepositoryLoader.LoadFolder(folder) : null;

    internal static Option<string> Metric() => new("--metric")
    {
        Description = "The FOCUS cost column to sum: BilledCost, EffectiveCost, ListCost or ContractedCost.",
        DefaultValueFactory = _ => CostReport.DefaultMetric,
        HelpName = "METRIC",
    };

    internal static Option<string> Date(string name, string description) => new(name) { Description = description, HelpName = "YYYY-MM-DD" };

    internal static Option<string> Currency() => new("--currency")
    {
        Description = "Only charges in this billing currency (needed when the store holds several).",
        HelpName = "CODE",
    };

    private static Command Report()
    {
        var command = new Command("report", "Sum costs by dimensions (FOCUS columns, tags, allocation dimensions such as team); rows sorted by cost, unowned costs kept as __unallocated__.");
        var groupBy = GroupBy(required: true, allocation: true);
        var metric = Metric();
        var from = Date("--from", "First day (ChargePeriodStart, UTC), inclusive.");
        var to = Date("--to", "Last day (ChargePeriodStart, UTC), inclusive.");
        var currency = Currency();
        var format = CommonOptions.Format("table", "json", "csv", "html");
        var store = CommonOptions.Store();
        var repo = Repo();
        foreach (var option in new Option[] { groupBy, metric, from, to, currency, repo, format, store })
            command.Options.Add(option);
        command.SetAction(parse =>
        {
            var report = CliApplication.Services.CostReport.Run(new CostReportRequest(parse.GetValue(store)!, parse.GetValue(groupBy))
            {
                Metric = parse.GetValue(metric)!,
                From = parse.GetValue(from),
                To = parse.GetValue(to),
                Currency = parse.GetValue(currency),
                Repository = LoadRepository(parse, repo),
            });
            CostReportRenderer.Write(report, parse.GetValue(format)!, parse.InvocationConfiguration.Output);
            return ExitCodes.Ok;
        });
        return command;
    }
}

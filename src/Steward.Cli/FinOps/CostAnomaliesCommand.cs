using System.CommandLine;
using System.Globalization;
using Steward.Cli.Commands;
using Steward.Core.Application;
using Steward.Core.Application.Costs;
using Steward.Core.FinOps.Anomalies;
using Steward.Core.Reporting;
using Steward.Core.Reporting.Costs;

namespace Steward.Cli.FinOps;

/// <summary><c>steward cost anomalies [--group-by DIM] [--since DATE] [--repo DIR]</c>.</summary>
internal static class CostAnomaliesCommand
{
    public static Command Create()
    {
        var command = new Command("anomalies", "Find days whose cost rose far above the same weekday's usual cost, with the root cause.");
        var groupBy = CostCommand.GroupBy(required: false, allocation: true);
        var since = CostCommand.Date("--since", "Report anomalies from this day on (earlier days still form the baseline).");
        var rootCause = new Option<string>("--root-cause")
        {
            Description = "Dimensions searched for the root cause, in order of preference (default ServiceName,ResourceId); allocation dimensions (team, model, ...) too.",
            HelpName = "DIM[,DIM]",
        };
        var minImpact = new Option<double>("--min-impact")
        {
            Description = "Ignore rises smaller than this amount (billing currency).",
            HelpName = "AMOUNT",
        };
        var sensitivity = new Option<double>("--sensitivity")
        {
            Description = "Robust standard deviations (1.4826 x MAD) a rise must exceed.",
            DefaultValueFactory = _ => AnomalyOptions.Default.Sensitivity,
            HelpName = "K",
        };
        var metric = CostCommand.Metric();
        var currency = CostCommand.Currency();
        var format = CommonOptions.Format("table", "json");
        var store = CommonOptions.Store();
        var repo = CostCommand.Repo();
        foreach (var option in new Option[] { groupBy, since, rootCause, minImpact, sensitivity, metric, currency, repo, format, store })
            command.Options.Add(option);
        command.SetAction(parse =>
        {
            var repository = CostCommand.LoadRepository(parse, repo);
            var options = AnomalyOptions.Default with
            {
                MinimumImpact = NumberOptions.InRange(parse.GetValue(minImpact), "--min-impact", 0, double.PositiveInfinity),
                Sensitivity = NumberOptions.InRange(parse.GetValue(sensitivity), "--sensitivity", 0, double.PositiveInfinity),
            };
            var result = CliApplication.Services.CostAnomalies.Run(new CostAnomalyRequest(parse.GetValue(store)!, options)
            {
                GroupBy = parse.GetValue(groupBy),
                Since = parse.GetValue(since),
                RootCause = parse.GetValue(rootCause),
                Metric = parse.GetValue(metric)!,
                Currency = parse.GetValue(currency),
                Repository = repository,
            });
            var output = parse.InvocationConfiguration.Output;
            if (parse.GetValue(format) == "json")
                output.WriteLine(CostAnomalyJson.Write(result));
            else
                Table(result, output);
            return ExitCodes.Ok;
        });
        return command;
    }

    private static string D(DateOnly date) => date.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);

    private static void Table(CostAnomalyResult result, TextWriter output)
    {
        if (result.Anomalies.Count == 0)
        {
            output.WriteLine("no cost anomalies");
            return;
        }
        var table = new TextTable(["date", "scope", "actual", "expected", "impact", "impact %", "root cause"],
            [false, false, true, true, true, true, false]);
        foreach (var a in result.Anomalies)
        {
            table.Add([
                D(a.Date), a.Scope.Describe(result.Dimensions), Money.Display(a.Actual), Money.Display(a.Expected), Money.Display(a.Impact),
                a.ImpactPercent is { } p ? p.ToString("0", CultureInfo.InvariantCulture) + "%" : "",
                a.RootCause is { } rc ? $"{rc.Dimension}={rc.Value ?? "(none)"} (+{Money.Display(rc.Impact)})" : "",
            ]);
        }
        table.Write(output);
        output.WriteLine($"{result.Anomalies.Count} anomalies ({result.Metric}, {result.Currency})");
    }
}

using System.CommandLine;
using Steward.Cli.Alignment;
using Steward.Core.Application;
using Steward.Core.Application.Monitoring;
using Steward.Core.Governance;
using Steward.Core.Reporting.Monitoring;

namespace Steward.Cli.Commands;

/// <summary>
/// <c>steward monitor run</c>: runs the repository's Monitor objects over the stored inference log
/// (exit 1 when any window breaches a threshold, 0 otherwise); <c>steward monitor report</c>: the results
/// stored by earlier runs, per monitor and window, as a table, JSON or an HTML page with the metrics over time.
/// </summary>
public static class MonitorCommand
{
    public static Command Create()
    {
        var command = new Command("monitor", "Model monitors (kind Monitor) over the stored inference log.");
        command.Subcommands.Add(Run());
        command.Subcommands.Add(Report());
        return command;
    }

    private static Command Run()
    {
        var repo = CommonOptions.Repository();
        var store = CommonOptions.Store();
        var format = CommonOptions.Format("table", "json", "html");
        var from = new Option<string?>("--from") { Description = "First instant (UTC date or timestamp) of inferences to consider.", HelpName = "DATE" };
        var to = new Option<string?>("--to") { Description = "Inferences before this instant (UTC, exclusive).", HelpName = "DATE" };

        var command = new Command("run", "Compute each monitor's metrics per window, store them and report breaches; exit 1 on a breach.");
        command.Arguments.Add(repo);
        foreach (var option in new Option[] { store, format, from, to })
            command.Options.Add(option);
        command.SetAction(parse =>
        {
            var root = parse.GetValue(repo)!;
            var outcome = CliApplication.Services.MonitorRun.Run(new MonitorRunRequest(parse.GetValue(store)!, RepositoryLoader.LoadFolder(root), root)
            {
                From = parse.GetValue(from),
                To = parse.GetValue(to),
                // The page shows what is stored, this run's windows and earlier ones, as `monitor report` does.
                WithHistory = parse.GetValue(format) == "html",
            });
            var result = outcome.Result;
            var output = parse.InvocationConfiguration.Output;
            switch (parse.GetValue(format))
            {
                case "json":
                    output.WriteLine(MonitorJson.Run(result));
                    break;
                case "html":
                    output.Write(MonitorReportHtml.Render(outcome.History!));
                    break;
                default:
                    MonitorTables.Run(result, output);
                    break;
            }
            return result.Breached ? ExitCodes.Failed : ExitCodes.Ok;
        });
        return command;
    }

    private static Command Report()
    {
        var repo = CommonOptions.Repository();
        var store = CommonOptions.Store();
        var format = CommonOptions.Format("table", "json", "html");
        var from = new Option<string?>("--from") { Description = "First window start (UTC date or timestamp) to show.", HelpName = "DATE" };
        var to = new Option<string?>("--to") { Description = "Windows starting before this instant (UTC, exclusive).", HelpName = "DATE" };

        var command = new Command("report", "The monitors' stored results over time: a summary per metric, JSON, or an HTML page with the metrics as lines.");
        command.Arguments.Add(repo);
        foreach (var option in new Option[] { store, format, from, to })
            command.Options.Add(option);
        command.SetAction(parse =>
        {
            var history = CliApplication.Services.MonitorReport.Read(new MonitorReportRequest(parse.GetValue(store)!, RepositoryLoader.LoadFolder(parse.GetValue(repo)!))
            {
                From = parse.GetValue(from),
                To = parse.GetValue(to),
            });
            var output = parse.InvocationConfiguration.Output;
            switch (parse.GetValue(format))
            {
                case "json":
                    output.WriteLine(MonitorJson.Report(history));
                    break;
                case "html":
                    output.Write(MonitorReportHtml.Render(history));
                    break;
                default:
                    MonitorTables.Report(history, output);
                    break;
            }
            return ExitCodes.Ok;
        });
        return command;
    }
}

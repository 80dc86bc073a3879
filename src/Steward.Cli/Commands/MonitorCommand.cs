using System.CommandLine;
using System.Globalization;
using Steward.Cli.Alignment;
using Steward.Core;
using Steward.Core.Alignment.Ingest;
using Steward.Core.Alignment.Monitoring;
using Steward.Core.Governance;
using Steward.Core.Storage;

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
            var repository = RepositoryLoader.LoadFolder(root);
            using var opened = StewardStore.Open(parse.GetValue(store)!, AlignmentSchema.Module);
            var (start, end) = (Date(parse.GetValue(from), "--from"), Date(parse.GetValue(to), "--to"));
            var result = new MonitorRunner(opened).Run(repository.Monitors, root, start, end);
            var output = parse.InvocationConfiguration.Output;
            switch (parse.GetValue(format))
            {
                case "json":
                    output.WriteLine(MonitorJson.Run(result));
                    break;
                case "html":
                    // The page shows what is stored, this run's windows and earlier ones, as `monitor report` does.
                    output.Write(MonitorReportHtml.Render(new MonitorHistoryReader(opened).Read(repository.Monitors, start, end)));
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
            var repository = RepositoryLoader.LoadFolder(parse.GetValue(repo)!);
            var path = parse.GetValue(store)!;
            // Reading should not leave an empty store behind a mistyped path.
            if (!File.Exists(path))
                throw new StewardInputException($"{path}: no Steward store (ingest inferences and run `steward monitor run` first, or give --store)");
            using var opened = StewardStore.Open(path, AlignmentSchema.Module);
            var history = new MonitorHistoryReader(opened).Read(repository.Monitors, Date(parse.GetValue(from), "--from"), Date(parse.GetValue(to), "--to"));
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

    private static DateTime? Date(string? value, string option)
    {
        if (value is null) return null;
        if (DateTime.TryParse(value, CultureInfo.InvariantCulture, DateTimeStyles.AdjustToUniversal | DateTimeStyles.AssumeUniversal, out var parsed))
            return DateTime.SpecifyKind(parsed, DateTimeKind.Utc);
        throw new StewardInputException($"{option}: '{value}' is not a date (use e.g. 2026-01-31 or 2026-01-31T12:00:00Z)");
    }
}

using System.CommandLine;
using Steward.Core.Alignment.Canary;
using Steward.Core.Reporting.Canary;

namespace Steward.Cli.Commands;

/// <summary>
/// <c>steward canary judge --baseline FILE --canary FILE --config FILE</c>: Kayenta's judge over two
/// sample files (CSV metric,value); exit 1 when the verdict is Failed, 0 when Successful or Inconclusive.
/// </summary>
public static class CanaryCommand
{
    public static Command Create()
    {
        var command = new Command("canary", "Canary analysis: compare a canary's metrics with its baseline's (Kayenta's judge).");
        command.Subcommands.Add(Judge());
        return command;
    }

    private static Command Judge()
    {
        var baseline = new Option<string>("--baseline") { Description = "The baseline's samples: CSV with the header metric,value, one row per observation.", Required = true, HelpName = "FILE" };
        var canary = new Option<string>("--canary") { Description = "The canary's samples, as --baseline.", Required = true, HelpName = "FILE" };
        var config = new Option<string>("--config") { Description = "The canary config (YAML): metrics, groups, thresholds.", Required = true, HelpName = "FILE" };
        var format = CommonOptions.Format("table", "json");

        var command = new Command("judge", "Classify each metric (Mann-Whitney, 98% interval), score the groups and give the verdict; exit 1 when it is Failed.");
        foreach (var option in new Option[] { baseline, canary, config, format })
            command.Options.Add(option);
        command.SetAction(parse =>
        {
            var judgement = CliApplication.Services.Canary.Judge(parse.GetValue(baseline)!, parse.GetValue(canary)!, parse.GetValue(config)!);
            var output = parse.InvocationConfiguration.Output;
            if (parse.GetValue(format) == "json")
                output.WriteLine(CanaryJson.Write(judgement));
            else
                CanaryTable.Write(output, judgement);
            return judgement.Verdict == CanaryVerdict.Failed ? ExitCodes.Failed : ExitCodes.Ok;
        });
        return command;
    }
}

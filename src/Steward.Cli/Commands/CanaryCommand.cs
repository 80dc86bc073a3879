using System.CommandLine;
using Steward.Core;
using Steward.Core.Alignment.Canary;
using Steward.Core.Application.Canary;
using Steward.Core.Reporting.Canary;

namespace Steward.Cli.Commands;

/// <summary>
/// <c>steward canary judge</c>: Kayenta's judge over two sample files (CSV metric,value), or over the
/// samples derived from two versions' inference log in a store (<c>--model --baseline-version
/// --canary-version --since</c>); with <c>--remediate REPO</c>, a Failed verdict commits the rollback of
/// the canary's version. Exit 1 when the verdict is Failed, 0 when Successful or Inconclusive.
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
        var baseline = new Option<string?>("--baseline") { Description = "The baseline's samples: CSV with the header metric,value, one row per observation.", HelpName = "FILE" };
        var canary = new Option<string?>("--canary") { Description = "The canary's samples, as --baseline.", HelpName = "FILE" };
        var config = new Option<string>("--config") { Description = "The canary config (YAML): metrics, groups, thresholds.", Required = true, HelpName = "FILE" };
        var format = CommonOptions.Format("table", "json");
        var store = CommonOptions.Store();
        store.Description = "With --model: the store whose inference log the samples are derived from. " + store.Description;
        var model = new Option<string?>("--model") { Description = "Derive the samples from the inference log of this model (instead of --baseline/--canary files).", HelpName = "MODEL" };
        var baselineVersion = new Option<string?>("--baseline-version") { Description = "The baseline's model version in the inference log.", HelpName = "VERSION" };
        var canaryVersion = new Option<string?>("--canary-version") { Description = "The canary's model version in the inference log (and the version --remediate rolls back).", HelpName = "VERSION" };
        var since = new Option<string?>("--since") { Description = "Start of the compared period (UTC date or timestamp, inclusive).", HelpName = "TIME" };
        var until = new Option<string?>("--until") { Description = "End of the compared period (exclusive); default: the end of the log.", HelpName = "TIME" };
        var interval = new Option<string>("--interval") { Description = "One observation per interval of this length (30s, 5m, 1h).", DefaultValueFactory = _ => "1m", HelpName = "LENGTH" };
        var latencyColumn = new Option<string>("--latency-column") { Description = "The logged latency in milliseconds.", DefaultValueFactory = _ => "latency_ms", HelpName = "COLUMN" };
        var errorColumn = new Option<string>("--error-column") { Description = "Whether the inference failed (true/false, 1/0).", DefaultValueFactory = _ => "error", HelpName = "COLUMN" };
        var costColumn = new Option<string>("--cost-column") { Description = "The logged cost of the inference in US dollars.", DefaultValueFactory = _ => "cost_usd", HelpName = "COLUMN" };
        var driftColumn = new Option<string?>("--drift-column") { Description = "A numeric column (score, feature) whose drift against the baseline is the metric drift_ks.", HelpName = "COLUMN" };
        var protectedAttribute = new Option<string?>("--protected-attribute") { Description = "The groups compared by the metric demographic_parity_difference (with --prediction-column).", HelpName = "COLUMN" };
        var predictionColumn = new Option<string?>("--prediction-column") { Description = "The prediction column the fairness metric reads.", HelpName = "COLUMN" };
        var positiveLabel = new Option<string>("--positive-label") { Description = "The prediction value of the positive class.", DefaultValueFactory = _ => "1", HelpName = "VALUE" };
        var remediate = new Option<string?>("--remediate") { Description = "On a Failed verdict, commit the rollback of the canary's version on a steward/remediate-* branch of this governance repository (needs --model and --canary-version).", HelpName = "REPO" };

        var command = new Command("judge", "Classify each metric (Mann-Whitney, 98% interval), score the groups and give the verdict; exit 1 when it is Failed.");
        foreach (var option in new Option[] { baseline, canary, config, format, store, model, baselineVersion, canaryVersion, since, until, interval,
                     latencyColumn, errorColumn, costColumn, driftColumn, protectedAttribute, predictionColumn, positiveLabel, remediate })
            command.Options.Add(option);
        command.SetAction(parse =>
        {
            // Without sample files the samples come from the inference log.
            var fromLog = parse.GetValue(baseline) is null && parse.GetValue(canary) is null;
            CanaryJudgement judgement;
            if (fromLog)
            {
                var configPath = parse.GetValue(config)!;
                judgement = CliApplication.Services.Canary.Judge(new CanaryStoreRequest(parse.GetValue(store)!,
                    Required(parse.GetValue(model), "--model (or --baseline and --canary sample files)"),
                    Required(parse.GetValue(baselineVersion), "--baseline-version"), Required(parse.GetValue(canaryVersion), "--canary-version"),
                    Required(parse.GetValue(since), "--since"), CanaryJudgeService.ReadInput(configPath))
                {
                    Until = parse.GetValue(until),
                    Interval = parse.GetValue(interval)!,
                    Columns = new CanaryLogColumns
                    {
                        Latency = parse.GetValue(latencyColumn)!,
                        Error = parse.GetValue(errorColumn)!,
                        Cost = parse.GetValue(costColumn)!,
                        Drift = parse.GetValue(driftColumn),
                        ProtectedAttribute = parse.GetValue(protectedAttribute),
                        Prediction = parse.GetValue(predictionColumn),
                        PositiveLabel = parse.GetValue(positiveLabel)!,
                    },
                });
            }
            else
            {
                if (parse.GetValue(baselineVersion) is not null || parse.GetValue(since) is not null || parse.GetValue(until) is not null)
                    throw new StewardInputException("canary judge: --baseline-version, --since and --until read the inference log; --baseline and --canary are sample files: give one or the other");
                // Read only by the inference log (or, for --model and --canary-version, by --remediate): typed here they would be ignored.
                if (CheckCommand.GivenStore(parse, store) is not null)
                    throw new StewardInputException("canary judge: --store applies only with --model (the store's inference log); --baseline and --canary are sample files: give one or the other");
                if (parse.GetValue(remediate) is null && (parse.GetValue(model) is not null || parse.GetValue(canaryVersion) is not null))
                    throw new StewardInputException("canary judge: --model and --canary-version with --baseline and --canary sample files name the version --remediate rolls back: give --remediate REPO, or drop them");
                judgement = CliApplication.Services.Canary.Judge(Required(parse.GetValue(baseline), "--baseline"), Required(parse.GetValue(canary), "--canary"), parse.GetValue(config)!);
            }

            CanaryRemediation? remediation = null;
            if (parse.GetValue(remediate) is { } repo)
            {
                var request = new CanaryRemediationRequest(repo, Required(parse.GetValue(model), "--model"), Required(parse.GetValue(canaryVersion), "--canary-version"))
                {
                    // The rollback commits are recorded in the audit log of the store the samples came from.
                    AuditStore = fromLog ? parse.GetValue(store) : null,
                };
                remediation = CliApplication.Services.CanaryRemediation.Remediate(judgement, request);
            }

            var output = parse.InvocationConfiguration.Output;
            if (parse.GetValue(format) == "json")
                output.WriteLine(CanaryJson.Write(judgement, remediation));
            else
                CanaryTable.Write(output, judgement, remediation);
            return judgement.Verdict == CanaryVerdict.Failed ? ExitCodes.Failed : ExitCodes.Ok;
        });
        return command;
    }

    private static string Required(string? value, string option) =>
        value ?? throw new StewardInputException($"canary judge: {option} is required");
}

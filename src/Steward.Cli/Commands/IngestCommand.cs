using System.CommandLine;
using System.Globalization;
using Steward.Core.Application;
using Steward.Core.Application.Ingest;

namespace Steward.Cli.Commands;

/// <summary>
/// <c>steward ingest inferences|labels</c>: loads inference logs into the store and joins late labels.
/// Each file is one atomic, idempotent import; a bad row exits 2 and leaves the store unchanged.
/// </summary>
public static class IngestCommand
{
    public static Command Create()
    {
        var command = new Command("ingest", "Load inference logs and late labels into the Steward store.");
        command.Subcommands.Add(Inferences());
        command.Subcommands.Add(Labels());
        return command;
    }

    private static Command Inferences()
    {
        var model = new Option<string>("--model") { Description = "Model name.", Required = true, HelpName = "M" };
        var version = new Option<string>("--version") { Description = "Model version.", Required = true, HelpName = "V" };
        var timestamp = new Option<string>("--timestamp") { Description = "Timestamp column (UTC unless it carries an offset).", DefaultValueFactory = _ => "timestamp", HelpName = "COL" };
        var requestId = new Option<string?>("--request-id") { Description = "Request id column (default: request_id when present).", HelpName = "COL" };
        var file = new Argument<string>("file") { Description = "Inference log: CSV, Parquet or JSON Lines." };
        var store = CommonOptions.Store();

        var command = new Command("inferences", "Load an inference log (timestamp, features, prediction, optional label and request id).");
        foreach (var option in new Option[] { model, version, timestamp, requestId, store })
            command.Options.Add(option);
        command.Arguments.Add(file);
        command.SetAction(parse =>
        {
            var result = CliApplication.Services.Ingest.Inferences(
                new InferenceIngestRequest(parse.GetValue(store)!, parse.GetValue(file)!, parse.GetValue(model)!, parse.GetValue(version)!)
                {
                    TimestampColumn = parse.GetValue(timestamp)!,
                    RequestIdColumn = parse.GetValue(requestId),
                });
            var output = parse.InvocationConfiguration.Output;
            output.WriteLine(result.AlreadyImported
                ? $"{result.Path}: already imported (import {result.ImportId}, {result.Rows} rows); nothing added"
                : $"{result.Path}: {result.Rows.ToString(CultureInfo.InvariantCulture)} inferences imported (import {result.ImportId})");
            return ExitCodes.Ok;
        });
        return command;
    }

    private static Command Labels()
    {
        var model = new Option<string>("--model") { Description = "Model name.", Required = true, HelpName = "M" };
        var requestId = new Option<string>("--request-id") { Description = "Request id column.", DefaultValueFactory = _ => "request_id", HelpName = "COL" };
        var label = new Option<string>("--label") { Description = "Label column.", DefaultValueFactory = _ => "label", HelpName = "COL" };
        var file = new Argument<string>("file") { Description = "Labels: CSV, Parquet or JSON Lines with request id and label." };
        var store = CommonOptions.Store();

        var command = new Command("labels", "Join late ground-truth labels to stored inferences by request id.");
        foreach (var option in new Option[] { model, requestId, label, store })
            command.Options.Add(option);
        command.Arguments.Add(file);
        command.SetAction(parse =>
        {
            var result = CliApplication.Services.Ingest.Labels(new LabelIngestRequest(parse.GetValue(store)!, parse.GetValue(file)!, parse.GetValue(model)!)
            {
                RequestIdColumn = parse.GetValue(requestId)!,
                LabelColumn = parse.GetValue(label)!,
            });
            var output = parse.InvocationConfiguration.Output;
            output.WriteLine(result.AlreadyImported
                ? $"{result.Path}: already imported (import {result.ImportId}, {result.Rows} inferences matched); nothing changed"
                : $"{result.Path}: {result.Rows.ToString(CultureInfo.InvariantCulture)} inferences labelled; {result.Unmatched.ToString(CultureInfo.InvariantCulture)} request ids matched no inference (import {result.ImportId})");
            return ExitCodes.Ok;
        });
        return command;
    }
}

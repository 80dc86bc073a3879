using System.CommandLine;
using System.Globalization;
using Steward.Core;
using Steward.Core.Alignment.Explainability;
using Steward.Core.Application.Explainability;
using Steward.Core.Reporting.Alignment;

namespace Steward.Cli.Commands;

/// <summary>
/// <c>steward analyze importance</c>: permutation importance of each feature for a model's logged scores
/// against the labels, through a surrogate trained on the reference, and the attribution drift of the
/// current data (two files, or windows of the store's inference log); exit 1 when a threshold given
/// by <c>--min-rank-correlation</c> or <c>--max-l1</c> is breached.
/// </summary>
public static class AnalyzeImportanceCommand
{
    public static Command Create()
    {
        var reference = new Option<string?>("--reference") { Description = "Reference data (CSV, Parquet or JSON Lines) with the features, the model's score and the label.", HelpName = "FILE" };
        var current = new Option<string?>("--current") { Description = "Current data to compare with the reference.", HelpName = "FILE" };
        var store = CommonOptions.Store();
        var model = new Option<string?>("--model") { Description = "Read the store's inference log of this model instead of files.", HelpName = "M" };
        var version = new Option<string?>("--version") { Description = "With --model: this version only (default: all).", HelpName = "V" };
        var referenceFrom = new Option<string?>("--reference-from") { Description = "With --model: first instant (UTC) of the reference window.", HelpName = "DATE" };
        var referenceTo = new Option<string?>("--reference-to") { Description = "With --model: end of the reference window (exclusive).", HelpName = "DATE" };
        var from = new Option<string?>("--from", "--since") { Description = "With --model: first instant of the current period (default: --reference-to).", HelpName = "DATE" };
        var to = new Option<string?>("--to") { Description = "With --model: end of the current period (exclusive).", HelpName = "DATE" };
        var window = new Option<string?>("--window") { Description = "With --model: one result per hourly, daily, weekly or monthly window of the current period.", HelpName = "W" };
        window.AcceptOnlyFromAmong("hourly", "daily", "weekly", "monthly");
        var score = new Option<string>("--score", "--model-scores") { Description = "Column with the model's logged score or prediction (what the surrogate learns).", Required = true, HelpName = "COL" };
        var label = new Option<string>("--label") { Description = "Ground-truth column (a number; 0/1 for a classifier).", Required = true, HelpName = "COL" };
        var features = new Option<string?>("--features") { Description = "Features to explain, comma-separated (default with files: every other column).", HelpName = "A,B" };
        var categorical = new Option<string?>("--categorical") { Description = "Features to treat as categorical, comma-separated.", HelpName = "A,B" };
        var loss = new Option<string?>("--loss") { Description = "log_loss or squared_error (default: log_loss for 0/1 labels and scores in [0, 1]).", HelpName = "LOSS" };
        loss.AcceptOnlyFromAmong(ImportanceLosses.LogLossName, ImportanceLosses.SquaredErrorName);
        var repeats = new Option<int>("--repeats") { Description = "Permutations per feature (scikit-learn's n_repeats).", DefaultValueFactory = _ => ImportanceOptions.DefaultRepeats, HelpName = "N" };
        var seed = new Option<int>("--seed") { Description = "Seed of the sampling, the surrogate and the permutations (scikit-learn's random_state).", DefaultValueFactory = _ => ImportanceOptions.DefaultSeed, HelpName = "N" };
        var maxRows = new Option<int>("--max-rows")
        {
            Description = $"Rows per window used at most, a seeded sample (default {ImportanceOptions.DefaultMaxRows.ToString(CultureInfo.InvariantCulture)}).",
            DefaultValueFactory = _ => ImportanceOptions.DefaultMaxRows,
            HelpName = "N",
        };
        var minRank = new Option<double?>("--min-rank-correlation") { Description = "Exit 1 when a window's Spearman correlation with the reference importances is below this.", HelpName = "X" };
        var maxL1 = new Option<double?>("--max-l1") { Description = "Exit 1 when a window's normalised L1 distance from the reference importances is above this (0..1).", HelpName = "X" };
        var format = CommonOptions.Format("table", "json");

        var command = new Command("importance", "Permutation importance of each feature for a model's logged scores (through a surrogate) and its drift; exit 1 when a threshold is breached.");
        foreach (var option in new Option[] { reference, current, store, model, version, referenceFrom, referenceTo, from, to, window, score, label, features, categorical, loss, repeats, seed, maxRows, minRank, maxL1, format })
            command.Options.Add(option);
        command.SetAction(parse =>
        {
            var (referencePath, currentPath, modelName) = (parse.GetValue(reference), parse.GetValue(current), parse.GetValue(model));
            ImportanceSource source;
            if (modelName is not null)
            {
                if (referencePath is not null || currentPath is not null)
                    throw new StewardInputException("use either --reference and --current (files) or --model (the store's inference log), not both");
                source = new ImportanceSource.Log(parse.GetValue(store)!, modelName, parse.GetValue(version), parse.GetValue(referenceFrom), parse.GetValue(referenceTo),
                    parse.GetValue(from), parse.GetValue(to), parse.GetValue(window));
            }
            else
            {
                if (referencePath is null || currentPath is null)
                    throw new StewardInputException("give --reference and --current (files), or --model with --reference-from and --reference-to (the store's inference log)");
                // --store has a default (STEWARD_STORE, else the usual path): only one typed on the command line conflicts.
                if (CheckCommand.GivenStore(parse, store) is not null)
                    throw new StewardInputException("--store applies only with --model (the store's inference log); --reference and --current are files: give one or the other");
                if (new[] { version, referenceFrom, referenceTo, from, to, window }.Any(o => parse.GetValue(o) is not null))
                    throw new StewardInputException("--version, --reference-from, --reference-to, --from, --to and --window apply only with --model");
                source = new ImportanceSource.Files(referencePath, currentPath);
            }
            var options = new ImportanceOptions
            {
                Score = parse.GetValue(score)!,
                Label = parse.GetValue(label)!,
                Features = List(parse.GetValue(features)),
                Categorical = List(parse.GetValue(categorical)) ?? [],
                Loss = parse.GetValue(loss) is { } name ? ImportanceLosses.Parse(name) : null,
                Repeats = parse.GetValue(repeats),
                Seed = parse.GetValue(seed),
                MaxRows = parse.GetValue(maxRows),
            };
            var thresholds = new AttributionThresholds(
                NumberOptions.InRange(parse.GetValue(minRank), "--min-rank-correlation", -1, 1),
                NumberOptions.InRange(parse.GetValue(maxL1), "--max-l1", 0, 1));
            var outcome = CliApplication.Services.Importance.Analyze(source, options, thresholds);
            var output = parse.InvocationConfiguration.Output;
            if (parse.GetValue(format) == "json")
                output.WriteLine(ImportanceJson.Write(outcome));
            else
                ImportanceTable.Write(output, outcome);
            return outcome.Breached ? ExitCodes.Failed : ExitCodes.Ok;
        });
        return command;
    }

    private static List<string>? List(string? value) =>
        value is null ? null : [.. value.Split(',', StringSplitOptions.TrimEntries | StringSplitOptions.RemoveEmptyEntries)];
}

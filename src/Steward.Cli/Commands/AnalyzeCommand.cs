using System.CommandLine;
using System.Globalization;
using Steward.Cli.Alignment;
using Steward.Core;
using Steward.Core.Alignment.Drift;
using Steward.Core.Alignment.Fairness;
using Steward.Core.Alignment.Multivariate;
using Steward.Core.Alignment.Performance;
using Steward.Core.Reporting.Alignment;

namespace Steward.Cli.Commands;

/// <summary>
/// <c>steward analyze drift|fairness</c>: alignment statistics on table files (CSV, Parquet, JSON Lines).
/// Drift exits 1 when the dataset drifted or, with <c>--multivariate</c>, the domain classifier tells the
/// samples apart (the gate failed), 0 otherwise; fairness reports and exits 0.
/// </summary>
public static class AnalyzeCommand
{
    public static Command Create()
    {
        var command = new Command("analyze", "Alignment statistics on data files: data drift, fairness and model performance.");
        command.Subcommands.Add(Drift());
        command.Subcommands.Add(Fairness());
        command.Subcommands.Add(Performance());
        command.Subcommands.Add(AnalyzeImportanceCommand.Create());
        return command;
    }

    private static Command Drift()
    {
        var reference = new Option<string>("--reference") { Description = "Reference data (CSV, Parquet or JSON Lines).", Required = true, HelpName = "FILE" };
        var current = new Option<string>("--current") { Description = "Current data to compare with the reference.", Required = true, HelpName = "FILE" };
        var columns = new Option<string?>("--columns") { Description = "Columns to analyse, comma-separated (default: every reference column).", HelpName = "A,B" };
        var categorical = new Option<string?>("--categorical") { Description = "Columns to treat as categorical, comma-separated.", HelpName = "A,B" };
        var method = new Option<string>("--method")
        {
            Description = "Statistic: " + string.Join(", ", DriftMethods.AllNames) + " (auto: Evidently's choice per column).",
            DefaultValueFactory = _ => "auto",
            HelpName = "METHOD",
        };
        method.AcceptOnlyFromAmong([.. DriftMethods.AllNames]);
        var threshold = new Option<double?>("--threshold") { Description = "Threshold for every column (default: 0.05 for p-values, 0.1 for distances).", HelpName = "X" };
        var share = new Option<double>("--drift-share")
        {
            Description = "Share of drifted columns at which the dataset drifts.",
            DefaultValueFactory = _ => 0.5,
            HelpName = "X",
        };
        var multivariate = new Option<bool>("--multivariate")
        {
            Description = "Also train a domain classifier on all columns together (ROC AUC with a permutation bound): catches drift no single column shows; exit 1 when it drifts.",
        };
        var embeddings = new Option<string?>("--embeddings") { Description = "With --multivariate: columns holding embeddings (JSON arrays in CSV; LIST/ARRAY columns are found by type).", HelpName = "A,B" };
        var multivariateThreshold = new Option<double?>("--multivariate-threshold")
        {
            Description = $"With --multivariate: ROC AUC above which (and above the no-drift bound) the data drifted (default {MultivariateDriftOptions.DefaultThreshold.ToString(CultureInfo.InvariantCulture)}).",
            HelpName = "AUC",
        };
        var multivariateRows = new Option<int?>("--multivariate-rows")
        {
            Description = $"With --multivariate: rows per file the classifier uses at most, a seeded sample (default {MultivariateDriftOptions.DefaultMaxRows.ToString(CultureInfo.InvariantCulture)}).",
            HelpName = "N",
        };
        var format = CommonOptions.Format("table", "json", "html");

        var command = new Command("drift", "Compare current data with a reference, column by column (and jointly with --multivariate); exit 1 on drift.");
        foreach (var option in new Option[] { reference, current, columns, categorical, method, threshold, share, multivariate, embeddings, multivariateThreshold, multivariateRows, format })
            command.Options.Add(option);
        command.SetAction(parse =>
        {
            var options = new DriftOptions
            {
                Columns = List(parse.GetValue(columns)),
                Categorical = List(parse.GetValue(categorical)) ?? [],
                Method = DriftMethods.Parse(parse.GetValue(method)!),
                Threshold = NumberOptions.InRange(parse.GetValue(threshold), "--threshold", 0, double.PositiveInfinity),
                DriftShare = NumberOptions.InRange(parse.GetValue(share), "--drift-share", 0, 1),
            };
            var referencePath = parse.GetValue(reference)!;
            var currentPath = parse.GetValue(current)!;
            var embeddingColumns = List(parse.GetValue(embeddings));
            var auc = NumberOptions.InRange(parse.GetValue(multivariateThreshold), "--multivariate-threshold", 0, 1);
            var rows = parse.GetValue(multivariateRows);
            if (!parse.GetValue(multivariate) && (embeddingColumns is not null || auc is not null || rows is not null))
                throw new StewardInputException("--embeddings, --multivariate-threshold and --multivariate-rows apply only with --multivariate");

            MultivariateDriftReport? joint = null;
            if (parse.GetValue(multivariate))
            {
                joint = DomainClassifierDrift.Analyze(referencePath, currentPath, new MultivariateDriftOptions
                {
                    Columns = options.Columns,
                    Categorical = options.Categorical,
                    Embeddings = embeddingColumns ?? [],
                    Threshold = auc ?? MultivariateDriftOptions.DefaultThreshold,
                    MaxRows = rows ?? MultivariateDriftOptions.DefaultMaxRows,
                });
                // A per-column statistic of an embedding would compare whole vectors as categories: the
                // column-by-column pass leaves embeddings to the classifier.
                var vectors = joint.Features.Where(f => f.Kind == FeatureKind.Embedding).Select(f => f.Name).ToHashSet(StringComparer.Ordinal);
                if (vectors.Count > 0)
                    options = options with { Columns = (options.Columns ?? joint.Features.Select(f => f.Name).ToList()).Where(c => !vectors.Contains(c)).ToList() };
            }
            var report = DriftAnalyzer.Analyze(referencePath, currentPath, options);
            var output = parse.InvocationConfiguration.Output;
            Write(output, parse.GetValue(format)!, () => AlignmentJson.Drift(report, joint), () => AlignmentTables.Drift(report, output, joint), () => AlignmentHtml.Drift(report, joint));
            return report.DatasetDrift || joint?.Drifted == true ? ExitCodes.Failed : ExitCodes.Ok;
        });
        return command;
    }

    private static Command Fairness()
    {
        var data = new Option<string>("--data") { Description = "Data with predictions, labels and protected attributes.", Required = true, HelpName = "FILE" };
        var sensitive = new Option<string>("--sensitive") { Description = "Protected attribute column(s), comma-separated; several give intersectional groups A/B.", Required = true, HelpName = "COL[,COL2]" };
        var prediction = new Option<string>("--prediction") { Description = "Prediction column.", Required = true, HelpName = "COL" };
        var positivePrediction = new Option<string?>("--positive-prediction") { Description = "Prediction values that count as positive, comma-separated (default 1).", HelpName = "V1,V2" };
        var threshold = new Option<double?>("--threshold") { Description = "A prediction is positive when its score is >= T.", HelpName = "T" };
        var label = new Option<string>("--label") { Description = "Ground-truth label column.", Required = true, HelpName = "COL" };
        var positiveLabel = new Option<string>("--positive-label") { Description = "Label value that counts as positive.", DefaultValueFactory = _ => "1", HelpName = "V" };
        var referenceGroup = new Option<string?>("--reference-group") { Description = "Group disparate impact is measured against (default: the most selected group).", HelpName = "G" };
        var groups = new Option<string?>("--groups") { Description = "Compare only these groups, comma-separated.", HelpName = "G1,G2" };
        var format = CommonOptions.Format("table", "json", "html");

        var command = new Command("fairness", "Group metrics and disparities (Fairlearn definitions) of a classifier's predictions.");
        foreach (var option in new Option[] { data, sensitive, prediction, positivePrediction, threshold, label, positiveLabel, referenceGroup, groups, format })
            command.Options.Add(option);
        command.SetAction(parse =>
        {
            var positives = List(parse.GetValue(positivePrediction));
            var t = NumberOptions.InRange(parse.GetValue(threshold), "--threshold", double.MinValue, double.MaxValue);
            if (positives is not null && t is not null)
                throw new StewardInputException("use either --positive-prediction or --threshold, not both");
            var path = parse.GetValue(data)!;
            var report = FairnessAnalyzer.Analyze(path, new FairnessOptions
            {
                Sensitive = List(parse.GetValue(sensitive)) ?? [],
                Prediction = parse.GetValue(prediction)!,
                PositivePredictions = positives ?? ["1"],
                Threshold = t,
                Label = parse.GetValue(label)!,
                PositiveLabel = parse.GetValue(positiveLabel)!,
                ReferenceGroup = parse.GetValue(referenceGroup),
                Groups = List(parse.GetValue(groups)),
            });
            var output = parse.InvocationConfiguration.Output;
            Write(output, parse.GetValue(format)!, () => AlignmentJson.Fairness(report), () => AlignmentTables.Fairness(report, output), () => AlignmentHtml.Fairness(report, path));
            return ExitCodes.Ok;
        });
        return command;
    }

    private static Command Performance()
    {
        var data = new Option<string>("--data") { Description = "Data with labels and predictions.", Required = true, HelpName = "FILE" };
        var task = new Option<string>("--task") { Description = "classification or regression.", DefaultValueFactory = _ => "classification", HelpName = "TASK" };
        task.AcceptOnlyFromAmong("classification", "regression");
        var label = new Option<string>("--label") { Description = "Ground-truth column.", Required = true, HelpName = "COL" };
        var positiveLabel = new Option<string>("--positive-label") { Description = "Label value that counts as positive.", DefaultValueFactory = _ => "1", HelpName = "V" };
        var prediction = new Option<string?>("--prediction") { Description = "Predicted class (classification) or value (regression).", HelpName = "COL" };
        var positivePrediction = new Option<string?>("--positive-prediction") { Description = "Prediction values that count as positive, comma-separated (default 1).", HelpName = "V1,V2" };
        var score = new Option<string?>("--score") { Description = "Probability of the positive class (ROC AUC, log loss; the class when no --prediction).", HelpName = "COL" };
        var threshold = new Option<double>("--threshold") { Description = "Score at or above which the class is positive (without --prediction).", DefaultValueFactory = _ => 0.5, HelpName = "T" };
        var format = CommonOptions.Format("table", "json");

        var command = new Command("performance", "Model performance (scikit-learn definitions) from labels and predictions in a data file.");
        foreach (var option in new Option[] { data, task, label, positiveLabel, prediction, positivePrediction, score, threshold, format })
            command.Options.Add(option);
        command.SetAction(parse =>
        {
            var options = new PerformanceOptions
            {
                Label = parse.GetValue(label)!,
                PositiveLabel = parse.GetValue(positiveLabel)!,
                Prediction = parse.GetValue(prediction),
                PositivePredictions = List(parse.GetValue(positivePrediction)) ?? ["1"],
                Score = parse.GetValue(score),
                Threshold = NumberOptions.InRange(parse.GetValue(threshold), "--threshold", double.MinValue, double.MaxValue),
                Regression = parse.GetValue(task) == "regression",
            };
            var output = parse.InvocationConfiguration.Output;
            var path = parse.GetValue(data)!;
            if (options.Regression)
            {
                var r = PerformanceAnalyzer.Regression(path, options);
                Write(output, parse.GetValue(format)!, () => AlignmentJson.Regression(r),
                    () => AlignmentTables.Metrics([("mae", r.MeanAbsoluteError), ("rmse", r.RootMeanSquaredError), ("mape", r.MeanAbsolutePercentageError)], r.Count, output),
                    () => AlignmentJson.Regression(r));
            }
            else
            {
                var c = PerformanceAnalyzer.Classification(path, options);
                Write(output, parse.GetValue(format)!, () => AlignmentJson.Classification(c),
                    () => AlignmentTables.Metrics([("accuracy", c.Accuracy), ("precision", c.Precision), ("recall", c.Recall), ("f1", c.F1), ("roc_auc", c.RocAuc), ("log_loss", c.LogLoss)], c.Count, output),
                    () => AlignmentJson.Classification(c));
            }
            return ExitCodes.Ok;
        });
        return command;
    }

    private static void Write(TextWriter output, string format, Func<string> json, Action table, Func<string> html)
    {
        switch (format)
        {
            case "table":
                table();
                break;
            case "html":
                output.Write(html());
                break;
            default:
                output.WriteLine(json());
                break;
        }
    }

    /// <summary>A comma-separated list, trimmed, empty entries dropped; null when the option is absent.</summary>
    private static List<string>? List(string? value) =>
        value is null ? null : [.. value.Split(',', StringSplitOptions.TrimEntries | StringSplitOptions.RemoveEmptyEntries)];
}

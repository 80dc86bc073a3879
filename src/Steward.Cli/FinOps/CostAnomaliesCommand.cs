using System.CommandLine;
using System.Globalization;
using System.Text.Json;
using Steward.Cli.Commands;
using Steward.Core.FinOps.Anomalies;
using Steward.Core.FinOps.Reports;

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
            var allocation = CostCommand.AllocationDimensions(repository);
            var dimensions = CostDimension.ParseList(parse.GetValue(groupBy), allocation);
            var causes = parse.GetValue(rootCause) is { Length: > 0 } text ? CostDimension.ParseList(text, allocation) : null;
            var options = AnomalyOptions.Default with
            {
                MinimumImpact = NumberOptions.InRange(parse.GetValue(minImpact), "--min-impact", 0, double.PositiveInfinity),
                Sensitivity = NumberOptions.InRange(parse.GetValue(sensitivity), "--sensitivity", 0, double.PositiveInfinity),
            };
            using var opened = CostCommand.ReadStore(parse, store);
            var result = AnomalyDetector.Run(opened, dimensions, CostFilter.ParseDate(parse.GetValue(since), "--since"), causes,
                parse.GetValue(metric)!, parse.GetValue(currency), options, repository);
            var output = parse.InvocationConfiguration.Output;
            if (parse.GetValue(format) == "json")
                Json(result, output);
            else
                Table(result, output);
            return ExitCodes.Ok;
        });
        return command;
    }

    private static string D(DateOnly date) => date.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);

    private static double R(double value) => Math.Round(value, 6);

    private static void Json(CostAnomalyResult result, TextWriter output)
    {
        using var stream = new MemoryStream();
        using (var json = new Utf8JsonWriter(stream, new JsonWriterOptions { Indented = true }))
        {
            json.WriteStartObject();
            json.WriteStartArray("anomalies");
            foreach (var a in result.Anomalies)
            {
                json.WriteStartObject();
                json.WriteString("date", D(a.Date));
                json.WriteStartObject("scope");
                for (var i = 0; i < result.Dimensions.Count; i++)
                    json.WriteString(result.Dimensions[i], a.Scope.Keys[i]);
                json.WriteEndObject();
                json.WriteNumber("actual", R(a.Actual));
                json.WriteNumber("expected", R(a.Expected));
                json.WriteNumber("threshold", R(a.Threshold));
                json.WriteNumber("impact", R(a.Impact));
                if (a.ImpactPercent is { } p)
                    json.WriteNumber("impact_percent", R(p));
                else
                    json.WriteNull("impact_percent");
                if (a.RootCause is { } rc)
                {
                    json.WriteStartObject("root_cause");
                    json.WriteString("dimension", rc.Dimension);
                    json.WriteString("value", rc.Value);
                    json.WriteNumber("impact", R(rc.Impact));
                    json.WriteEndObject();
                }
                else
                {
                    json.WriteNull("root_cause");
                }
                json.WriteStartArray("contributors");
                foreach (var c in a.Contributors)
                {
                    json.WriteStartObject();
                    json.WriteString("dimension", c.Dimension);
                    json.WriteString("value", c.Value);
                    json.WriteNumber("impact", R(c.Impact));
                    json.WriteEndObject();
                }
                json.WriteEndArray();
                json.WriteEndObject();
            }
            json.WriteEndArray();
            json.WriteString("metric", result.Metric);
            json.WriteString("currency", result.Currency);
            json.WriteEndObject();
        }
        output.WriteLine(System.Text.Encoding.UTF8.GetString(stream.ToArray()));
    }

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

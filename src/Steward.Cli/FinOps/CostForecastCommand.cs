using System.CommandLine;
using System.Globalization;
using System.Text.Json;
using Steward.Cli.Commands;
using Steward.Core.FinOps.Forecasting;
using Steward.Core.FinOps.Reports;

namespace Steward.Cli.FinOps;

/// <summary><c>steward cost forecast --horizon DAYS [--group-by DIM] [--repo DIR]</c>.</summary>
internal static class CostForecastCommand
{
    public static Command Create()
    {
        var command = new Command("forecast", "Forecast daily costs (additive Holt-Winters, weekly season) with 80 % and 95 % prediction intervals.");
        var horizon = new Option<int>("--horizon")
        {
            Description = "Days to forecast after the last day with costs.",
            DefaultValueFactory = _ => 30,
            HelpName = "DAYS",
        };
        var groupBy = CostCommand.GroupBy(required: false, allocation: true);
        var top = new Option<int>("--top")
        {
            Description = "With --group-by: forecast only the largest scopes by cost (the overall forecast covers all).",
            DefaultValueFactory = _ => CostForecaster.DefaultTop,
            HelpName = "N",
        };
        var metric = CostCommand.Metric();
        var from = CostCommand.Date("--from", "First day of history used (inclusive).");
        var to = CostCommand.Date("--to", "Last day of history used (inclusive).");
        var currency = CostCommand.Currency();
        var format = CommonOptions.Format("table", "json");
        var store = CommonOptions.Store();
        var repo = CostCommand.Repo();
        foreach (var option in new Option[] { horizon, groupBy, top, metric, from, to, currency, repo, format, store })
            command.Options.Add(option);
        command.SetAction(parse =>
        {
            var repository = CostCommand.LoadRepository(parse, repo);
            var dimensions = CostDimension.ParseList(parse.GetValue(groupBy), CostCommand.AllocationDimensions(repository));
            var filter = new CostFilter
            {
                From = CostFilter.ParseDate(parse.GetValue(from), "--from"),
                To = CostFilter.ParseDate(parse.GetValue(to), "--to"),
                Currency = parse.GetValue(currency),
            };
            using var opened = CostCommand.ReadStore(parse, store);
            var result = CostForecaster.Run(opened, parse.GetValue(horizon), dimensions, parse.GetValue(metric)!, filter, parse.GetValue(top), repository);
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

    // Forecasts are estimates in double precision: six decimals are more than they deserve.
    private static double R(double value) => Math.Round(value, 6);

    private static void Json(CostForecastResult result, TextWriter output)
    {
        using var stream = new MemoryStream();
        using (var json = new Utf8JsonWriter(stream, new JsonWriterOptions { Indented = true }))
        {
            json.WriteStartObject();
            WriteScope(json, result.Overall);
            json.WriteString("metric", result.Metric);
            json.WriteString("currency", result.Currency);
            json.WriteNumber("horizon", result.Horizon);
            json.WriteStartObject("history");
            json.WriteString("from", D(result.HistoryFrom));
            json.WriteString("to", D(result.HistoryTo));
            json.WriteEndObject();
            json.WriteStartObject("intervals");
            json.WriteNumber("lower_upper", 0.95);
            json.WriteNumber("lower80_upper80", 0.80);
            json.WriteEndObject();
            if (result.Dimensions.Count > 0)
            {
                json.WriteStartArray("groups");
                foreach (var group in result.Groups)
                {
                    json.WriteStartObject();
                    json.WriteStartObject("scope");
                    for (var i = 0; i < result.Dimensions.Count; i++)
                        json.WriteString(result.Dimensions[i], group.Scope.Keys[i]);
                    json.WriteEndObject();
                    WriteScope(json, group);
                    json.WriteEndObject();
                }
                json.WriteEndArray();
            }
            json.WriteEndObject();
        }
        output.WriteLine(System.Text.Encoding.UTF8.GetString(stream.ToArray()));
    }

    private static void WriteScope(Utf8JsonWriter json, ScopeForecast forecast)
    {
        json.WriteStartArray("forecast");
        foreach (var p in forecast.Points)
        {
            json.WriteStartObject();
            json.WriteString("date", D(p.Date));
            json.WriteNumber("cost", R(p.Cost));
            json.WriteNumber("lower", R(p.Lower));
            json.WriteNumber("upper", R(p.Upper));
            json.WriteNumber("lower80", R(p.Lower80));
            json.WriteNumber("upper80", R(p.Upper80));
            json.WriteEndObject();
        }
        json.WriteEndArray();
        json.WriteNumber("total", R(forecast.Total));
        if (forecast.BacktestMape is { } mape)
            json.WriteNumber("backtest_mape", R(mape));
        else
            json.WriteNull("backtest_mape");
        json.WriteStartObject("parameters");
        json.WriteNumber("alpha", R(forecast.Fit.Parameters.Alpha));
        json.WriteNumber("beta", R(forecast.Fit.Parameters.Beta));
        json.WriteNumber("gamma", R(forecast.Fit.Parameters.Gamma));
        json.WriteEndObject();
    }

    private static void Table(CostForecastResult result, TextWriter output)
    {
        var scopes = new List<(string Title, ScopeForecast Forecast)> { ("all costs", result.Overall) };
        scopes.AddRange(result.Groups.Select(g => (g.Scope.Describe(result.Dimensions), g)));
        foreach (var (title, forecast) in scopes)
        {
            var mape = forecast.BacktestMape is { } m ? m.ToString("0.0", CultureInfo.InvariantCulture) + " %" : "n/a";
            output.WriteLine($"{result.Metric} forecast for {title} ({result.Currency}), history {D(result.HistoryFrom)} to {D(result.HistoryTo)}; "
                + $"total {Money.Display(forecast.Total)}; backtest MAPE {mape}");
            var table = new TextTable(["date", "cost", "95% lower", "95% upper", "80% lower", "80% upper"], [false, true, true, true, true, true]);
            foreach (var p in forecast.Points)
                table.Add([D(p.Date), Money.Display(p.Cost), Money.Display(p.Lower), Money.Display(p.Upper), Money.Display(p.Lower80), Money.Display(p.Upper80)]);
            table.Write(output);
            output.WriteLine();
        }
    }
}

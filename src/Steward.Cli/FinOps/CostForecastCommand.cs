using System.CommandLine;
using System.Globalization;
using Steward.Cli.Commands;
using Steward.Core.Application;
using Steward.Core.Application.Costs;
using Steward.Core.FinOps.Forecasting;
using Steward.Core.Reporting;
using Steward.Core.Reporting.Costs;

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
            var result = CliApplication.Services.CostForecast.Run(new CostForecastRequest(parse.GetValue(store)!, parse.GetValue(horizon))
            {
                GroupBy = parse.GetValue(groupBy),
                Top = parse.GetValue(top),
                Metric = parse.GetValue(metric)!,
                From = parse.GetValue(from),
                To = parse.GetValue(to),
                Currency = parse.GetValue(currency),
                Repository = CostCommand.LoadRepository(parse, repo),
            });
            var output = parse.InvocationConfiguration.Output;
            if (parse.GetValue(format) == "json")
                output.WriteLine(CostForecastJson.Write(result));
            else
                Table(result, output);
            return ExitCodes.Ok;
        });
        return command;
    }

    private static string D(DateOnly date) => date.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);

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

using System.Globalization;
using System.Text.Json;
using Steward.Core.FinOps.Forecasting;

namespace Steward.Core.Reporting.Costs;

/// <summary>The JSON of <c>steward cost forecast</c>: the overall forecast, then one per scope with --group-by.</summary>
public static class CostForecastJson
{
    public static string Write(CostForecastResult result) => JsonValues.Object(json =>
    {
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
    });

    internal static string D(DateOnly date) => date.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);

    // Forecasts are estimates in double precision: six decimals are more than they deserve.
    internal static double R(double value) => Math.Round(value, 6);

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
}

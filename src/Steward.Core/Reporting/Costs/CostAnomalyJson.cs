using Steward.Core.FinOps.Anomalies;

namespace Steward.Core.Reporting.Costs;

/// <summary>The JSON of <c>steward cost anomalies</c>: each anomalous day with its scope, impact and root cause.</summary>
public static class CostAnomalyJson
{
    public static string Write(CostAnomalyResult result) => JsonValues.Object(json =>
    {
        json.WriteStartArray("anomalies");
        foreach (var a in result.Anomalies)
        {
            json.WriteStartObject();
            json.WriteString("date", CostForecastJson.D(a.Date));
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
    });

    private static double R(double value) => Math.Round(value, 6);
}

using System.Globalization;
using System.Text.Json;

namespace Steward.Core.FinOps.Usage.Prometheus;

/// <summary>
/// Reads the JSON answer of <c>/api/v1/query_range</c>: <c>{"status":"success","data":{"resultType":"matrix","result":[...]}}</c>
/// into series, or turns Prometheus's own <c>{"status":"error","errorType":...,"error":...}</c> into one
/// line naming the server and the query (an input error: the server, the query or its limits).
/// </summary>
public static class QueryRangeAnswer
{
    public static IReadOnlyList<PrometheusSeries> Parse(ReadOnlySpan<byte> json, string server, string query, int httpStatus)
    {
        JsonDocument document;
        try
        {
            document = JsonDocument.Parse(json.ToArray(), new JsonDocumentOptions { MaxDepth = 16 });
        }
        catch (JsonException)
        {
            throw new StewardInputException(
                $"Prometheus {server}: /api/v1/query_range answered HTTP {httpStatus} without a Prometheus JSON body (is the URL the server's base URL?); query: {query}");
        }
        using (document)
        {
            var root = document.RootElement;
            var status = root.ValueKind == JsonValueKind.Object && root.TryGetProperty("status", out var s) && s.ValueKind == JsonValueKind.String ? s.GetString() : null;
            if (status == "error")
            {
                var type = root.TryGetProperty("errorType", out var t) && t.ValueKind == JsonValueKind.String ? t.GetString() : "error";
                var error = root.TryGetProperty("error", out var e) && e.ValueKind == JsonValueKind.String ? e.GetString() : "(no message)";
                throw new StewardInputException($"Prometheus {server}: query failed ({type}): {OneLine(error!)}; query: {query}");
            }
            if (status != "success" || !root.TryGetProperty("data", out var data) || data.ValueKind != JsonValueKind.Object)
                throw new StewardInputException($"Prometheus {server}: /api/v1/query_range answered HTTP {httpStatus} with no status \"success\" and no data; query: {query}");
            var type2 = data.TryGetProperty("resultType", out var rt) && rt.ValueKind == JsonValueKind.String ? rt.GetString() : null;
            if (type2 != "matrix" || !data.TryGetProperty("result", out var result) || result.ValueKind != JsonValueKind.Array)
                throw new StewardInputException($"Prometheus {server}: query_range answered resultType {type2 ?? "(none)"}, expected matrix; query: {query}");

            var series = new List<PrometheusSeries>(result.GetArrayLength());
            foreach (var item in result.EnumerateArray())
            {
                var labels = new Dictionary<string, string>(StringComparer.Ordinal);
                if (item.TryGetProperty("metric", out var metric) && metric.ValueKind == JsonValueKind.Object)
                    foreach (var label in metric.EnumerateObject())
                        labels[label.Name] = label.Value.ValueKind == JsonValueKind.String ? label.Value.GetString()! : label.Value.GetRawText();
                var points = new List<PrometheusPoint>();
                if (item.TryGetProperty("values", out var values) && values.ValueKind == JsonValueKind.Array)
                {
                    foreach (var pair in values.EnumerateArray())
                    {
                        if (pair.ValueKind != JsonValueKind.Array || pair.GetArrayLength() != 2
                            || pair[0].ValueKind != JsonValueKind.Number || pair[1].ValueKind != JsonValueKind.String)
                            throw new StewardInputException($"Prometheus {server}: a point of series {Show(labels)} is not [time, \"value\"]; query: {query}");
                        // Prometheus writes values as strings ("NaN", "+Inf" included); the caller judges them.
                        var text = pair[1].GetString()!;
                        var value = text switch
                        {
                            "NaN" => double.NaN,
                            "+Inf" => double.PositiveInfinity,
                            "-Inf" => double.NegativeInfinity,
                            _ => double.TryParse(text, NumberStyles.Float, CultureInfo.InvariantCulture, out var v) ? v
                                : throw new StewardInputException($"Prometheus {server}: value '{text}' of series {Show(labels)} is not a number; query: {query}"),
                        };
                        points.Add(new PrometheusPoint((long)Math.Round(pair[0].GetDouble()), value));
                    }
                }
                series.Add(new PrometheusSeries(labels, points));
            }
            return series;
        }
    }

    private static string Show(Dictionary<string, string> labels) => new PrometheusSeries(labels, []).ToString();

    private static string OneLine(string text) => text.ReplaceLineEndings(" ").Trim();
}

using Steward.Core.FinOps.Tokens;

namespace Steward.Core.Reporting.Costs;

/// <summary>
/// The JSON of <c>steward cost tokens</c>: one object per (model, version, source, team) with its tokens, cost,
/// prices per 1M tokens (null where undefined), GPU-hours per 1,000 requests, and the cost-per-token findings.
/// </summary>
public static class TokenCostJson
{
    public static string Write(TokenCostReport report) => JsonValues.Object(json =>
    {
        json.WriteString("from", report.From is { } f ? Steward.Core.Alignment.Monitoring.MonitorRunner.Iso(f) : null);
        json.WriteString("to", report.To is { } t ? Steward.Core.Alignment.Monitoring.MonitorRunner.Iso(t) : null);
        json.WriteString("currency", report.Currency);
        json.WriteBoolean("inference_log", report.InferenceLog);
        json.WriteStartArray("models");
        foreach (var r in report.Rows)
        {
            json.WriteStartObject();
            json.WriteString("model", r.Model);
            json.WriteString("model_version", r.Version);
            json.WriteString("source", r.Source);
            json.WriteString("team", r.Team);
            json.WriteString("family", r.Family);
            Number(json, "requests", r.Requests);
            json.WriteNumber("input_tokens", Money.Normalize(r.InputTokens));
            json.WriteNumber("cached_tokens", Money.Normalize(r.CachedTokens));
            json.WriteNumber("output_tokens", Money.Normalize(r.OutputTokens));
            json.WriteNumber("other_tokens", Money.Normalize(r.OtherTokens));
            json.WriteNumber("cost", Money.Normalize(r.Cost));
            Number(json, "input_cost", r.InputCost);
            Number(json, "output_cost", r.OutputCost);
            Number(json, "cost_per_million_tokens", Round(r.CostPerMillionTokens));
            Number(json, "cost_per_million_input_tokens", Round(r.CostPerMillionInput));
            Number(json, "cost_per_million_output_tokens", Round(r.CostPerMillionOutput));
            Number(json, "gpu_hours", r.GpuHours is { } h ? Math.Round(h, 9) : null);
            Number(json, "gpu_hours_per_1000_requests", r.GpuHoursPer1000Requests is { } g ? Math.Round(g, 9) : null);
            Number(json, "api_equivalent_cost", Round(r.ApiEquivalentCost));
            json.WriteStartArray("modalities");
            foreach (var m in r.Modalities)
            {
                json.WriteStartObject();
                json.WriteString("modality", m.Modality);
                json.WriteNumber("requests", m.Requests);
                json.WriteNumber("input_tokens", m.PromptTokens);
                json.WriteNumber("cached_tokens", m.CachedTokens);
                json.WriteNumber("output_tokens", m.CompletionTokens);
                json.WriteEndObject();
            }
            json.WriteEndArray();
            json.WriteString("rule", r.Finding?.RuleId);
            json.WriteString("message", r.Finding?.Message);
            json.WriteEndObject();
        }
        json.WriteEndArray();
        json.WriteStartArray("findings");
        foreach (var finding in report.Findings)
            JsonCheckReporter.WriteFinding(json, finding);
        json.WriteEndArray();
    });

    private static decimal? Round(decimal? value) => value is { } v ? Money.Normalize(Math.Round(v, 10)) : null;

    private static void Number(System.Text.Json.Utf8JsonWriter json, string name, decimal? value)
    {
        if (value is { } v) json.WriteNumber(name, Money.Normalize(v)); else json.WriteNull(name);
    }

    private static void Number(System.Text.Json.Utf8JsonWriter json, string name, double? value)
    {
        if (value is { } v) json.WriteNumber(name, v); else json.WriteNull(name);
    }

    private static void Number(System.Text.Json.Utf8JsonWriter json, string name, long? value)
    {
        if (value is { } v) json.WriteNumber(name, v); else json.WriteNull(name);
    }
}

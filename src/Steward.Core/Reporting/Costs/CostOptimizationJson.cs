using Steward.Core.FinOps.Optimization;

namespace Steward.Core.Reporting.Costs;

/// <summary>The JSON of <c>steward cost optimize</c>: rightsizing, idle GPUs and per model version costs.</summary>
public static class CostOptimizationJson
{
    /// <param name="models">Null when the store holds no inference log (written as <c>"models": null</c>).</param>
    public static string Write(OptimizationResult result, IReadOnlyList<ModelVersionCost>? models) => JsonValues.Object(json =>
    {
        json.WriteStartArray("rightsizing");
        foreach (var r in result.Rightsizing)
        {
            json.WriteStartObject();
            json.WriteString("rule", r.Finding.RuleId);
            json.WriteString("namespace", r.Namespace);
            json.WriteString("workload", r.Workload);
            json.WriteString("container", r.Container);
            json.WriteString("resource", r.Resource);
            json.WriteNumber("request", Math.Round(r.Request, 6));
            json.WriteNumber("p95", Math.Round(r.P95, 6));
            json.WriteNumber("recommended", Math.Round(r.Recommended, 6));
            json.WriteNumber("pods", Math.Round(r.Pods, 6));
            json.WriteNumber("monthly_saving", Math.Round(r.MonthlySaving, 6));
            json.WriteString("message", r.Finding.Message);
            json.WriteEndObject();
        }
        json.WriteEndArray();
        json.WriteStartArray("idle_gpus");
        foreach (var g in result.IdleGpus)
        {
            json.WriteStartObject();
            json.WriteString("rule", g.Finding.RuleId);
            json.WriteString("namespace", g.Namespace);
            json.WriteString("workload", g.Workload);
            json.WriteString("container", g.Container);
            json.WriteNumber("gpus", Math.Round(g.Gpus, 6));
            json.WriteNumber("utilization", Math.Round(g.Utilization, 6));
            json.WriteNumber("monthly_cost", Math.Round(g.MonthlyCost, 6));
            json.WriteString("message", g.Finding.Message);
            json.WriteEndObject();
        }
        json.WriteEndArray();
        if (models is null)
        {
            json.WriteNull("models");
        }
        else
        {
            json.WriteStartArray("models");
            foreach (var m in models)
            {
                json.WriteStartObject();
                json.WriteString("model", m.Model);
                json.WriteString("model_version", m.Version);
                json.WriteNumber("cost", Money.Normalize(m.Cost));
                json.WriteNumber("inferences", m.Inferences);
                if (m.CostPer1000 is { } c) json.WriteNumber("cost_per_1000", Math.Round(c, 10)); else json.WriteNull("cost_per_1000");
                if (m.DeclaredPer1000 is { } d) json.WriteNumber("declared_per_1000", Money.Normalize(d)); else json.WriteNull("declared_per_1000");
                json.WriteNumber("open_alignment_findings", m.OpenFindings);
                json.WriteNumber("risk_cost", Money.Normalize(m.RiskCost));
                json.WriteNumber("risk_adjusted_cost", Money.Normalize(m.RiskAdjustedCost));
                json.WriteString("rule", m.Finding?.RuleId);
                json.WriteString("message", m.Finding?.Message);
                json.WriteEndObject();
            }
            json.WriteEndArray();
        }
        json.WriteNumber("monthly_saving", Math.Round(result.Rightsizing.Sum(r => r.MonthlySaving), 6));
        json.WriteString("currency", "USD");
    });
}

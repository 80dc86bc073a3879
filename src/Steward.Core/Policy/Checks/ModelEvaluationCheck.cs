using Steward.Core.Findings;
using Steward.Core.Governance.Kinds;

namespace Steward.Core.Policy.Checks;

/// <summary>model-evaluation: every deployed ModelVersion meets the evaluation thresholds of steward.yaml.</summary>
public sealed class ModelEvaluationCheck : ICheck
{
    public RuleDescriptor Rule { get; } = new("model-evaluation", Severity.Error, Category.Alignment,
        "Deployed models meet their evaluation thresholds",
        "A model version that has not shown the required accuracy or fairness must not serve traffic.");

    public IEnumerable<Finding> Run(CheckContext context)
    {
        var settings = context.Repository.Settings;
        var thresholds = settings.Evaluation;
        if (thresholds.Count == 0) yield break;

        var deployed = new Dictionary<string, (ModelVersion Model, List<string> By)>(StringComparer.Ordinal);
        foreach (var workload in context.Workloads)
        {
            if (workload.Label(settings.ModelLabel) is not { } name || workload.Label(settings.ModelVersionLabel) is not { } version) continue;
            if (context.Repository.FindModel(name, version) is not { } model) continue;
            if (!deployed.TryGetValue(model.Key, out var entry))
                deployed[model.Key] = entry = (model, []);
            entry.By.Add($"{workload.Kind}/{workload.Name}");
        }

        foreach (var (model, by) in deployed.Values)
        {
            foreach (var (metric, threshold) in thresholds)
            {
                if (!model.Evaluation.TryGetValue(metric, out var value))
                {
                    yield return new Finding
                    {
                        RuleId = Rule.Id,
                        Severity = Rule.DefaultSeverity,
                        Category = Rule.Category,
                        Subject = Subjects.Of(model),
                        Message = $"ModelVersion {model.Key} (deployed by {string.Join(", ", by)}) has no evaluation result for {metric}",
                        Evidence = new Dictionary<string, object?> { ["metric"] = metric, ["threshold"] = threshold.ToString(), ["deployedBy"] = by },
                        SuggestedAction = $"Evaluate the model and record spec.evaluation.{metric}.",
                    };
                    continue;
                }
                if (threshold.IsMetBy(value)) continue;
                yield return new Finding
                {
                    RuleId = Rule.Id,
                    Severity = Rule.DefaultSeverity,
                    Category = Rule.Category,
                    Subject = Subjects.Of(model, model.EvaluationLocations[metric]),
                    Message = $"ModelVersion {model.Key} (deployed by {string.Join(", ", by)}): {metric} {value} is not {threshold}",
                    Evidence = new Dictionary<string, object?> { ["metric"] = metric, ["value"] = value, ["min"] = threshold.Min, ["max"] = threshold.Max, ["deployedBy"] = by },
                    SuggestedAction = "Roll the workloads back to a compliant version, or retrain and re-evaluate the model.",
                };
            }
        }
    }
}

using Steward.Core.Findings;
using Steward.Core.Governance.Kinds;
using Steward.Core.Policy.Exceptions;
using Steward.Core.Policy.Hierarchy;

namespace Steward.Core.Policy.Checks;

/// <summary>
/// model-evaluation: every deployed ModelVersion meets the evaluation thresholds of steward.yaml, as
/// the team and project PolicySets that govern the deploying workloads tighten (or, where allowed,
/// loosen) them (<see cref="ThresholdHierarchy"/>). Workloads under different sets are judged apart.
/// </summary>
public sealed class ModelEvaluationCheck : ICheck
{
    public RuleDescriptor Rule { get; } = new("model-evaluation", Severity.Error, Category.Alignment,
        "Deployed models meet their evaluation thresholds",
        "A model version that has not shown the required accuracy or fairness must not serve traffic.");

    public IEnumerable<Finding> Run(CheckContext context)
    {
        var settings = context.Repository.Settings;
        var hierarchy = ThresholdHierarchy.For(context.Repository);
        if (hierarchy.IsEmpty) yield break;

        // Per model version, its deploying workloads grouped by the chain of PolicySets that governs them, in workload order.
        var deployed = new Dictionary<string, (ModelVersion Model, List<(IReadOnlyList<PolicySet> Chain, List<string> By)> Groups)>(StringComparer.Ordinal);
        foreach (var workload in context.Workloads)
        {
            if (workload.Label(settings.ModelLabel) is not { } name || workload.Label(settings.ModelVersionLabel) is not { } version) continue;
            if (context.Repository.FindModel(name, version) is not { } model) continue;
            if (!deployed.TryGetValue(model.Key, out var entry))
                deployed[model.Key] = entry = (model, []);
            var chain = hierarchy.Chain(Subjects.Of(workload.Object), new SubjectFacts(workload.Labels, name, version));
            var group = entry.Groups.FirstOrDefault(g => g.Chain.SequenceEqual(chain));
            if (group.By is null)
                entry.Groups.Add(group = (chain, []));
            group.By.Add($"{workload.Kind}/{workload.Name}");
        }

        foreach (var (model, groups) in deployed.Values)
        {
            foreach (var (chain, by) in groups)
            {
                foreach (var threshold in hierarchy.Resolve(chain))
                {
                    if (Judge(model, by, threshold) is { } finding) yield return finding;
                }
            }
        }
    }

    private Finding? Judge(ModelVersion model, List<string> by, EffectiveThreshold effective)
    {
        var (metric, threshold) = (effective.Metric, effective.Bound);
        // A threshold a PolicySet set says so, so that a team sees why its model fails where another's passes.
        var setBy = effective.Level == PolicyLevel.Organisation ? "" : $" ({effective.Level.ToString().ToLowerInvariant()} PolicySet {effective.Name})";
        if (!model.Evaluation.TryGetValue(metric, out var value))
        {
            return new Finding
            {
                RuleId = Rule.Id,
                Severity = Rule.DefaultSeverity,
                Category = Rule.Category,
                Subject = Subjects.Of(model),
                Message = $"ModelVersion {model.Key} (deployed by {string.Join(", ", by)}) has no evaluation result for {metric}{setBy}",
                Evidence = Evidence(effective, new() { ["metric"] = metric, ["threshold"] = threshold.ToString(), ["deployedBy"] = by }),
                SuggestedAction = $"Evaluate the model and record spec.evaluation.{metric}.",
            };
        }
        if (threshold.IsMetBy(value)) return null;
        return new Finding
        {
            RuleId = Rule.Id,
            Severity = Rule.DefaultSeverity,
            Category = Rule.Category,
            Subject = Subjects.Of(model, model.EvaluationLocations[metric]),
            Message = $"ModelVersion {model.Key} (deployed by {string.Join(", ", by)}): {metric} {value} is not {threshold}{setBy}",
            Evidence = Evidence(effective, new() { ["metric"] = metric, ["value"] = value, ["min"] = threshold.Min, ["max"] = threshold.Max, ["deployedBy"] = by }),
            SuggestedAction = "Roll the workloads back to a compliant version, or retrain and re-evaluate the model.",
        };
    }

    /// <summary>The evidence, with <c>thresholdSource</c> (file:line:column) when a PolicySet set the threshold.</summary>
    private static Dictionary<string, object?> Evidence(EffectiveThreshold effective, Dictionary<string, object?> evidence)
    {
        if (effective.Level != PolicyLevel.Organisation) evidence["thresholdSource"] = effective.Source;
        return evidence;
    }
}

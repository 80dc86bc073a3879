using Steward.Core.Findings;

namespace Steward.Core.Policy.Checks;

/// <summary>model-ref: a workload's model labels name a ModelVersion of the catalog.</summary>
public sealed class ModelRefCheck : ICheck
{
    public RuleDescriptor Rule { get; } = new("model-ref", Severity.Error, Category.Policy,
        "Workloads name a model version of the catalog",
        "A deployment of a model version that is not in models/ has no license, evaluation or cost on record to govern it.");

    public IEnumerable<Finding> Run(CheckContext context)
    {
        var settings = context.Repository.Settings;
        foreach (var workload in context.Workloads)
        {
            var model = workload.Label(settings.ModelLabel);
            var version = workload.Label(settings.ModelVersionLabel);
            if (model is null && version is null) continue;

            string? problem = null;
            if (model is null)
                problem = $"has label {settings.ModelVersionLabel}={version} but no {settings.ModelLabel} label";
            else if (version is null)
            {
                if (!context.Repository.HasModel(model))
                    problem = $"names model {model}, which has no ModelVersion in models/";
            }
            else if (context.Repository.FindModel(model, version) is null)
            {
                var known = context.Repository.Models.Where(m => m.Model == model).Select(m => m.Version).Order(StringComparer.Ordinal).ToList();
                problem = known.Count == 0
                    ? $"names model {model}, which has no ModelVersion in models/"
                    : $"names {model}@{version}, which is not in models/ (known versions: {string.Join(", ", known)})";
            }
            if (problem is null) continue;
            yield return new Finding
            {
                RuleId = Rule.Id,
                Severity = Rule.DefaultSeverity,
                Category = Rule.Category,
                Subject = Subjects.Of(workload.Object) with { Model = model, ModelVersion = version },
                Message = $"{workload.Kind} {workload.Name} {problem}",
                Evidence = new Dictionary<string, object?> { ["model"] = model, ["version"] = version },
                SuggestedAction = "Add the ModelVersion to models/ or correct the labels.",
            };
        }
    }
}

using Steward.Core.Findings;

namespace Steward.Core.Policy.Checks;

/// <summary>cost-labels: every workload carries the cost-allocation labels, on its metadata or its pod template.</summary>
public sealed class CostLabelsCheck : ICheck
{
    public RuleDescriptor Rule { get; } = new("cost-labels", Severity.Error, Category.FinOps,
        "Workloads carry the cost-allocation labels",
        "Costs are attributed to teams and cost centers through labels; a workload without them is spend nobody owns.");

    public IEnumerable<Finding> Run(CheckContext context)
    {
        var required = context.Repository.Settings.CostAllocationLabels;
        foreach (var workload in context.Workloads)
        {
            var missing = required.Where(key => workload.Label(key) is not { Length: > 0 }).ToList();
            if (missing.Count == 0) continue;
            yield return new Finding
            {
                RuleId = Rule.Id,
                Severity = Rule.DefaultSeverity,
                Category = Rule.Category,
                Subject = Subjects.Of(workload.Object),
                Message = $"{workload.Kind} {workload.Name} lacks cost-allocation label{(missing.Count > 1 ? "s" : "")} {string.Join(", ", missing)}",
                Evidence = new Dictionary<string, object?> { ["missing"] = missing, ["required"] = required.ToList() },
                SuggestedAction = $"Add {string.Join(", ", missing.Select(m => m + ": <value>"))} to metadata.labels or the pod template's labels.",
            };
        }
    }
}

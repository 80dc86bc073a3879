using Steward.Core.Findings;
using Steward.Core.Kubernetes;

namespace Steward.Core.Policy.Checks;

/// <summary>resources: every container sets CPU and memory requests and limits, and no limit is below its request.</summary>
public sealed class ResourcesCheck : ICheck
{
    private static readonly string[] Resources = ["cpu", "memory"];

    public RuleDescriptor Rule { get; } = new("resources", Severity.Error, Category.Policy,
        "Containers set CPU and memory requests and limits",
        "Without requests the scheduler cannot place the pod and its cost cannot be estimated; without limits one model can starve its neighbours.");

    public IEnumerable<Finding> Run(CheckContext context)
    {
        foreach (var workload in context.Workloads)
        {
            foreach (var container in workload.Containers)
            {
                var missing = new List<string>();
                foreach (var resource in Resources)
                {
                    if (!container.Requests.ContainsKey(resource)) missing.Add($"requests.{resource}");
                    if (!container.Limits.ContainsKey(resource)) missing.Add($"limits.{resource}");
                }
                if (missing.Count > 0)
                {
                    yield return new Finding
                    {
                        RuleId = Rule.Id,
                        Severity = Rule.DefaultSeverity,
                        Category = Rule.Category,
                        Subject = Subjects.Of(workload.Object, container.Location),
                        Message = $"container {container.Name} of {workload.Kind} {workload.Name} lacks {string.Join(", ", missing)}",
                        Evidence = new Dictionary<string, object?> { ["container"] = container.Name, ["missing"] = missing },
                        SuggestedAction = "Set resources.requests and resources.limits for cpu and memory.",
                    };
                }
                foreach (var (name, limit) in container.Limits.OrderBy(kv => kv.Key, StringComparer.Ordinal))
                {
                    if (container.Requests.TryGetValue(name, out var request) && limit.Value < request.Value)
                        yield return LimitBelowRequest(workload, container, name, request, limit);
                }
            }
        }
    }

    private Finding LimitBelowRequest(Workload workload, Container container, string resource, ResourceAmount request, ResourceAmount limit) => new()
    {
        RuleId = Rule.Id,
        Severity = Rule.DefaultSeverity,
        Category = Rule.Category,
        Subject = Subjects.Of(workload.Object, limit.Location),
        Message = $"container {container.Name} of {workload.Kind} {workload.Name}: {resource} limit {limit.Text} is below its request {request.Text}",
        Evidence = new Dictionary<string, object?> { ["container"] = container.Name, ["resource"] = resource, ["request"] = request.Text, ["limit"] = limit.Text },
        SuggestedAction = $"Raise limits.{resource} to at least {request.Text} or lower the request.",
    };
}

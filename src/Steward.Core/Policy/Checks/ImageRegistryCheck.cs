using Steward.Core.Findings;
using Steward.Core.Kubernetes;

namespace Steward.Core.Policy.Checks;

/// <summary>image-registry: images come from an approved registry (when registries.approved is set).</summary>
public sealed class ImageRegistryCheck : ICheck
{
    public RuleDescriptor Rule { get; } = new("image-registry", Severity.Error, Category.SupplyChain,
        "Images come from approved registries",
        "Images from unvetted registries bypass the scanning and signing that the approved registries enforce.");

    public IEnumerable<Finding> Run(CheckContext context)
    {
        var approved = context.Repository.Settings.ApprovedRegistries;
        if (approved.Count == 0) yield break;
        foreach (var workload in context.Workloads)
        {
            foreach (var container in workload.Containers.Where(c => c.Image is not null))
            {
                var image = ImageReference.Parse(container.Image!);
                if (approved.Any(image.IsUnder)) continue;
                yield return new Finding
                {
                    RuleId = Rule.Id,
                    Severity = Rule.DefaultSeverity,
                    Category = Rule.Category,
                    Subject = Subjects.Of(workload.Object, container.ImageLocation),
                    Message = $"image {container.Image} of container {container.Name} is not from an approved registry",
                    Evidence = new Dictionary<string, object?> { ["image"] = container.Image, ["registry"] = image.Registry, ["approved"] = approved.ToList() },
                    SuggestedAction = $"Mirror the image into one of: {string.Join(", ", approved)}.",
                };
            }
        }
    }
}

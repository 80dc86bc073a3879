using Steward.Core.Findings;
using Steward.Core.Kubernetes;

namespace Steward.Core.Policy.Checks;

/// <summary>image-digest: images are pinned by @sha256 digest, so that what runs is what was scanned.</summary>
public sealed class ImageDigestCheck : ICheck
{
    public RuleDescriptor Rule { get; } = new("image-digest", Severity.Warning, Category.SupplyChain,
        "Images are pinned by digest",
        "A tag can be moved to other content; only a digest names the exact image that was scanned and evaluated.");

    public IEnumerable<Finding> Run(CheckContext context)
    {
        foreach (var workload in context.Workloads)
        {
            foreach (var container in workload.Containers.Where(c => c.Image is not null))
            {
                if (ImageReference.Parse(container.Image!).IsPinnedByDigest) continue;
                yield return new Finding
                {
                    RuleId = Rule.Id,
                    Severity = Rule.DefaultSeverity,
                    Category = Rule.Category,
                    Subject = Subjects.Of(workload.Object, container.ImageLocation),
                    Message = $"image {container.Image} of container {container.Name} is not pinned by digest",
                    Evidence = new Dictionary<string, object?> { ["image"] = container.Image },
                    SuggestedAction = "Reference the image as name@sha256:<digest> (the tag may stay: name:tag@sha256:<digest>).",
                };
            }
        }
    }
}

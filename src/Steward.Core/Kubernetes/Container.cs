using Steward.Core.Governance;

namespace Steward.Core.Kubernetes;

/// <summary>A resource amount as written in a manifest, with where it was written.</summary>
public sealed record ResourceAmount(string Text, decimal Value, SourceLocation Location);

/// <summary>A container of a workload's pod template, with its resources parsed.</summary>
public sealed record Container
{
    public required string Name { get; init; }
    public required string? Image { get; init; }
    public required SourceLocation Location { get; init; }
    public SourceLocation ImageLocation { get; init; }
    public bool IsInit { get; init; }
    public IReadOnlyDictionary<string, ResourceAmount> Requests { get; init; } = new Dictionary<string, ResourceAmount>();
    public IReadOnlyDictionary<string, ResourceAmount> Limits { get; init; } = new Dictionary<string, ResourceAmount>();

    /// <summary>The request, or the limit when no request is set (Kubernetes defaults requests to limits).</summary>
    public decimal EffectiveRequest(string resource) =>
        Requests.TryGetValue(resource, out var r) ? r.Value : Limits.TryGetValue(resource, out var l) ? l.Value : 0m;
}

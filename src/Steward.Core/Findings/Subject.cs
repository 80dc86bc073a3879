namespace Steward.Core.Findings;

/// <summary>
/// What a finding is about: a place in the governance repository (file and line), a Kubernetes
/// object, a model version or a cost scope. Every field is optional; reporters print what is set.
/// </summary>
public sealed record Subject
{
    public string? File { get; init; }
    public int? Line { get; init; }
    public int? Column { get; init; }
    public string? ApiVersion { get; init; }
    public string? Kind { get; init; }
    public string? Name { get; init; }
    public string? Namespace { get; init; }
    public string? Model { get; init; }
    public string? ModelVersion { get; init; }
    public string? Scope { get; init; }
}

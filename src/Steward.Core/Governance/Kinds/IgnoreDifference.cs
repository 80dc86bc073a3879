namespace Steward.Core.Governance.Kinds;

/// <summary>
/// Fields the live-state diff ignores, as Argo CD's <c>ignoreDifferences</c>: JSON pointers for
/// the objects of a group and kind (and optionally one name or namespace).
/// </summary>
public sealed record IgnoreDifference(string Group, string Kind, string? Name, string? Namespace, IReadOnlyList<string> JsonPointers)
{
    public bool Applies(string group, string kind, string? ns, string name) =>
        Group == group && (Kind == kind || Kind == "*") && (Name is null || Name == name) && (Namespace is null || Namespace == ns);
}

using Steward.Core.Findings;
using Steward.Core.Governance;

namespace Steward.Core.Policy.Exceptions;

/// <summary>
/// The labels of the object a finding is about, for an exception's labelSelector: findings carry
/// the object's identity (file, kind, namespace, name), not its labels.
/// </summary>
public sealed class SubjectLabels
{
    private readonly Dictionary<(string File, string Kind, string Namespace, string Name), IReadOnlyDictionary<string, string>> _byIdentity = [];
    private readonly SubjectLabels? _fallback;

    /// <param name="objects">The objects findings may be about; the first of an identity wins (one file never holds it twice without a finding).</param>
    /// <param name="fallback">Asked for subjects not among <paramref name="objects"/> (the object under review first, then its revision).</param>
    public SubjectLabels(IEnumerable<RepositoryObject> objects, SubjectLabels? fallback = null)
    {
        _fallback = fallback;
        foreach (var obj in objects)
            _byIdentity.TryAdd((obj.File, obj.Kind, obj.Namespace ?? "", obj.Name), obj.Labels);
    }

    /// <summary>The labels of every object of the repository.</summary>
    public static SubjectLabels Of(GovernanceRepository repository) => new(repository.AllObjects);

    /// <summary>The subject's labels; null when the finding is about no object of the repository (a cost scope, a live object's gone file).</summary>
    public IReadOnlyDictionary<string, string>? Of(Subject subject) =>
        subject.File is { } file && subject.Kind is { } kind && subject.Name is { } name
        && _byIdentity.TryGetValue((file, kind, subject.Namespace ?? "", name), out var labels)
            ? labels
            : _fallback?.Of(subject);
}

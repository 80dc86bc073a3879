using Steward.Core.Findings;
using Steward.Core.Governance;
using Steward.Core.Governance.Kinds;
using Steward.Core.Kubernetes;

namespace Steward.Core.Policy.Exceptions;

/// <summary>What an exception's match reads about the object a finding is about, beyond the finding's subject.</summary>
/// <param name="Labels">The object's labels (a workload's with its pod template's, as budgets select them).</param>
/// <param name="Model">The model a workload deploys (the model label), or a ModelVersion's model.</param>
public sealed record SubjectFacts(IReadOnlyDictionary<string, string> Labels, string? Model, string? ModelVersion);

/// <summary>
/// The objects findings may be about, by identity (file, kind, namespace, name): findings carry the
/// identity, not the labels an exception's labelSelector reads nor the model a workload deploys.
/// </summary>
public sealed class SubjectObjects
{
    private readonly Dictionary<(string File, string Kind, string Namespace, string Name), RepositoryObject> _byIdentity = [];
    private readonly Dictionary<RepositoryObject, SubjectFacts> _facts = [];
    private readonly Settings _settings;
    private readonly SubjectObjects? _fallback;

    /// <param name="objects">The objects; the first of an identity wins (one file holding it twice is a finding of its own).</param>
    /// <param name="fallback">Asked for subjects not among <paramref name="objects"/> (the object under review first, then its revision).</param>
    public SubjectObjects(IEnumerable<RepositoryObject> objects, Settings settings, SubjectObjects? fallback = null)
    {
        _settings = settings;
        _fallback = fallback;
        foreach (var obj in objects)
            _byIdentity.TryAdd((obj.File, obj.Kind, obj.Namespace ?? "", obj.Name), obj);
    }

    /// <summary>Every object of the repository.</summary>
    public static SubjectObjects Of(GovernanceRepository repository) => new(repository.AllObjects, repository.Settings);

    /// <summary>The facts of the subject's object; the finding's own when it is about no object of the repository (a cost scope, a live object).</summary>
    public SubjectFacts? Of(Subject subject)
    {
        if (subject.File is { } file && subject.Kind is { } kind && subject.Name is { } name
            && _byIdentity.TryGetValue((file, kind, subject.Namespace ?? "", name), out var obj))
        {
            lock (_facts)
            {
                if (!_facts.TryGetValue(obj, out var facts))
                    _facts[obj] = facts = FactsOf(obj);
                return facts;
            }
        }
        return _fallback?.Of(subject);
    }

    private SubjectFacts FactsOf(RepositoryObject obj) => FactsOf(obj, _settings);

    /// <summary>The facts of one object: a workload's labels with its pod template's and the model it deploys, else its own labels.</summary>
    public static SubjectFacts FactsOf(RepositoryObject obj, Settings settings)
    {
        Workload? workload = null;
        try
        {
            workload = Workload.From(obj);
        }
        catch (StewardInputException)
        {
            // A workload the checks cannot read (reported by them): matched on its own labels.
        }
        if (workload is not null)
            return new SubjectFacts(workload.Labels, workload.Label(settings.ModelLabel), workload.Label(settings.ModelVersionLabel));
        return new SubjectFacts(obj.Labels, null, null);
    }
}

using Steward.Core.Findings;
using Steward.Core.Governance;
using Steward.Core.Governance.Kinds;
using Steward.Core.Policy.Checks;
using Steward.Core.Policy.Exceptions;

namespace Steward.Core.Policy.Hierarchy;

/// <summary>
/// Evaluation thresholds through the policy hierarchy: steward.yaml's <c>evaluation</c>, then the
/// <c>spec.evaluation</c> of the team and project PolicySets that govern a subject (the same chain as
/// rule settings, <see cref="PolicyHierarchy.Chain(Subject, SubjectFacts?)"/>). A bound a level leaves out
/// is inherited. Tightening (a higher min, a lower max, a new metric) is always allowed; loosening only
/// when every level above that sets the metric marks it <c>overridable: true</c>. A refused loosening is a
/// <c>policy-hierarchy-conflict</c> naming both files, and the higher bound stands.
/// </summary>
public sealed class ThresholdHierarchy
{
    private readonly Settings _organisation;
    private readonly PolicyHierarchy _sets;
    private readonly bool _setsWriteThresholds;

    public ThresholdHierarchy(Settings organisation, IReadOnlyList<PolicySet> sets)
    {
        _organisation = organisation;
        _sets = new PolicyHierarchy(organisation, sets);
        _setsWriteThresholds = sets.Any(s => s.Evaluation.Count > 0);
    }

    public static ThresholdHierarchy For(GovernanceRepository repository) => new(repository.Settings, repository.PolicySets);

    /// <summary>No level sets a threshold: nothing to evaluate.</summary>
    public bool IsEmpty => _organisation.Evaluation.Count == 0 && !_setsWriteThresholds;

    /// <summary>The PolicySets that govern a subject, highest first.</summary>
    public IReadOnlyList<PolicySet> Chain(Subject subject, SubjectFacts? facts) =>
        _setsWriteThresholds ? [.. _sets.Chain(subject, facts)] : [];

    /// <summary>The thresholds under a chain of sets, by metric; <paramref name="steps"/> gets what each level did.</summary>
    public IReadOnlyList<EffectiveThreshold> Resolve(IReadOnlyList<PolicySet> chain, List<ThresholdStep>? steps = null) =>
        Resolve(chain, steps, null);

    /// <summary>Every loosening some set writes without the permission of a level above, once per set and metric.</summary>
    public IReadOnlyList<Finding> Conflicts()
    {
        if (!_setsWriteThresholds) return [];
        var conflicts = new Dictionary<(string, string), Finding>();
        foreach (var chain in _sets.Chains())
            Resolve(chain, null, conflicts);
        return [.. conflicts.Values];
    }

    private List<EffectiveThreshold> Resolve(IReadOnlyList<PolicySet> chain, List<ThresholdStep>? steps, Dictionary<(string, string), Finding>? conflicts)
    {
        var metrics = _organisation.Evaluation.Keys.Concat(chain.SelectMany(s => s.Evaluation.Keys)).Distinct(StringComparer.Ordinal).Order(StringComparer.Ordinal);
        var result = new List<EffectiveThreshold>();
        foreach (var metric in metrics)
        {
            var organisation = OrganisationSetting(metric);
            var orgSource = organisation?.Location?.ToString() ?? RepositoryLayout.SettingsFile;
            var current = organisation?.Bound;
            var setBy = (Level: PolicyLevel.Organisation, Name: RepositoryLayout.SettingsFile, Source: orgSource);
            // The organisation's thresholds are not loosened unless it says so (as its rules).
            string? forbiddenBy = organisation is { Overridable: false } ? orgSource : null;
            steps?.Add(new ThresholdStep(PolicyLevel.Organisation, RepositoryLayout.SettingsFile, orgSource, metric, organisation?.Bound, current, organisation is null ? "default" : "set"));
            foreach (var set in chain)
            {
                if (!set.Evaluation.TryGetValue(metric, out var written))
                {
                    steps?.Add(new ThresholdStep(set.Level, set.Name, set.Object.Location.ToString(), metric, null, current, "unchanged"));
                    continue;
                }
                var source = written.Location?.ToString() ?? set.Object.Location.ToString();
                var minLoosens = written.Bound.Min is { } min && current?.Min is { } higherMin && min < higherMin;
                var maxLoosens = written.Bound.Max is { } max && current?.Max is { } higherMax && max > higherMax;
                var refused = (minLoosens || maxLoosens) && forbiddenBy is not null;
                var next = new Threshold(
                    written.Bound.Min is null || refused && minLoosens ? current?.Min : written.Bound.Min,
                    written.Bound.Max is null || refused && maxLoosens ? current?.Max : written.Bound.Max);
                var outcome = refused ? "refused" : minLoosens || maxLoosens ? "loosened" : next == current ? "unchanged" : "tightened";
                if (refused && conflicts is not null && !conflicts.ContainsKey((set.Name, metric)))
                    conflicts[(set.Name, metric)] = Conflict(set, metric, written, forbiddenBy!, current!);
                if (next != current) setBy = (set.Level, set.Name, source);
                current = next;
                steps?.Add(new ThresholdStep(set.Level, set.Name, source, metric, written.Bound, current, outcome));
                if (!written.Overridable) forbiddenBy ??= source;
            }
            if (current is not null)
                result.Add(new EffectiveThreshold(metric, current, setBy.Level, setBy.Name, setBy.Source));
        }
        return result;
    }

    /// <summary>steward.yaml's setting of a metric (a Settings built in code has bounds only: not overridable).</summary>
    private ThresholdSetting? OrganisationSetting(string metric) =>
        _organisation.EvaluationSettings.TryGetValue(metric, out var setting) ? setting
        : _organisation.Evaluation.TryGetValue(metric, out var bound) ? new ThresholdSetting(bound)
        : null;

    private static Finding Conflict(PolicySet set, string metric, ThresholdSetting written, string higher, Threshold stands) => new()
    {
        RuleId = PolicyHierarchy.ConflictRule,
        Severity = Severity.Error,
        Category = Category.Policy,
        Subject = Subjects.Of(set.Object, written.Location),
        Message = $"{set.Level.ToString().ToLowerInvariant()} PolicySet {set.Name} loosens the {metric} threshold to {written.Bound}, which a level above ({higher}) does not mark overridable; {stands} stands",
        Evidence = new Dictionary<string, object?>
        {
            ["threshold"] = metric,
            ["higher"] = higher,
            ["lower"] = written.Location?.ToString() ?? set.Object.Location.ToString(),
            ["stands"] = stands.ToString(),
        },
        SuggestedAction = $"Remove the loosening from PolicySet {set.Name}, or mark evaluation {metric} overridable: true at {higher}.",
    };
}

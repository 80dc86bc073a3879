using Steward.Core.Findings;
using Steward.Core.Governance;
using Steward.Core.Governance.Kinds;
using Steward.Core.Policy.Checks;
using Steward.Core.Policy.Exceptions;

namespace Steward.Core.Policy.Hierarchy;

/// <summary>
/// The policy hierarchy: the organisation's rule settings (steward.yaml <c>rules</c>), then the
/// team's PolicySet and the project's PolicySet whose match picks a finding's subject. A lower level
/// may raise a rule's severity; it may lower it or disable the rule only where the level whose
/// setting holds marks it <c>overridable: true</c>. A refused relaxation is a
/// <c>policy-hierarchy-conflict</c> error naming both files, and the higher setting stands. Rules
/// are named by id or prefix, so a Rego package (<c>policy/teams/ml</c>) is set like a built-in rule.
/// </summary>
public sealed class PolicyHierarchy
{
    public const string ConflictRule = "policy-hierarchy-conflict";

    public static RuleDescriptor ConflictDescriptor { get; } = new(ConflictRule, Severity.Error, Category.Policy,
        "Lower policy levels relax only what higher levels allow",
        "A team or project PolicySet may tighten a rule; relaxing or disabling it needs overridable: true at the level above, so that the organisation's floor holds.");

    private readonly Settings _organisation;
    private readonly IReadOnlyList<PolicySet> _teams;
    private readonly IReadOnlyList<PolicySet> _projects;

    public PolicyHierarchy(Settings organisation, IReadOnlyList<PolicySet> sets)
    {
        _organisation = organisation;
        _teams = [.. sets.Where(s => s.Level == PolicyLevel.Team).OrderBy(s => s.Name, StringComparer.Ordinal)];
        _projects = [.. sets.Where(s => s.Level == PolicyLevel.Project).OrderBy(s => s.Name, StringComparer.Ordinal)];
    }

    public static PolicyHierarchy For(GovernanceRepository repository) => new(repository.Settings, repository.PolicySets);

    public bool IsEmpty => _teams.Count == 0 && _projects.Count == 0;

    /// <summary>Every chain a subject can have, highest set first: each team set alone, and each project set under its team.</summary>
    public IEnumerable<IReadOnlyList<PolicySet>> Chains()
    {
        foreach (var team in _teams)
        {
            yield return [team];
            foreach (var project in _projects.Where(p => p.Parent == team.Name))
                yield return [team, project];
        }
    }

    /// <summary>
    /// The finding as the hierarchy leaves it (null when a level disabled its rule for the subject),
    /// with what each level did; refused relaxations go to <paramref name="conflicts"/> (once per set and rule key).
    /// </summary>
    public Finding? Resolve(Finding finding, SubjectObjects objects, List<HierarchyStep> steps, Dictionary<(string, string), Finding>? conflicts = null)
    {
        var (orgKey, orgSetting) = Lookup(_organisation.Rules, finding.RuleId);
        var orgSource = orgSetting?.Location?.ToString() ?? RepositoryLayout.SettingsFile;
        // A relaxation needs overridable: true at every level above that sets the rule (the organisation's
        // rules are not overridable unless it says so); the first that does not is named in the conflict.
        string? forbiddenBy = orgSetting?.Overridable == true ? null : orgSource;
        steps.Add(new HierarchyStep(PolicyLevel.Organisation, RepositoryLayout.SettingsFile, orgSource, orgKey, orgSetting, orgSetting is null ? "default" : "set"));
        var current = finding;
        foreach (var set in Chain(finding.Subject, objects))
        {
            var (key, setting) = Lookup(set.Rules, finding.RuleId);
            var source = setting?.Location?.ToString() ?? set.Object.Location.ToString();
            if (key is null || setting is null)
            {
                steps.Add(new HierarchyStep(set.Level, set.Name, source, null, null, "unchanged"));
                continue;
            }
            var relaxes = !setting.Enabled || setting.Severity is { } lower && lower < current.Severity;
            if (relaxes && forbiddenBy is not null)
            {
                steps.Add(new HierarchyStep(set.Level, set.Name, source, key, setting, "refused"));
                if (conflicts is not null && !conflicts.ContainsKey((set.Name, key)))
                    conflicts[(set.Name, key)] = Conflict(set, key, setting, forbiddenBy);
                continue;
            }
            if (!setting.Enabled)
            {
                steps.Add(new HierarchyStep(set.Level, set.Name, source, key, setting, "disabled"));
                return null;
            }
            var outcome = setting.Severity is not { } severity || severity == current.Severity ? "unchanged" : severity > current.Severity ? "tightened" : "relaxed";
            if (setting.Severity is { } s) current = current with { Severity = s };
            steps.Add(new HierarchyStep(set.Level, set.Name, source, key, setting, outcome));
            if (!setting.Overridable) forbiddenBy ??= source;
        }
        return current;
    }

    /// <summary>The sets that govern a subject, highest first: the first team set (by name) that matches it, then the first of that team's project sets that matches it.</summary>
    public IEnumerable<PolicySet> Chain(Subject subject, SubjectObjects objects) => Chain(subject, objects.Of(subject));

    /// <summary>The sets that govern a subject whose object's facts (labels, deployed model) the caller has at hand.</summary>
    public IEnumerable<PolicySet> Chain(Subject subject, SubjectFacts? facts)
    {
        bool Picks(PolicySet set) => set.Match.Matches(subject, facts?.Labels, (facts?.Model, facts?.ModelVersion));
        var team = _teams.FirstOrDefault(Picks);
        if (team is null) yield break;
        yield return team;
        if (_projects.FirstOrDefault(p => p.Parent == team.Name && Picks(p)) is { } project)
            yield return project;
    }

    /// <summary>The setting of a rule: under its id, else under the longest prefix that covers it.</summary>
    private static (string? Key, RuleSetting? Setting) Lookup(IReadOnlyDictionary<string, RuleSetting> rules, string ruleId)
    {
        if (rules.TryGetValue(ruleId, out var exact)) return (ruleId, exact);
        var prefix = rules.Keys.Where(k => PolicyException.RuleMatches(k, ruleId)).OrderByDescending(k => k.Length).ThenBy(k => k, StringComparer.Ordinal).FirstOrDefault();
        return prefix is null ? (null, null) : (prefix, rules[prefix]);
    }

    private static Finding Conflict(PolicySet set, string key, RuleSetting setting, string higher)
    {
        var what = setting.Enabled ? $"lowers {key} to {Reporting.Names.Of(setting.Severity!.Value)}" : $"disables {key}";
        return new Finding
        {
            RuleId = ConflictRule,
            Severity = Severity.Error,
            Category = Category.Policy,
            Subject = Subjects.Of(set.Object, setting.Location),
            Message = $"{set.Level.ToString().ToLowerInvariant()} PolicySet {set.Name} {what}, which a level above ({higher}) does not mark overridable; the higher setting stands",
            Evidence = new Dictionary<string, object?> { ["rule"] = key, ["higher"] = higher, ["lower"] = setting.Location?.ToString() ?? set.Object.Location.ToString() },
            SuggestedAction = $"Remove the setting from PolicySet {set.Name}, or mark {key} overridable: true at {higher}.",
        };
    }
}

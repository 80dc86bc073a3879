namespace Steward.Core.Governance.Kinds;

/// <summary>The levels of the policy hierarchy, highest first.</summary>
public enum PolicyLevel { Organisation, Team, Project }

/// <summary>
/// A team's or a project's rule settings (kind PolicySet): the objects <see cref="Match"/> picks get
/// <see cref="Rules"/> over those of the level above. The organisation's level is steward.yaml's
/// <c>rules</c>. A project set names its team set in <see cref="Parent"/>. A lower level may tighten
/// (raise a severity, a threshold of <see cref="Evaluation"/>) freely; it may relax, loosen or disable
/// only what the level above marks overridable. <see cref="Policies"/> are Rego modules the set owns.
/// </summary>
public sealed record PolicySet
{
    public required RepositoryObject Object { get; init; }
    public string Name => Object.Name;
    public required PolicyLevel Level { get; init; }
    public string? Parent { get; init; }
    public required ExceptionMatch Match { get; init; }

    /// <summary>By rule id, or a prefix as PolicyException rules take them (<c>policy/teams/ml</c> is a Rego package).</summary>
    public required IReadOnlyDictionary<string, RuleSetting> Rules { get; init; }

    /// <summary>spec.evaluation: thresholds over the organisation's (steward.yaml evaluation) for the models the matched workloads deploy.</summary>
    public IReadOnlyDictionary<string, ThresholdSetting> Evaluation { get; init; } = Collections.OrdinalDictionary<ThresholdSetting>.Empty;

    /// <summary>
    /// spec.policies: Rego modules the set owns (files or folders under policies/, relative to the
    /// repository root). Their rules are evaluated only for objects the set governs.
    /// </summary>
    public IReadOnlyList<string> Policies { get; init; } = [];

    /// <summary>Whether a policy file (a repository path) is one of <see cref="Policies"/>.</summary>
    public bool Owns(string policyPath) => Policies.Any(p => Covers(p, policyPath));

    /// <summary>Whether a spec.policies entry (a file or a folder) covers a policy file.</summary>
    public static bool Covers(string entry, string policyPath) =>
        policyPath == entry || policyPath.StartsWith(entry + "/", StringComparison.Ordinal);

    public static PolicySet Parse(RepositoryObject obj)
    {
        if (obj.Name.Length == 0)
            throw new StewardInputException($"{obj.Location}: metadata.name: required field is missing");
        var spec = obj.Reader.Mapping("spec", required: true)!;
        var level = spec.String("level", required: true) switch
        {
            "team" => PolicyLevel.Team,
            "project" => PolicyLevel.Project,
            var other => throw spec.Error(spec.Get("level")!, spec.FieldPath("level"), $"expected team or project, got \"{other}\" (the organisation's level is steward.yaml)"),
        };
        var parent = spec.String("parent");
        if (level == PolicyLevel.Project && parent is null)
            throw new StewardInputException($"{spec.Location}: {spec.FieldPath("parent")}: a project PolicySet names its team's PolicySet");
        return new PolicySet
        {
            Object = obj,
            Level = level,
            Parent = parent,
            Match = ExceptionMatch.Parse(spec.Mapping("match")),
            Rules = Settings.ParseRules(spec.Mapping("rules")),
            Evaluation = Settings.ParseThresholdSettings(spec.Mapping("evaluation")),
            Policies = ParsePolicies(spec),
        };
    }

    /// <summary>spec.policies, each a clean path under policies/ (nothing outside the repository, no globs).</summary>
    private static IReadOnlyList<string> ParsePolicies(Yaml.NodeReader spec)
    {
        var paths = spec.StringList("policies");
        var result = new List<string>(paths.Count);
        for (var i = 0; i < paths.Count; i++)
        {
            var path = paths[i].Replace('\\', '/').TrimEnd('/');
            var segments = path.Split('/');
            if (path.StartsWith('/') || segments.Any(s => s is "" or "." or "..") || segments[0] != RepositoryLayout.PolicyFolder)
                throw spec.Error(spec.Sequence("policies")[i], $"{spec.FieldPath("policies")}[{i}]", $"expected a file or folder under {RepositoryLayout.PolicyFolder}/, relative to the repository root, got \"{paths[i]}\"");
            result.Add(path);
        }
        return result;
    }
}

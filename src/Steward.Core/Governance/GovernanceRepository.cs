using Steward.Core.Governance.Kinds;

namespace Steward.Core.Governance;

/// <summary>The governance repository as loaded: settings, catalog, budgets, monitors, manifests and policies.</summary>
public sealed class GovernanceRepository
{
    private readonly Dictionary<(string Model, string Version), ModelVersion> _models;

    public GovernanceRepository(
        string displayName,
        Settings settings,
        IReadOnlyList<RepositoryObject> manifests,
        IReadOnlyList<ModelVersion> models,
        IReadOnlyList<Budget> budgets,
        IReadOnlyList<ModelMonitor> monitors,
        IReadOnlyList<PolicyFile> policies)
    {
        DisplayName = displayName;
        Settings = settings;
        Manifests = manifests;
        Models = models;
        Budgets = budgets;
        Monitors = monitors;
        Policies = policies;
        _models = models.ToDictionary(m => (m.Model, m.Version));
    }

    public string DisplayName { get; }

    /// <summary>
    /// The repository folder on disk (absolute), against which files the objects reference are
    /// resolved (trusted keys, signatures, SBOMs, provenance); null for a repository held only in memory.
    /// </summary>
    public string? Root { get; init; }

    /// <summary>
    /// Symbolic links of the repository (relative paths) whose target lies outside its root: never read,
    /// reported by the repository-link-outside rule.
    /// </summary>
    public IReadOnlyList<string> LinksOutsideRoot { get; init; } = [];
    public Settings Settings { get; }

    /// <summary>What reading found worth a finding (duplicated keys, duplicated objects, unread Helm templates, skipped files).</summary>
    public IReadOnlyList<Findings.Finding> ReadingFindings { get; init; } = [];

    /// <summary>Where the objects were looked for.</summary>
    public RepositoryScan Scan { get; init; } = RepositoryScan.None;

    /// <summary>Kubernetes objects (any kind, CRDs included) in file order.</summary>
    public IReadOnlyList<RepositoryObject> Manifests { get; }
    public IReadOnlyList<ModelVersion> Models { get; }
    public IReadOnlyList<Budget> Budgets { get; }
    public IReadOnlyList<ModelMonitor> Monitors { get; }
    public IReadOnlyList<PolicyFile> Policies { get; }

    /// <summary>The PolicyExceptions of the repository (well-formed ones; malformed ones are exception-invalid reading findings), in file order.</summary>
    public IReadOnlyList<PolicyException> Exceptions { get; init; } = [];

    /// <summary>The team and project PolicySets of the policy hierarchy (the organisation's level is steward.yaml), in file order.</summary>
    public IReadOnlyList<PolicySet> PolicySets { get; init; } = [];

    /// <summary>Every object of the repository: manifests, then models, budgets and monitors.</summary>
    public IEnumerable<RepositoryObject> AllObjects =>
        Manifests.Concat(Models.Select(m => m.Object)).Concat(Budgets.Select(b => b.Object)).Concat(Monitors.Select(m => m.Object));

    public ModelVersion? FindModel(string model, string version) =>
        _models.TryGetValue((model, version), out var found) ? found : null;

    public bool HasModel(string model) => Models.Any(m => m.Model == model);
}

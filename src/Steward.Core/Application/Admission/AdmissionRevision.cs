using Steward.Core.Findings;
using Steward.Core.Governance;
using Steward.Core.Governance.Kinds;
using Steward.Core.Kubernetes;
using Steward.Core.Policy.Checks;
using Steward.Core.Policy.Exceptions;
using Steward.Core.Policy.Rego;
using Steward.Core.SupplyChain.Checks;

namespace Steward.Core.Application.Admission;

/// <summary>
/// What a review needs from one revision of the repository, computed once when the revision is
/// served so that a review costs one object's worth of work: the policies compiled with the
/// revision as data.steward, the workloads of its manifests read, the findings that do not depend
/// on the manifests (model licenses, supply chain, open monitor breaches) found. Immutable; shared
/// by concurrent reviews.
/// </summary>
public sealed class AdmissionRevision
{
    private readonly Dictionary<(string Group, string Kind, string Name), List<int>> _byIdentity = [];

    // The revision's findings before the store's open monitor breaches are added: those change between syncs.
    private readonly IReadOnlyList<Finding> _withoutBreaches;

    private AdmissionRevision(GovernanceRepository repository, CompiledPolicies? policies, IReadOnlyList<Finding> withoutBreaches, IReadOnlyList<Finding> openBreaches, TimeProvider clock)
    {
        Repository = repository;
        Clock = clock;
        Objects = SubjectObjects.Of(repository);
        Policies = policies;
        _withoutBreaches = withoutBreaches;
        RevisionFindings = [.. withoutBreaches, .. openBreaches];
        Workloads = [.. repository.Manifests.Select(Workload.From)];
        for (var i = 0; i < repository.Manifests.Count; i++)
        {
            var obj = repository.Manifests[i];
            if (obj.Name.Length == 0) continue;
            var key = (obj.Group, obj.Kind, obj.Name);
            if (!_byIdentity.TryGetValue(key, out var indexes))
                _byIdentity[key] = indexes = [];
            indexes.Add(i);
        }
        ViewChecks = [.. BuiltInChecks.All.Where(c => !IsManifestIndependent(c))];
    }

    public GovernanceRepository Repository { get; }

    public Settings Settings => Repository.Settings;

    /// <summary>The time each review judges the PolicyExceptions at: an exception can expire while a revision is served.</summary>
    public TimeProvider Clock { get; }

    /// <summary>The revision's objects, for exceptions whose match reads the object a finding is about.</summary>
    internal SubjectObjects Objects { get; }

    /// <summary>The compiled policies; null when the repository has none (or policies are off).</summary>
    public CompiledPolicies? Policies { get; }

    /// <summary>The repository's Gatekeeper templates and constraints, compiled; null when it has none (or policies are off).</summary>
    public Policy.Gatekeeper.GatekeeperPolicies? Gatekeeper { get; private init; }

    /// <summary>The workload view of each manifest (null for an object that runs no containers), in manifest order.</summary>
    internal IReadOnlyList<Workload?> Workloads { get; }

    /// <summary>The built-in checks whose verdicts depend on the manifests: run per review over the revision with the object in it.</summary>
    internal IReadOnlyList<ICheck> ViewChecks { get; }

    /// <summary>Findings that no manifest changes (rule settings applied): kept per review when they concern the object's model.</summary>
    internal IReadOnlyList<Finding> RevisionFindings { get; }

    /// <summary>
    /// Prepares a revision for reviews. Throws <see cref="StewardInputException"/> for a revision that
    /// <c>steward check</c> would refuse too (a policy that does not compile, an unreadable quantity).
    /// </summary>
    /// <param name="openBreaches">The open monitor breaches of the store (as <c>steward check --store</c> adds them).</param>
    /// <param name="withPolicies">False runs the built-in rules only (as a check without a policy evaluator).</param>
    /// <param name="clock">The time PolicyExceptions are judged at; the system's by default.</param>
    public static AdmissionRevision Prepare(GovernanceRepository repository, IReadOnlyList<Finding>? openBreaches = null, bool withPolicies = true, TimeProvider? clock = null)
    {
        var policies = withPolicies && repository.Policies.Any(p => !p.IsTest) ? CompiledPolicies.Compile(repository) : null;
        var context = new CheckContext(repository);
        var findings = new List<Finding>();
        foreach (var check in BuiltInChecks.All.Where(IsManifestIndependent))
        {
            var setting = repository.Settings.RuleSetting(check.Rule.Id);
            if (!setting.Enabled) continue;
            findings.AddRange(check.Run(context).Select(f => setting.Severity is { } s ? f with { Severity = s } : f));
        }
        return new AdmissionRevision(repository, policies, findings, openBreaches ?? [], clock ?? TimeProvider.System)
        {
            Gatekeeper = withPolicies ? Policy.Gatekeeper.GatekeeperPolicies.Compile(repository) : null,
        };
    }

    /// <summary>
    /// The same revision (its compiled policies shared) with the store's open monitor breaches as they
    /// are now, in place of those it was prepared with: <c>steward monitor run</c> writes new windows between syncs.
    /// </summary>
    public AdmissionRevision WithOpenBreaches(IReadOnlyList<Finding> openBreaches) =>
        new(Repository, Policies, _withoutBreaches, openBreaches, Clock) { Gatekeeper = Gatekeeper };

    /// <summary>The indexes of the manifests that are the object under review: same group, kind and name, in its namespace or in none.</summary>
    internal IEnumerable<int> SameObject(RepositoryObject reviewed) =>
        _byIdentity.TryGetValue((reviewed.Group, reviewed.Kind, reviewed.Name), out var indexes)
            ? indexes.Where(i => Repository.Manifests[i].Namespace is null || Repository.Manifests[i].Namespace == reviewed.Namespace)
            : [];

    /// <summary>
    /// Checks that read the model catalog, the supply-chain files or the repository's links, never its
    /// manifests: the same for every review of a revision, so they run once.
    /// </summary>
    private static bool IsManifestIndependent(ICheck check) =>
        check is ModelLicenseCheck or ArtifactDigestCheck or ArtifactSignatureCheck or ComponentLicenseCheck
            or VulnerabilityCheck or ProvenanceCheck or RepositoryLinkCheck;
}

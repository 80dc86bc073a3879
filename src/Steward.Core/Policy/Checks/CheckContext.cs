using Steward.Core.FinOps.Estimation;
using Steward.Core.Governance;
using Steward.Core.Kubernetes;

namespace Steward.Core.Policy.Checks;

/// <summary>What every check sees: the repository, its workloads and the cost of its desired state.</summary>
public sealed class CheckContext
{
    public CheckContext(GovernanceRepository repository)
        : this(repository, repository.Manifests.Select(Workload.From).OfType<Workload>().ToList())
    {
    }

    /// <summary>A context over workloads read earlier (the admission webhook reads a revision's once, not per review).</summary>
    /// <param name="workloads">The workloads of the repository's manifests, in their order.</param>
    public CheckContext(GovernanceRepository repository, IReadOnlyList<Workload> workloads)
    {
        Repository = repository;
        Workloads = workloads;
        Cost = DesiredStateCost.Estimate(Workloads, repository.Settings);
    }

    public GovernanceRepository Repository { get; }
    public IReadOnlyList<Workload> Workloads { get; }
    public CostEstimate Cost { get; }
}

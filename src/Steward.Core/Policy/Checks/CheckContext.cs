using Steward.Core.FinOps.Estimation;
using Steward.Core.Governance;
using Steward.Core.Kubernetes;

namespace Steward.Core.Policy.Checks;

/// <summary>What every check sees: the repository, its workloads and the cost of its desired state.</summary>
public sealed class CheckContext
{
    public CheckContext(GovernanceRepository repository)
    {
        Repository = repository;
        Workloads = repository.Manifests.Select(Workload.From).OfType<Workload>().ToList();
        Cost = DesiredStateCost.Estimate(Workloads, repository.Settings);
    }

    public GovernanceRepository Repository { get; }
    public IReadOnlyList<Workload> Workloads { get; }
    public CostEstimate Cost { get; }
}

using Steward.Core.Findings;
using Steward.Core.Governance;
using Steward.Core.Governance.Kinds;
using Steward.Core.Kubernetes;

namespace Steward.Core.Application.Admission;

/// <summary>
/// Which findings of a check run concern one object, the one an admission review is about (or, in a
/// test, the same object checked in CI): those about the object itself; those about the ModelVersion
/// it deploys (its license, evaluation, supply chain and open monitor breaches: deploying it deploys
/// them); a Budget that selects it and is exceeded; and its cost scope when no Budget covers it.
/// </summary>
public static class ObjectFindings
{
    private const string BudgetCoverageRule = "budget-coverage";

    /// <param name="workload">The object's workload view; null for an object that runs no containers.</param>
    public static bool Concern(Finding finding, RepositoryObject obj, Workload? workload, GovernanceRepository repository)
    {
        var subject = finding.Subject;
        if (subject.File == obj.File && subject.Kind == obj.Kind && subject.Name == obj.Name && subject.Namespace == obj.Namespace)
            return true;
        if (workload is null) return false;
        var settings = repository.Settings;
        var model = workload.Label(settings.ModelLabel);
        var version = workload.Label(settings.ModelVersionLabel);
        switch (subject.Kind)
        {
            case StewardKinds.ModelVersion:
                // A finding that names the workloads it judged (model-evaluation, whose thresholds follow each workload's PolicySets) concerns those only.
                return model is not null && subject.Model == model && subject.ModelVersion == version
                    && (finding.Evidence.GetValueOrDefault("deployedBy") is not IEnumerable<string> by || by.Contains($"{obj.Kind}/{obj.Name}", StringComparer.Ordinal));
            case StewardKinds.Monitor:
                // A Monitor without a version watches every version of its model.
                return model is not null && subject.Model == model && (subject.ModelVersion is null || subject.ModelVersion == version);
            case StewardKinds.Budget:
                return repository.Budgets.Any(b => b.Name == subject.Name && b.Selects(workload.Labels));
        }
        if (finding.RuleId == BudgetCoverageRule && subject.Scope is { } scope && settings.CostAllocationLabels.Count > 0)
        {
            var key = settings.CostAllocationLabels[0];
            return scope == $"{key}={workload.Label(key)}" && !repository.Budgets.Any(b => b.Selects(workload.Labels));
        }
        return false;
    }
}

using Steward.Core.Alignment.Ingest;
using Steward.Core.Application.Costs;
using Steward.Core.FinOps;
using Steward.Core.FinOps.Allocation;
using Steward.Core.FinOps.Optimization;
using Steward.Core.FinOps.Usage;
using Steward.Core.Findings;
using Steward.Core.Governance;
using Steward.Core.Governance.Kinds;
using Steward.Core.Policy.Checks;
using Steward.Core.Storage;

namespace Steward.Core.Application.Check;

/// <summary>
/// <c>steward check --store</c>: the cost-per-inference findings of the store (as <c>steward cost optimize</c>
/// computes them, <see cref="InferenceCosts"/>, over the whole store: allocated usage cost against the
/// inference log of the same period) for the ModelVersions that declare <c>costPerInferenceUsd</c>, placed
/// at that line so that a pull request's report points at the price to change.
/// </summary>
public static class InferenceCostCheck
{
    public static RuleDescriptor Descriptor { get; } = new(InferenceCosts.CostRule, Severity.Warning, Category.FinOps,
        "Cost per inference within the ModelVersion's declared price",
        "A model version's allocated cost per 1,000 inferences (usage cost over the inference log of the same period) is above 1,000 × the costPerInferenceUsd its ModelVersion declares. Rightsize or batch the serving workload, or update the declared price.");

    public static IReadOnlyList<Finding> Read(GovernanceRepository repository, string storePath)
    {
        if (!repository.Models.Any(m => m.CostPerInferenceUsd is not null)) return [];
        using var store = Stores.OpenExisting(storePath, "create it with `steward cost import-usage` or `steward ingest inferences`, or leave out --store", AlignmentSchema.Module);
        // A store without usage (only monitor results or an inference log) has no allocated cost to judge.
        if (store.SchemaVersion(FinOpsSchema.ModuleName) == 0) return [];
        var samples = UsageSample.Load(store, null, null);
        var allocation = CostAllocator.Allocate(samples, repository, nodeCharges: NodeCharges.Load(store));
        var (from, to) = InferenceCosts.Period(allocation, null, null);
        if (InferenceCosts.Load(store, from, to) is not { } inferences) return [];
        return [.. InferenceCosts.Analyze(allocation, repository, inferences)
            .Where(m => m.Finding?.RuleId == InferenceCosts.CostRule)
            .Select(m => AtPriceLine(m.Finding!, repository.FindModel(m.Model, m.Version)))];
    }

    private static Finding AtPriceLine(Finding finding, ModelVersion? model)
    {
        if (model is null) return finding;
        var line = model.Object.Reader.Mapping("spec")?.LocationOf("costPerInferenceUsd").Line ?? model.Object.Location.Line;
        return finding with
        {
            Subject = finding.Subject with { File = model.Object.File, Line = line, Kind = model.Object.Kind, Name = model.Object.Name },
        };
    }
}

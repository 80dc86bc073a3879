using Steward.Core.Alignment.Ingest;
using Steward.Core.Application.Costs;
using Steward.Core.FinOps;
using Steward.Core.FinOps.Allocation;
using Steward.Core.FinOps.Optimization;
using Steward.Core.FinOps.Reports;
using Steward.Core.FinOps.Tokens;
using Steward.Core.FinOps.Usage;
using Steward.Core.Findings;
using Steward.Core.Governance;
using Steward.Core.Governance.Kinds;
using Steward.Core.Policy.Checks;
using Steward.Core.Storage;

namespace Steward.Core.Application.Check;

/// <summary>
/// <c>steward check --store</c>: the cost findings of the store for the ModelVersions that declare a price, so
/// that CI fails on a model that costs more than its catalog says, as it does on a monitor breach. Over the whole
/// store (no date bounds), with the usage loaded and allocated once for both:
/// <list type="bullet">
/// <item><c>cost-per-inference</c> as <c>steward cost optimize</c> computes it (<see cref="InferenceCosts"/>: allocated
/// usage cost against the inference log of the same period), for versions that declare <c>costPerInferenceUsd</c>,
/// placed at that line so that a pull request's report points at the price to change;</item>
/// <item><c>cost-per-token</c> as <c>steward cost tokens</c> computes it (<see cref="TokenCostService"/>), for versions
/// that declare a token price.</item>
/// </list>
/// </summary>
public static class StoreCostCheck
{
    public static RuleDescriptor InferenceDescriptor { get; } = new(InferenceCosts.CostRule, Severity.Warning, Category.FinOps,
        "Cost per inference within the ModelVersion's declared price",
        "A model version's allocated cost per 1,000 inferences (usage cost over the inference log of the same period) is above 1,000 × the costPerInferenceUsd its ModelVersion declares. Rightsize or batch the serving workload, or update the declared price.");

    /// <summary>The findings, and the descriptors of the rules they belong to.</summary>
    public static (IReadOnlyList<Finding> Findings, IReadOnlyList<RuleDescriptor> Rules) Read(GovernanceRepository repository, string storePath)
    {
        var perInference = repository.Models.Any(m => m.CostPerInferenceUsd is not null);
        var perToken = repository.Models.Any(m => m.TokenPrices is not null);
        if (!perInference && !perToken) return ([], []);
        using var store = Stores.OpenExisting(storePath, "create it with `steward cost import`, `steward cost import-usage` or `steward ingest inferences`, or leave out --store", AlignmentSchema.Module);
        // A store with no cost data (only monitor results or an inference log) has no cost to judge.
        if (store.SchemaVersion(FinOpsSchema.ModuleName) == 0) return ([], []);
        var samples = UsageSample.Load(store);
        var allocation = CostAllocator.Allocate(samples, repository, nodeCharges: NodeCharges.Load(store));
        var findings = new List<Finding>();
        var rules = new List<RuleDescriptor>();
        if (perInference && PerInference(store, repository, allocation) is { Count: > 0 } inference)
        {
            findings.AddRange(inference);
            rules.Add(InferenceDescriptor);
        }
        if (perToken && TokenCostService.Run(store, repository, samples, allocation, null, null, CostReport.Metric(CostReport.DefaultMetric)).Findings is { Count: > 0 } tokens)
        {
            findings.AddRange(tokens);
            rules.Add(CostPerTokenRule.Descriptor);
        }
        return (findings, rules);
    }

    private static List<Finding> PerInference(IStewardStore store, GovernanceRepository repository, AllocationResult allocation)
    {
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

using Steward.Core.SupplyChain.Checks;

namespace Steward.Core.Policy.Checks;

/// <summary>The built-in rules of <c>steward check</c>, in rule-reference order.</summary>
public static class BuiltInChecks
{
    public static IReadOnlyList<ICheck> All { get; } = Create(SupplyChainCheckOptions.Default);

    /// <summary>The built-in rules, the supply-chain ones configured (e.g. with the --artifacts folder).</summary>
    public static IReadOnlyList<ICheck> Create(SupplyChainCheckOptions supplyChain) =>
    [
        new CostLabelsCheck(),
        new ResourcesCheck(),
        new ImageRegistryCheck(),
        new ImageDigestCheck(),
        new ModelRefCheck(),
        new ModelLicenseCheck(),
        new ModelEvaluationCheck(),
        new BudgetCoverageCheck(),
        new BudgetCheck(),
        new ArtifactDigestCheck(supplyChain),
        new ArtifactSignatureCheck(supplyChain),
        new ComponentLicenseCheck(),
        new VulnerabilityCheck(supplyChain),
        new ProvenanceCheck(),
        new RepositoryLinkCheck(),
    ];
}

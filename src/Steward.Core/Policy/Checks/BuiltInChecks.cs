namespace Steward.Core.Policy.Checks;

/// <summary>The built-in rules of <c>steward check</c>, in rule-reference order.</summary>
public static class BuiltInChecks
{
    public static IReadOnlyList<ICheck> All { get; } =
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
    ];
}

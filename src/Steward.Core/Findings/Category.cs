namespace Steward.Core.Findings;

/// <summary>The stage of Steward that produced a finding.</summary>
public enum Category
{
    Policy,
    Alignment,
    FinOps,
    GitOps,
    SupplyChain,
}

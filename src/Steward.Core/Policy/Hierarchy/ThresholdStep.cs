using Steward.Core.Governance.Kinds;

namespace Steward.Core.Policy.Hierarchy;

/// <summary>What one level of the policy hierarchy did to an evaluation threshold (for <c>steward policy explain</c>).</summary>
/// <param name="Source">The setting's place (file:line:column), or the file of the level when it sets nothing for the metric.</param>
/// <param name="Written">The threshold as the level writes it; null when it has none for the metric.</param>
/// <param name="Effective">The threshold after the level; null while no level sets one.</param>
/// <param name="Outcome">default, set, tightened, loosened, refused or unchanged.</param>
public sealed record ThresholdStep(PolicyLevel Level, string Name, string Source, string Metric, Threshold? Written, Threshold? Effective, string Outcome);

using Steward.Core.Governance.Kinds;

namespace Steward.Core.Policy.Hierarchy;

/// <summary>What one level of the policy hierarchy did to a rule's verdict on one subject (for <c>steward policy explain</c>).</summary>
/// <param name="Source">The setting's place (file:line:column), or the file of the level when it sets nothing for the rule.</param>
/// <param name="Key">The rule id or prefix the level's setting is written under; null when it has none for the rule.</param>
/// <param name="Outcome">default, set, tightened, relaxed, disabled, refused or unchanged.</param>
public sealed record HierarchyStep(PolicyLevel Level, string Name, string Source, string? Key, RuleSetting? Setting, string Outcome);

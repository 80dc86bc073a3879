using Steward.Core.Governance.Kinds;

namespace Steward.Core.Policy.Hierarchy;

/// <summary>The threshold a metric must meet for one subject, and the level whose setting last changed it.</summary>
/// <param name="Source">Where that level writes it (file:line:column).</param>
public sealed record EffectiveThreshold(string Metric, Threshold Bound, PolicyLevel Level, string Name, string Source);

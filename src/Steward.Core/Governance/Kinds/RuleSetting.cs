using Steward.Core.Findings;

namespace Steward.Core.Governance.Kinds;

/// <summary>Per-rule configuration in steward.yaml: <c>rules: {image-digest: {enabled: false}}</c>.</summary>
public sealed record RuleSetting(bool Enabled, Severity? Severity);

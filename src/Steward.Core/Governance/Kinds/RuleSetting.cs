using Steward.Core.Findings;

namespace Steward.Core.Governance.Kinds;

/// <summary>Per-rule configuration in steward.yaml: <c>rules: {image-digest: {enabled: false}}</c>.</summary>
public sealed record RuleSetting(bool Enabled, Severity? Severity)
{
    /// <summary>Whether a lower level of the policy hierarchy (a team's or project's PolicySet) may relax or disable the rule.</summary>
    public bool Overridable { get; init; }

    /// <summary>Where the setting is written (steward.yaml or a PolicySet), for hierarchy findings and explanations.</summary>
    public Governance.SourceLocation? Location { get; init; }
}

namespace Steward.Core.Governance.Kinds;

/// <summary>
/// An evaluation threshold as one level of the policy hierarchy writes it: steward.yaml's
/// <c>evaluation: {accuracy: {min: 0.9, overridable: true}}</c> or a PolicySet's <c>spec.evaluation</c>.
/// A bound left out is inherited from the level above.
/// </summary>
public sealed record ThresholdSetting(Threshold Bound)
{
    /// <summary>Whether a lower level may loosen the threshold (lower its min, raise its max); tightening needs no permission.</summary>
    public bool Overridable { get; init; }

    /// <summary>Where the setting is written, for hierarchy findings and explanations.</summary>
    public SourceLocation? Location { get; init; }
}

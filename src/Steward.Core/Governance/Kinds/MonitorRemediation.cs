using Steward.Core.Governance.Yaml;

namespace Steward.Core.Governance.Kinds;

/// <summary>What <c>steward remediate</c> proposes for the workloads of a monitored model version that breaches.</summary>
public enum MonitorRemediationKind
{
    /// <summary>Report the breach only.</summary>
    Notify,

    /// <summary>Roll the workloads back to an older, compliant version they ran before.</summary>
    Rollback,

    /// <summary>Set the workloads' replicas to <see cref="MonitorRemediation.ScaleTo"/> (0 pauses them).</summary>
    ScaleDown,
}

/// <summary>A Monitor's <c>spec.remediation</c> and, for <c>scale-down</c>, its <c>spec.scaleTo</c>.</summary>
public sealed record MonitorRemediation(MonitorRemediationKind Kind, int ScaleTo = 0)
{
    public const string Rollback = "rollback";
    public const string ScaleDown = "scale-down";
    public const string ScaleToZero = "scale-to-zero";
    public const string Notify = "notify";

    public static readonly IReadOnlyList<string> Names = [Rollback, ScaleDown, ScaleToZero, Notify];

    /// <summary>The remediation of a Monitor's spec; null when it names none.</summary>
    public static MonitorRemediation? Parse(NodeReader spec)
    {
        var name = spec.String("remediation");
        var scaleTo = spec.Number("scaleTo");
        if (scaleTo is { } n && (n < 0 || n != decimal.Truncate(n) || n > int.MaxValue))
            throw spec.Error(spec.Get("scaleTo")!, spec.FieldPath("scaleTo"), $"expected a whole number of replicas ≥ 0, got {n}");
        // A scaleTo that nothing reads would look like a promise Steward does not keep.
        if (scaleTo is not null && name != ScaleDown)
            throw spec.Error(spec.Get("scaleTo")!, spec.FieldPath("scaleTo"), $"is read only with remediation: {ScaleDown}");
        return name switch
        {
            null => null,
            Rollback => new MonitorRemediation(MonitorRemediationKind.Rollback),
            ScaleDown => new MonitorRemediation(MonitorRemediationKind.ScaleDown, (int)(scaleTo ?? 0)),
            ScaleToZero => new MonitorRemediation(MonitorRemediationKind.ScaleDown),
            Notify => new MonitorRemediation(MonitorRemediationKind.Notify),
            _ => throw spec.Error(spec.Get("remediation")!, spec.FieldPath("remediation"),
                $"unknown remediation \"{name}\" (expected one of {string.Join(", ", Names)})"),
        };
    }

    /// <summary>The words of the remediation, as a Monitor spells it.</summary>
    public override string ToString() => Kind switch
    {
        MonitorRemediationKind.Rollback => Rollback,
        MonitorRemediationKind.ScaleDown => ScaleTo == 0 ? ScaleToZero : $"{ScaleDown} to {ScaleTo} replica(s)",
        _ => Notify,
    };
}

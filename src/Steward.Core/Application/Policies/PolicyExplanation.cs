using Steward.Core.Findings;
using Steward.Core.Policy.Hierarchy;

namespace Steward.Core.Application.Policies;

/// <summary>What <c>steward policy explain RULE --object FILE</c> answers: per object of the file, what decided the rule's verdict.</summary>
public sealed record PolicyExplanation(string Rule, string File, IReadOnlyList<ObjectVerdict> Objects);

/// <summary>One object's verdict on the rule: the hierarchy's levels, the exceptions that cover it, the findings that remain.</summary>
/// <param name="Verdict">fails, warns, informs, suppressed, disabled or passes.</param>
public sealed record ObjectVerdict(
    string Kind,
    string? Namespace,
    string Name,
    int Line,
    IReadOnlyList<HierarchyStep> Levels,
    IReadOnlyList<ExceptionVerdict> Exceptions,
    IReadOnlyList<Finding> Findings,
    string Verdict)
{
    /// <summary>
    /// For model-evaluation on a workload that deploys a model: what each level did to each evaluation
    /// threshold the workload's model must meet (metric by metric, organisation first).
    /// </summary>
    public IReadOnlyList<ThresholdStep> Thresholds { get; init; } = [];
}

/// <summary>A PolicyException whose rules and match cover the object, and whether it is active now.</summary>
public sealed record ExceptionVerdict(string Name, string File, string ExpiresAt, bool Active, string Approver, string Reason);

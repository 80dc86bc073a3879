using Steward.Core.Findings;
using Steward.Core.Governance.Kinds;

namespace Steward.Core.Application.Admission;

/// <summary>How a review ended, as the <c>decision</c> label of the admission metrics.</summary>
public enum AdmissionOutcome
{
    /// <summary>Reviewed, nothing to say.</summary>
    Allowed,

    /// <summary>Reviewed and allowed, with warnings.</summary>
    Warned,

    /// <summary>Reviewed and denied.</summary>
    Denied,

    /// <summary>Not reviewed: an excluded namespace, or an operation that is not reviewed (DELETE, CONNECT).</summary>
    Skipped,

    /// <summary>The review ran past admission.timeout; allowed or denied by admission.failurePolicy.</summary>
    TimedOut,
}

/// <summary>A finding of the review and what the webhook did with it.</summary>
public sealed record AdmissionFinding(Finding Finding, AdmissionEnforcement Action);

/// <summary>The answer to one AdmissionReview.</summary>
public sealed record AdmissionDecision
{
    public required string Uid { get; init; }
    public required bool Allowed { get; init; }
    public required AdmissionOutcome Outcome { get; init; }

    /// <summary>The HTTP-style code of a denial (403), or of a review that timed out and was denied (503).</summary>
    public int? Code { get; init; }

    /// <summary>Why it was denied: one line per denying finding, <c>[rule] message</c>.</summary>
    public string? Message { get; init; }

    /// <summary>What kubectl prints as warnings: <c>[rule] message</c> per warning.</summary>
    public IReadOnlyList<string> Warnings { get; init; } = [];

    /// <summary>Every finding about the object, with its action (dry-run ones included): for the log and the metrics.</summary>
    public IReadOnlyList<AdmissionFinding> Findings { get; init; } = [];

    /// <summary>The metrics' decision label.</summary>
    public string DecisionLabel => Outcome switch
    {
        AdmissionOutcome.Allowed => "allowed",
        AdmissionOutcome.Warned => "warned",
        AdmissionOutcome.Denied => "denied",
        AdmissionOutcome.Skipped => "skipped",
        _ => Allowed ? "timeout_allowed" : "timeout_denied",
    };
}

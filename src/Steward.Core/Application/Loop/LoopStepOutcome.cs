using Steward.Core.Findings;

namespace Steward.Core.Application.Loop;

public enum LoopStepStatus
{
    Succeeded,

    /// <summary>Nothing to do this run (no cluster configured, no window closed, not configured).</summary>
    Skipped,

    Failed,
}

/// <summary>What one step of one loop run did: its status, a one-line summary, and the findings it produced.</summary>
public sealed record LoopStepOutcome(string Step, LoopStepStatus Status, string Summary)
{
    public IReadOnlyList<Finding> Findings { get; init; } = [];

    public TimeSpan Duration { get; init; }

    /// <summary>The status as metrics, audit entries, logs and the API name it: <c>succeeded</c>, <c>skipped</c>, <c>failed</c>.</summary>
    public string StatusName => NameOf(Status);

    public static string NameOf(LoopStepStatus status) => status switch
    {
        LoopStepStatus.Succeeded => "succeeded",
        LoopStepStatus.Skipped => "skipped",
        _ => "failed",
    };

    public static LoopStepOutcome Skipped(string step, string why) => new(step, LoopStepStatus.Skipped, why);

    public static LoopStepOutcome Failed(string step, string error) => new(step, LoopStepStatus.Failed, error);
}

/// <summary>One run of the control loop: every step's outcome, in the order they ran.</summary>
public sealed record LoopRunResult(string RevisionId, string Trigger, DateTimeOffset StartedAt, IReadOnlyList<LoopStepOutcome> Steps)
{
    public bool Succeeded => Steps.All(s => s.Status != LoopStepStatus.Failed);
}

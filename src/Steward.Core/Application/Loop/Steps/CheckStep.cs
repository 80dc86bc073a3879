using Steward.Core.Application.Audit;
using Steward.Core.Application.Check;

namespace Steward.Core.Application.Loop.Steps;

/// <summary>
/// <c>check</c>: the revision's check (the one made when the server loaded it, else made now), its
/// findings handed to the later steps, and its verdict and findings recorded in the audit log as
/// <c>steward check --audit</c> records them: once per revision, since a revision's check does not
/// change between runs and the log should not grow by the whole check every few minutes.
/// </summary>
public sealed class CheckStep(CheckService checks, AuditService audit, LoopMemory memory) : ILoopStep
{
    public const string StepName = "check";

    public string Name => StepName;

    public Task<LoopStepOutcome> RunAsync(LoopContext context, CancellationToken cancellationToken)
    {
        var result = context.Check ?? checks.Check(context.Repository, cancellationToken: cancellationToken);
        context.Add(result.Findings);
        var recorded = memory.AuditedRevision != context.RevisionId;
        if (recorded)
        {
            audit.RecordCheck(context.Store, result, context.RevisionId);
            memory.AuditedRevision = context.RevisionId;
        }
        var s = result.Summary;
        var summary = $"{(result.HasErrors ? "failed" : "passed")}: {s.Errors} error(s), {s.Warnings} warning(s), {s.Infos} info finding(s); "
            + (recorded ? "recorded in the audit log" : "already in the audit log for this revision");
        return Task.FromResult(new LoopStepOutcome(Name, LoopStepStatus.Succeeded, summary) { Findings = result.Findings });
    }
}

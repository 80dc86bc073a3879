using Steward.Core.Alignment.Monitoring;
using Steward.Core.Application.Monitoring;

namespace Steward.Core.Application.Loop.Steps;

/// <summary>
/// <c>monitors</c>: every Monitor of the revision on the windows that closed since the previous run
/// (<see cref="MonitorWindows"/>; on the first run, the last closed window), computed from the store's
/// inference log and stored as <c>steward monitor run --from --to</c> stores them. Monitors of one
/// window length run together; their breaches become the step's findings.
/// </summary>
public sealed class MonitorsStep(MonitorRunService monitors) : ILoopStep
{
    public const string StepName = "monitors";

    public string Name => StepName;

    public Task<LoopStepOutcome> RunAsync(LoopContext context, CancellationToken cancellationToken)
    {
        var all = context.Repository.Monitors;
        if (all.Count == 0) return Task.FromResult(LoopStepOutcome.Skipped(Name, "the revision has no Monitor"));
        var findings = new List<Findings.Finding>();
        var parts = new List<string>();
        var windows = 0;
        foreach (var group in all.GroupBy(m => MonitorWindows.Unit(m.Window)).OrderBy(g => g.Key, StringComparer.Ordinal))
        {
            cancellationToken.ThrowIfCancellationRequested();
            if (MonitorWindows.Closed(group.First().Window, context.Since, context.Until) is not var (from, to)) continue;
            var outcome = monitors.Run(new MonitorRunRequest(context.Store, context.Repository, context.RepositoryRoot)
            {
                From = MonitorRunner.Iso(from),
                To = MonitorRunner.Iso(to),
                Monitors = [.. group],
            });
            var result = outcome.Result;
            findings.AddRange(result.Findings);
            windows += result.Monitors.Sum(m => m.Windows.Count);
            parts.Add($"{group.Count()} {group.First().Window} monitor(s) from {MonitorRunner.Iso(from)} to {MonitorRunner.Iso(to)}");
        }
        if (parts.Count == 0)
            return Task.FromResult(LoopStepOutcome.Skipped(Name, "no monitor window closed since the last run"));
        context.Add(findings);
        var summary = $"{string.Join("; ", parts)}: {windows} window(s) with inferences, {findings.Count} breach(es)";
        return Task.FromResult(new LoopStepOutcome(Name, LoopStepStatus.Succeeded, summary) { Findings = findings });
    }
}

using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Steward.Core.Application;
using Steward.Core.Application.Loop;
using Steward.Server.Metrics;
using Steward.Server.Revisions;

namespace Steward.Server.Loop;

/// <summary>
/// One run of the control loop: the repository synced first (a push hook's commit is judged by the
/// run it triggered), then the steps of <see cref="LoopSteps"/> over the revision now served, from
/// the end of the previous run to now. Each step's outcome becomes a metric, an audit entry
/// (<c>loop-step</c>) and a log line. A run cut short (leadership lost, shutdown) records nothing
/// and does not move the window: the next leader's run covers it.
/// </summary>
public sealed class LoopRunner(RepositorySync sync, RevisionHolder revisions, ServeOptions options, IServiceProvider services,
    LoopMetrics metrics, LoopStatus status, ILogger<LoopRunner> log)
{
    private DateTimeOffset? _since;

    /// <summary>Answers the run's result, or null when no revision is loaded (nothing to judge).</summary>
    public async Task<LoopRunResult?> RunAsync(string trigger, CancellationToken cancellationToken)
    {
        var application = services.GetRequiredService<StewardApplication>();
        await Task.Run(() => sync.SyncOnce(cancellationToken), cancellationToken).ConfigureAwait(false);
        if (revisions.Current is not { } revision)
        {
            log.LogWarning("Control loop ({Trigger}): no revision of the repository is loaded; nothing to run", trigger);
            return null;
        }
        var until = options.Clock.GetUtcNow();
        var context = new LoopContext
        {
            Repository = revision.Repository,
            RepositoryRoot = sync.Folder,
            RevisionId = revision.Id,
            Check = revision.Check,
            Store = options.Store,
            Since = _since,
            Until = until,
            Trigger = trigger,
        };
        LoopRunResult result;
        try
        {
            // Steps are mostly CPU and store work: off the host's start-up and request paths.
            var steps = LoopSteps.Build(options, services);
            result = await Task.Run(() => application.Loop.RunOnceAsync(context, steps, cancellationToken), cancellationToken).ConfigureAwait(false);
        }
        catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
        {
            metrics.Cancelled(trigger);
            if (log.IsEnabled(LogLevel.Information))
                log.LogInformation("Control loop ({Trigger}) on revision {Revision} stopped mid-run (leadership ended or shutting down)", trigger, revision.Id);
            throw;
        }
        _since = until;
        Record(result);
        return result;
    }

    private void Record(LoopRunResult result)
    {
        foreach (var step in result.Steps)
        {
            var level = step.Status == LoopStepStatus.Failed ? LogLevel.Warning : LogLevel.Information;
            if (log.IsEnabled(level))
                log.Log(level, "Control loop step {Step} {Status} in {DurationMs} ms: {Summary}", step.Step, step.StatusName, (long)step.Duration.TotalMilliseconds, step.Summary);
        }
        try
        {
            services.GetRequiredService<StewardApplication>().Audit.RecordLoopRun(options.Store, result);
        }
        catch (Exception e) when (e is Core.StewardInputException or IOException or Core.Application.Ingestion.StoreUnavailableException)
        {
            // The run happened and is in the metrics and the log; a store busy elsewhere loses its audit entries, loudly.
            log.LogError("Control loop run on revision {Revision}: its audit entries could not be written to {Store}: {Error}", result.RevisionId, options.Store, e.Message);
        }
        // Published last: whoever sees the run (GET /api/v1/loop, /metrics) finds its audit entries written.
        metrics.Record(result);
        status.Last = result;
    }
}

using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Steward.Server.Leadership;

namespace Steward.Server.Loop;

/// <summary>
/// Schedules the control loop: waits until this replica leads, then runs every <c>--interval</c> plus
/// up to 10 % jitter (replicas restarted together do not hit the forge and the store in step), or at
/// once when <see cref="LoopTrigger"/> asks (a Git push hook). The first run comes one interval after
/// leading starts, not at once: a restart loop (a crashing pod, a rolling update) must not turn into a
/// burst of runs, and the repository sync has served the revision by then.
/// When leadership ends the current run is cancelled and the loop waits to lead again; only the
/// leader runs the loop, every replica serves the API.
/// </summary>
public sealed class LoopService(ILeadership leadership, LoopTrigger trigger, LoopRunner runner, ServeOptions options, ILogger<LoopService> log) : BackgroundService
{
    /// <summary>The largest share of the interval added at random to each wait.</summary>
    public const double Jitter = 0.1;

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        while (!stoppingToken.IsCancellationRequested)
        {
            CancellationToken leading;
            try
            {
                leading = await leadership.AcquireAsync(stoppingToken).ConfigureAwait(false);
            }
            catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
            {
                return;
            }
            if (leading.IsCancellationRequested)
            {
                // Leadership already gone again: do not spin.
                await Task.Delay(TimeSpan.FromSeconds(1), stoppingToken).ConfigureAwait(false);
                continue;
            }
            if (log.IsEnabled(LogLevel.Information))
                log.LogInformation("Replica {Identity} leads: the control loop runs every {Interval} (+ up to 10% jitter), and at once on a push hook", leadership.Identity, options.Interval);
            await LeadAsync(leading).ConfigureAwait(false);
            if (!stoppingToken.IsCancellationRequested && log.IsEnabled(LogLevel.Warning))
                log.LogWarning("Replica {Identity} no longer leads: the control loop waits to lead again", leadership.Identity);
        }
    }

    private async Task LeadAsync(CancellationToken leading)
    {
        try
        {
            while (!leading.IsCancellationRequested)
            {
                var reason = await trigger.WaitAsync(NextWait(options.Interval), leading).ConfigureAwait(false);
                try
                {
                    await runner.RunAsync(reason, leading).ConfigureAwait(false);
                }
                catch (Exception e) when (e is not OperationCanceledException || !leading.IsCancellationRequested)
                {
                    // Steward's own fault (the steps' faults are their outcomes): logged in full, the next run tries again.
                    log.LogError(e, "Control loop run ({Trigger}) failed unexpectedly", reason);
                }
            }
        }
        catch (OperationCanceledException) when (leading.IsCancellationRequested)
        {
        }
    }

    /// <summary>The interval plus a random share of up to <see cref="Jitter"/> of it.</summary>
    // Capped at what a timed wait accepts (about 24.8 days): a longer --interval still runs on a push hook.
    public static TimeSpan NextWait(TimeSpan interval)
    {
        var wait = interval + interval * (Jitter * Random.Shared.NextDouble());
        var max = TimeSpan.FromMilliseconds(int.MaxValue - 1);
        return wait > max ? max : wait;
    }
}

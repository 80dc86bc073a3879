using System.Globalization;
using Steward.Core.Application.Costs;
using Steward.Core.FinOps.Usage.Prometheus;

namespace Steward.Core.Application.Loop;

/// <summary>
/// The serve loop's Prometheus source (<c>steward serve --prometheus URL</c>): each run imports the
/// container usage of the windows closed since the previous run, as <c>steward cost import-usage
/// --prometheus</c> does, so that allocation, budgets and rightsizing run on fresh usage.
/// The window before the first new one is imported again (Prometheus may still have received late
/// samples for it when the previous run read it); the import is idempotent per window, so this only
/// completes it. The first run, and a run after a long pause, read at most <see cref="MaxBackfill"/>.
/// </summary>
public sealed class PrometheusUsageStep(UsageImportService service, PrometheusConnection connection, TimeSpan step) : ILoopStep
{
    /// <summary>How far back a run reads at most (the first run reads this much).</summary>
    public TimeSpan MaxBackfill { get; init; } = TimeSpan.FromHours(24);

    /// <summary>Windows per query; see <see cref="PrometheusWindows.ChunkWindows"/>.</summary>
    public int ChunkWindows { get; init; } = PrometheusWindows.DefaultChunkWindows;

    public string Name => "prometheus-usage";

    public async Task<LoopStepOutcome> RunAsync(LoopContext context, CancellationToken cancellationToken)
    {
        var until = context.Until.UtcDateTime;
        var oldest = until - MaxBackfill;
        // After a run: from the previous run's end floored to the step, one window back (that window is
        // read again). The first run, or one after a pause longer than MaxBackfill: the whole windows since then.
        var start = context.Since?.UtcDateTime is { } since && since > oldest
            ? DateTime.UnixEpoch.AddTicks((since - DateTime.UnixEpoch).Ticks / step.Ticks * step.Ticks) - step
            : oldest;
        var windows = PrometheusWindows.Of(start, until, step, ChunkWindows);
        if (windows.Count == 0)
            return LoopStepOutcome.Skipped(Name, $"no whole {PrometheusWindows.Show(step)} window closed since the last run");
        var result = await service.ImportPrometheusAsync(context.Store, connection, windows, cancellationToken).ConfigureAwait(false);
        return new LoopStepOutcome(Name, LoopStepStatus.Succeeded,
            $"{result.Server}: imported {result.Rows.ToString(CultureInfo.InvariantCulture)} usage rows in {PrometheusWindows.Describe(result.Windows, step)} "
            + $"from {Stamp(result.From)} to {Stamp(result.To)} (import {result.ImportId.ToString(CultureInfo.InvariantCulture)})");
    }

    private static string Stamp(DateTime time) => time.ToString("yyyy-MM-dd'T'HH:mm:ss'Z'", CultureInfo.InvariantCulture);
}

using System.Globalization;

namespace Steward.Core.FinOps.Usage.Prometheus;

/// <summary>
/// The windows of an import: the whole steps inside [from, to), aligned to multiples of the step since
/// the Unix epoch, so that two imports of overlapping ranges cut the same windows (the ground of
/// idempotency), cut into chunks of at most <see cref="ChunkWindows"/> windows (the bound on memory
/// and on the points of one query: Prometheus refuses more than 11,000 per series).
/// </summary>
public sealed record PrometheusWindows(DateTime Start, DateTime End, TimeSpan Step, int ChunkWindows)
{
    public static readonly TimeSpan MinStep = TimeSpan.FromSeconds(10);
    public static readonly TimeSpan MaxStep = TimeSpan.FromDays(1);

    /// <summary>One day of 5-minute windows per chunk.</summary>
    public const int DefaultChunkWindows = 288;

    /// <summary>Prometheus's own limit of points per series in one range query.</summary>
    public const int MaxChunkWindows = 11_000;

    public static PrometheusWindows Of(DateTime from, DateTime to, TimeSpan step, int chunkWindows = DefaultChunkWindows)
    {
        if (step < MinStep || step > MaxStep || step.Ticks % TimeSpan.TicksPerSecond != 0)
            throw new StewardInputException($"--step {Show(step)}: expected whole seconds from 10s to 24h, such as 5m or 1h");
        if (chunkWindows is < 1 or > MaxChunkWindows)
            throw new ArgumentOutOfRangeException(nameof(chunkWindows));
        from = DateTime.SpecifyKind(from, DateTimeKind.Utc);
        to = DateTime.SpecifyKind(to, DateTimeKind.Utc);
        if (from < UsageImporter.FirstInstant || to >= UsageImporter.EndInstant)
            throw new StewardInputException("--from/--to: times must be from 1970 to 2199 (UTC)");
        var s = step.Ticks;
        var startTicks = (from - DateTime.UnixEpoch).Ticks;
        var first = DateTime.UnixEpoch.AddTicks((startTicks + s - 1) / s * s);
        var last = DateTime.UnixEpoch.AddTicks((to - DateTime.UnixEpoch).Ticks / s * s);
        return new PrometheusWindows(first, last < first ? first : last, step, chunkWindows);
    }

    public long Count => (End - Start).Ticks / Step.Ticks;

    public IEnumerable<(DateTime Start, DateTime End)> Chunks()
    {
        var size = TimeSpan.FromTicks(Step.Ticks * ChunkWindows);
        for (var at = Start; at < End; at += size)
            yield return (at, at + size < End ? at + size : End);
    }

    /// <summary>"1 window of 5m", "12 windows of 5m".</summary>
    public static string Describe(long count, TimeSpan step) =>
        count.ToString(CultureInfo.InvariantCulture) + (count == 1 ? " window of " : " windows of ") + Show(step);

    public static string Show(TimeSpan step) =>
        step.Ticks % TimeSpan.TicksPerHour == 0 ? ((long)step.TotalHours).ToString(CultureInfo.InvariantCulture) + "h"
        : step.Ticks % TimeSpan.TicksPerMinute == 0 ? ((long)step.TotalMinutes).ToString(CultureInfo.InvariantCulture) + "m"
        : step.TotalSeconds.ToString(CultureInfo.InvariantCulture) + "s";
}

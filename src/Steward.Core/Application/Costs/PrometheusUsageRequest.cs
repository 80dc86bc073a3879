using System.Globalization;
using Steward.Core.FinOps.Usage.Prometheus;

namespace Steward.Core.Application.Costs;

/// <summary>
/// What <c>steward cost import-usage --prometheus URL --from T --to T [--step 5m]</c> imports; times
/// as typed (ISO 8601 date or date-time, UTC unless it says otherwise, or Unix seconds).
/// </summary>
public sealed record PrometheusUsageRequest(string Store, PrometheusConnection Connection, string From, string To)
{
    public string Step { get; init; } = "5m";

    /// <summary>Windows per query (and per piece held in memory); tests set a small one to cross chunks.</summary>
    public int ChunkWindows { get; init; } = PrometheusWindows.DefaultChunkWindows;

    /// <summary>Parses <c>--from</c>/<c>--to</c>: <c>2026-11-01</c>, <c>2026-11-01T10:00:00Z</c> or Unix seconds.</summary>
    public static DateTime ParseTime(string text, string flag)
    {
        var trimmed = text.Trim();
        if (long.TryParse(trimmed, NumberStyles.None, CultureInfo.InvariantCulture, out var seconds) && seconds < 7_258_118_400)
            return DateTime.UnixEpoch.AddSeconds(seconds);
        if (DateTimeOffset.TryParse(trimmed, CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal | DateTimeStyles.AdjustToUniversal, out var time))
            return time.UtcDateTime;
        throw new StewardInputException($"{flag} {text}: expected a date (2026-11-01), a date-time (2026-11-01T10:00:00Z) or Unix seconds");
    }
}

namespace Steward.Core.Application.Loop;

/// <summary>
/// The windows of a Monitor that closed between two loop runs, as the monitor runner cuts them
/// (DuckDB's <c>date_trunc</c>: hours, days, ISO weeks from Monday, months; all UTC). Only closed
/// windows are run: a window still open would be stored with part of its rows, and its result would
/// change at the next run.
/// </summary>
public static class MonitorWindows
{
    /// <summary>
    /// [from, to): the starts of the windows that ended in (<paramref name="since"/>, <paramref name="until"/>].
    /// With no <paramref name="since"/> (the first run), the last window that closed. Null when none closed.
    /// </summary>
    public static (DateTime From, DateTime To)? Closed(string? window, DateTimeOffset? since, DateTimeOffset until)
    {
        var to = Floor(window, until.UtcDateTime);
        var from = since is { } s ? Floor(window, s.UtcDateTime) : Previous(window, to);
        return from < to ? (from, to) : null;
    }

    /// <summary>The start of the window holding <paramref name="instant"/>.</summary>
    public static DateTime Floor(string? window, DateTime instant)
    {
        var t = DateTime.SpecifyKind(instant, DateTimeKind.Utc);
        return Unit(window) switch
        {
            "hour" => new DateTime(t.Year, t.Month, t.Day, t.Hour, 0, 0, DateTimeKind.Utc),
            "week" => t.Date.AddDays(-(((int)t.DayOfWeek + 6) % 7)),
            "month" => new DateTime(t.Year, t.Month, 1, 0, 0, 0, DateTimeKind.Utc),
            _ => t.Date,
        };
    }

    private static DateTime Previous(string? window, DateTime start) => Unit(window) switch
    {
        "hour" => start.AddHours(-1),
        "week" => start.AddDays(-7),
        "month" => start.AddMonths(-1),
        _ => start.AddDays(-1),
    };

    /// <summary>The unit of <c>spec.window</c> as the monitor runner maps it (daily when unset).</summary>
    public static string Unit(string? window) => window switch { "hourly" => "hour", "weekly" => "week", "monthly" => "month", _ => "day" };
}

using System.Globalization;

namespace Steward.Core.Application.Monitoring;

/// <summary>The instants <c>--from</c>/<c>--to</c> of the monitor use cases: a UTC date or timestamp.</summary>
public static class MonitorDates
{
    public static DateTime? Parse(string? value, string option)
    {
        if (value is null) return null;
        if (DateTime.TryParse(value, CultureInfo.InvariantCulture, DateTimeStyles.AdjustToUniversal | DateTimeStyles.AssumeUniversal, out var parsed))
            return DateTime.SpecifyKind(parsed, DateTimeKind.Utc);
        throw new StewardInputException($"{option}: '{value}' is not a date (use e.g. 2026-01-31 or 2026-01-31T12:00:00Z)");
    }
}

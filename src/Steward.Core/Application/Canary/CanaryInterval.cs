using System.Globalization;

namespace Steward.Core.Application.Canary;

/// <summary>The interval of a canary's time series as typed: a whole number of seconds, minutes or hours (<c>30s</c>, <c>5m</c>, <c>1h</c>).</summary>
public static class CanaryInterval
{
    /// <summary>The longest interval: a day (a canary compares minutes to hours).</summary>
    public static readonly TimeSpan Max = TimeSpan.FromDays(1);

    public static TimeSpan Parse(string text, string option)
    {
        var unit = text.Length > 0 ? text[^1] : ' ';
        var ok = long.TryParse(text.AsSpan(0, Math.Max(0, text.Length - 1)), NumberStyles.None, CultureInfo.InvariantCulture, out var n);
        TimeSpan? interval = !ok || n <= 0 || n > 86_400 ? null : unit switch
        {
            's' => TimeSpan.FromSeconds(n),
            'm' => TimeSpan.FromMinutes(n),
            'h' => TimeSpan.FromHours(n),
            _ => null,
        };
        if (interval is not { } value || value > Max)
            throw new StewardInputException($"{option}: '{text}' is not an interval of at most a day (use e.g. 30s, 5m or 1h)");
        return value;
    }
}

using System.Globalization;
using Steward.Core;

namespace Steward.Cli;

/// <summary>
/// Range checks for numeric flags: .NET parses "NaN", "Infinity" and "1e308" as doubles, and a NaN
/// compares false with everything, so an unchecked flag silently turns every comparison off.
/// </summary>
internal static class NumberOptions
{
    /// <summary><paramref name="value"/> when it is a finite number in [<paramref name="min"/>, <paramref name="max"/>].</summary>
    /// <exception cref="StewardInputException">It is NaN, infinite or out of range; the message names the flag.</exception>
    public static double InRange(double value, string flag, double min, double max)
    {
        if (!double.IsFinite(value))
            throw new StewardInputException($"{flag}: must be a finite number, got {Text(value)}");
        if (value < min || value > max)
        {
            var range = double.IsPositiveInfinity(max) ? $"at least {Text(min)}" : $"between {Text(min)} and {Text(max)}";
            throw new StewardInputException($"{flag}: must be {range}, got {Text(value)}");
        }
        return value;
    }

    /// <summary>As <see cref="InRange(double, string, double, double)"/>, for an optional flag.</summary>
    public static double? InRange(double? value, string flag, double min, double max) =>
        value is { } v ? InRange(v, flag, min, max) : null;

    private static string Text(double value) => value.ToString("R", CultureInfo.InvariantCulture);
}

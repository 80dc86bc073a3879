using System.Globalization;
using System.Text.RegularExpressions;

namespace Steward.Server.Tests.Support;

/// <summary>The samples of a Prometheus text exposition, keyed by <c>name{label="value",...}</c> as printed.</summary>
internal static partial class MetricsText
{
    public static IReadOnlyDictionary<string, double> Parse(string text)
    {
        var samples = new Dictionary<string, double>(StringComparer.Ordinal);
        foreach (var line in text.Split('\n'))
        {
            if (line.Length == 0 || line.StartsWith('#')) continue;
            var match = Sample().Match(line);
            if (!match.Success) throw new FormatException($"not a Prometheus sample line: {line}");
            samples[match.Groups["key"].Value] = match.Groups["value"].Value switch
            {
                "+Inf" => double.PositiveInfinity,
                "-Inf" => double.NegativeInfinity,
                "NaN" => double.NaN,
                var v => double.Parse(v, NumberStyles.Float, CultureInfo.InvariantCulture),
            };
        }
        return samples;
    }

    /// <summary>The samples of one metric: label text (inside the braces) to value.</summary>
    public static IReadOnlyDictionary<string, double> Of(IReadOnlyDictionary<string, double> samples, string name) =>
        samples.Where(s => s.Key == name || s.Key.StartsWith(name + "{", StringComparison.Ordinal))
            .ToDictionary(s => s.Key == name ? "" : s.Key[(name.Length + 1)..^1], s => s.Value, StringComparer.Ordinal);

    [GeneratedRegex(@"^(?<key>[a-zA-Z_:][a-zA-Z0-9_:]*(\{.*\})?) (?<value>\S+)( \d+)?$")]
    private static partial Regex Sample();
}

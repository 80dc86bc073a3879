using System.Globalization;

namespace Steward.Core.Alignment.Monitoring;

/// <summary>
/// Which logged values count as the positive class. The inference log keeps every value as JSON text
/// (a CSV's "1", a Parquet double's "1.0", a boolean's "true"), so the test is on text: equal after
/// trimming, or numerically equal when both are numbers, and JSON booleans match 1/true/yes or 0/false/no.
/// </summary>
public static class PositiveClass
{
    /// <summary>A SQL predicate on the text expression <paramref name="value"/>; NULL when the value is missing.</summary>
    public static string Sql(string value, IReadOnlyList<string> positives)
    {
        var tests = new List<string>
        {
            $"trim({value}) IN ({string.Join(", ", positives.Select(p => InferenceSql.Literal(p.Trim())))})",
        };
        var numbers = positives
            .Select(p => double.TryParse(p, NumberStyles.Float, CultureInfo.InvariantCulture, out var d) && double.IsFinite(d) ? (double?)d : null)
            .OfType<double>().Distinct().Order().ToList();
        if (numbers.Count > 0)
            // coalesce: a value that is not a number is simply not this class (NULL would make the whole test unknown).
            tests.Add($"coalesce(TRY_CAST({value} AS DOUBLE) IN ({string.Join(", ", numbers.Select(n => n.ToString("R", CultureInfo.InvariantCulture)))}), false)");
        if (positives.Any(p => p.Trim().ToLowerInvariant() is "1" or "true" or "yes"))
            tests.Add($"lower(trim({value})) = 'true'");
        if (positives.Any(p => p.Trim().ToLowerInvariant() is "0" or "false" or "no"))
            tests.Add($"lower(trim({value})) = 'false'");
        // When the value is missing the first test is NULL and the others false, so the disjunction is NULL.
        return "(" + string.Join(" OR ", tests) + ")";
    }
}

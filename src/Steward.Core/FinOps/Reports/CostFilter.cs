using System.Globalization;

namespace Steward.Core.FinOps.Reports;

/// <summary>
/// Which charges a report covers: ChargePeriodStart from <see cref="From"/> (inclusive) through
/// <see cref="To"/> (inclusive, a whole day), and one billing currency.
/// </summary>
public sealed record CostFilter
{
    public DateOnly? From { get; init; }
    public DateOnly? To { get; init; }
    public string? Currency { get; init; }

    public static readonly CostFilter All = new();

    /// <summary>The WHERE clause (without the keyword) and its parameters.</summary>
    public (string Sql, List<(string Name, object? Value)> Parameters) ToSql()
    {
        var clauses = new List<string> { "TRUE" };
        var parameters = new List<(string, object?)>();
        if (From is { } from)
        {
            clauses.Add("ChargePeriodStart >= $from");
            parameters.Add(("from", from.ToDateTime(TimeOnly.MinValue)));
        }
        if (To is { } to)
        {
            clauses.Add("ChargePeriodStart < $to");
            parameters.Add(("to", to.AddDays(1).ToDateTime(TimeOnly.MinValue)));
        }
        if (Currency is { } currency)
        {
            clauses.Add("BillingCurrency = $currency");
            parameters.Add(("currency", currency));
        }
        return (string.Join(" AND ", clauses), parameters);
    }

    /// <summary>Parses a YYYY-MM-DD date given to <paramref name="option"/>.</summary>
    public static DateOnly? ParseDate(string? text, string option)
    {
        if (string.IsNullOrWhiteSpace(text))
            return null;
        if (DateOnly.TryParseExact(text, "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out var date))
            return date;
        throw new StewardInputException($"{option}: '{text}' is not a date (YYYY-MM-DD)");
    }
}

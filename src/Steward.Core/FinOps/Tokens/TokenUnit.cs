using System.Globalization;
using System.Text.RegularExpressions;

namespace Steward.Core.FinOps.Tokens;

/// <summary>
/// A FOCUS unit that counts tokens (FOCUS Unit Format: a count-based unit, optionally preceded by a unit
/// quantity, e.g. <c>1000 Tokens</c>), as cloud AI services write it in PricingUnit and ConsumedUnit:
/// <c>Tokens</c>, <c>1000 Tokens</c>, <c>1K tokens</c>, <c>1M Tokens</c>, <c>1,000,000 Tokens</c>.
/// </summary>
public static partial class TokenUnit
{
    /// <summary>How many tokens one unit of <paramref name="unit"/> is; null when the unit does not count tokens.</summary>
    public static decimal? TokensPerUnit(string? unit)
    {
        if (unit is null) return null;
        var match = Pattern().Match(unit);
        if (!match.Success) return null;
        if (!match.Groups["quantity"].Success) return 1m;
        var quantity = decimal.Parse(match.Groups["quantity"].Value.Replace(",", "", StringComparison.Ordinal), NumberStyles.AllowDecimalPoint, CultureInfo.InvariantCulture);
        var scale = match.Groups["scale"].Value.ToUpperInvariant() switch
        {
            "K" => 1_000m,
            "M" => 1_000_000m,
            "B" => 1_000_000_000m,
            _ => 1m,
        };
        var tokens = quantity * scale;
        return tokens > 0 ? tokens : null;
    }

    /// <summary>Whether SQL should bring the row back for a closer look (the unit mentions tokens at all).</summary>
    public const string SqlLike = "%token%";

    [GeneratedRegex(@"^\s*(?:(?<quantity>[0-9][0-9,]*(?:\.[0-9]+)?)\s*(?<scale>[KkMmBb])?\s+)?tokens?\s*$", RegexOptions.IgnoreCase | RegexOptions.CultureInvariant, 100)]
    private static partial Regex Pattern();
}

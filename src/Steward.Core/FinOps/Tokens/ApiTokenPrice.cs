namespace Steward.Core.FinOps.Tokens;

/// <summary>What a model family's API charges came to per 1M input and per 1M output tokens, over every team and version.</summary>
public sealed record ApiTokenPrice(string Family, decimal InputCost, decimal InputTokens, decimal OutputCost, decimal OutputTokens)
{
    public decimal InputPerMillion => InputCost / InputTokens * 1_000_000m;
    public decimal OutputPerMillion => OutputCost / OutputTokens * 1_000_000m;

    /// <summary>What the given tokens would cost at these prices.</summary>
    public decimal Cost(decimal inputTokens, decimal outputTokens) => (inputTokens * InputCost / InputTokens) + (outputTokens * OutputCost / OutputTokens);

    /// <summary>The families whose API rows have both input and output tokens (no price otherwise).</summary>
    public static IReadOnlyDictionary<string, ApiTokenPrice> Of(IEnumerable<TokenCostRow> apiRows) =>
        apiRows.GroupBy(r => r.Family, StringComparer.Ordinal)
            .Select(g => new ApiTokenPrice(g.Key, g.Sum(r => r.InputCost ?? 0), g.Sum(r => r.InputTokens), g.Sum(r => r.OutputCost ?? 0), g.Sum(r => r.OutputTokens)))
            .Where(p => p.InputTokens > 0 && p.OutputTokens > 0)
            .ToDictionary(p => p.Family, StringComparer.Ordinal);
}

namespace Steward.Core.FinOps.Tokens;

/// <summary>
/// Charges of the cost ledger priced or consumed in tokens, summed by the report's keys (model, version,
/// team) and by what tells their tokens and direction apart: units, SKU, description and which quantities they have.
/// </summary>
/// <param name="Consumed">Sum of ConsumedQuantity (in <paramref name="ConsumedUnit"/>); meaningful when <paramref name="HasConsumed"/>.</param>
/// <param name="Priced">Sum of PricingQuantity (in <paramref name="PricingUnit"/>); meaningful when <paramref name="HasPriced"/>.</param>
public sealed record TokenCharge(
    IReadOnlyList<string?> Keys, string? PricingUnit, string? ConsumedUnit, string? ChargeDescription, string? SkuId,
    bool HasConsumed, bool HasPriced, decimal Cost, double Consumed, double Priced, long Rows)
{
    /// <summary>
    /// The tokens of these charges: ConsumedQuantity when ConsumedUnit counts tokens, else PricingQuantity when
    /// PricingUnit does (e.g. 12.5 in "1K Tokens" = 12,500); 0 when neither quantity is given (a credit or tax row).
    /// </summary>
    public decimal Tokens =>
        HasConsumed && TokenUnit.TokensPerUnit(ConsumedUnit) is { } perConsumed ? (decimal)Consumed * perConsumed
        : HasPriced && TokenUnit.TokensPerUnit(PricingUnit) is { } perPriced ? (decimal)Priced * perPriced
        : 0m;

    /// <summary>Whether either unit counts tokens (SQL selected the rows by a looser LIKE).</summary>
    public bool IsTokens => TokenUnit.TokensPerUnit(ConsumedUnit) is not null || TokenUnit.TokensPerUnit(PricingUnit) is not null;

    public TokenDirection Direction => TokenDirections.Classify(SkuId, ChargeDescription);
}

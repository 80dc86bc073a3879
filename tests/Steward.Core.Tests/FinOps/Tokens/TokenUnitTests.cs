using Steward.Core.FinOps.Tokens;

namespace Steward.Core.Tests.FinOps.Tokens;

/// <summary>FOCUS token units (Unit Format: "1000 Tokens") and the spellings cloud AI services use, and SKU directions.</summary>
public sealed class TokenUnitTests
{
    [Theory]
    [InlineData("Tokens", 1)]
    [InlineData("Token", 1)]
    [InlineData("1000 Tokens", 1000)]
    [InlineData("1K tokens", 1000)]
    [InlineData("1M Tokens", 1000000)]
    [InlineData("1,000,000 Tokens", 1000000)]
    [InlineData("10K Tokens", 10000)]
    public void Token_units_give_their_quantity(string unit, int tokens) =>
        TokenUnit.TokensPerUnit(unit).Should().Be(tokens);

    [Theory]
    [InlineData(null)]
    [InlineData("Hours")]
    [InlineData("Request-Tokens")]
    [InlineData("0 Tokens")]
    [InlineData("Tokens/Hour")]
    public void Other_units_count_no_tokens(string? unit) => TokenUnit.TokensPerUnit(unit).Should().BeNull();

    [Theory]
    [InlineData("gpt-4o-0806-Inp-glbl", TokenDirection.Input)]
    [InlineData("gpt-4o-0806-Outp-glbl", TokenDirection.Output)]
    [InlineData("gpt 4o 0806 cached Inp glbl", TokenDirection.CachedInput)]
    [InlineData("USE1-Claude3.5Sonnet-input-tokens", TokenDirection.Input)]
    [InlineData("USE1-Claude3.5Sonnet-output-tokens", TokenDirection.Output)]
    [InlineData("USE1-Claude3.5Sonnet-cache-read-input-token-count", TokenDirection.CachedInput)]
    [InlineData("Text completion tokens", TokenDirection.Output)]
    [InlineData("Prompt tokens", TokenDirection.Input)]
    [InlineData("Mistral 7B batch", TokenDirection.Unspecified)]
    public void Directions_come_from_the_meter_name(string sku, TokenDirection direction) =>
        TokenDirections.Classify(sku).Should().Be(direction);
}

using Steward.Core.Governance;
using Steward.TestSupport;

namespace Steward.Core.Tests.Governance;

/// <summary>A ModelVersion's token prices (the cost-per-token rule's threshold, issue 19).</summary>
public sealed class TokenPricesTests
{
    private static Steward.Core.Governance.Kinds.ModelVersion Load(string prices)
    {
        using var repo = new TempFolder();
        repo.Write("models/m.yaml", $"apiVersion: steward.dev/v1alpha1\nkind: ModelVersion\nmetadata: {{name: m}}\nspec:\n  model: m\n  version: \"1\"\n{prices}");
        return RepositoryLoader.LoadFolder(repo.Path).Models.Single();
    }

    [Fact]
    public void A_blended_price_prices_every_token()
    {
        var prices = Load("  costPerMillionTokensUsd: 2.5\n  family: mistral-7b\n");

        prices.Family.Should().Be("mistral-7b");
        // (1,000 + 3,000 + 500) × 2.5 / 1e6
        prices.TokenPrices!.Cost(1000, 3000, 500).Should().Be(0.01125m);
    }

    [Fact]
    public void Split_prices_price_input_and_output_and_leave_undirected_tokens_out()
    {
        var prices = Load("  costPerMillionInputTokensUsd: 0.15\n  costPerMillionOutputTokensUsd: 0.6\n").TokenPrices!;

        // 1,000,000 × 0.15 / 1e6 + 250,000 × 0.6 / 1e6
        prices.Cost(1_000_000, 250_000, 9_999).Should().Be(0.3m);
    }

    [Fact]
    public void Without_prices_there_is_no_threshold() => Load("").TokenPrices.Should().BeNull();

    [Theory]
    [InlineData("  costPerMillionInputTokensUsd: 0.15\n", "models/m.yaml:7:*spec.costPerMillionInputTokensUsd: needs costPerMillionOutputTokensUsd too*")]
    [InlineData("  costPerMillionTokensUsd: -1\n", "models/m.yaml:7:*spec.costPerMillionTokensUsd: must be ≥ 0")]
    public void Incomplete_or_negative_prices_are_an_error_at_their_line(string prices, string message)
    {
        var act = () => Load(prices);

        act.Should().Throw<StewardInputException>().WithMessage(message);
    }
}

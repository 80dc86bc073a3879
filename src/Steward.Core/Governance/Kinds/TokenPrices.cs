using Steward.Core.Governance.Yaml;

namespace Steward.Core.Governance.Kinds;

/// <summary>
/// What a ModelVersion may cost per 1,000,000 tokens (USD): one price for all tokens
/// (<c>costPerMillionTokensUsd</c>), or input and output apart (<c>costPerMillionInputTokensUsd</c>,
/// <c>costPerMillionOutputTokensUsd</c>, both needed), as API price sheets quote them.
/// </summary>
public sealed record TokenPrices(decimal? PerMillion, decimal? InputPerMillion, decimal? OutputPerMillion)
{
    public const string Blended = "costPerMillionTokensUsd";
    public const string Input = "costPerMillionInputTokensUsd";
    public const string Output = "costPerMillionOutputTokensUsd";

    /// <summary>What the given tokens may cost at these prices; null when a needed price is not declared.</summary>
    public decimal? Cost(decimal inputTokens, decimal outputTokens, decimal otherTokens)
    {
        if (PerMillion is { } all)
            return (inputTokens + outputTokens + otherTokens) * all / 1_000_000m;
        // Split prices price only tokens whose direction is known.
        if (InputPerMillion is { } input && OutputPerMillion is { } output)
            return (inputTokens * input + outputTokens * output) / 1_000_000m;
        return null;
    }

    /// <summary>The prices of a ModelVersion's spec; null when it declares none.</summary>
    internal static TokenPrices? Parse(NodeReader spec)
    {
        var blended = spec.Number(Blended);
        var input = spec.Number(Input);
        var output = spec.Number(Output);
        if (blended is null && input is null && output is null) return null;
        foreach (var (name, value) in new[] { (Blended, blended), (Input, input), (Output, output) })
        {
            if (value < 0)
                throw spec.Error(spec.Get(name)!, spec.FieldPath(name), "must be ≥ 0");
        }
        if (blended is null && (input is null || output is null))
        {
            var missing = input is null ? Input : Output;
            var given = input is null ? Output : Input;
            throw spec.Error(spec.Get(given)!, spec.FieldPath(given), $"needs {missing} too (or {Blended} for all tokens)");
        }
        return new TokenPrices(blended, input, output);
    }
}

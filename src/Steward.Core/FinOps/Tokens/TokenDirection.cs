namespace Steward.Core.FinOps.Tokens;

/// <summary>What the tokens of a charge were: read by the model (input, cached input) or written by it (output).</summary>
public enum TokenDirection
{
    /// <summary>The charge does not say (its SKU or description names neither input nor output).</summary>
    Unspecified,
    Input,

    /// <summary>Input tokens served from the provider's prompt cache, billed at their own (lower) price; counted as input.</summary>
    CachedInput,
    Output,
}

/// <summary>
/// FOCUS has no column for the direction of a token charge: providers put it in the SKU's meter name,
/// which reaches ChargeDescription and SkuId (Azure OpenAI <c>gpt-4o-0806-Inp-glbl</c> / <c>-Outp-</c> /
/// <c>cached Inp</c>; Amazon Bedrock <c>USE1-…-input-tokens</c> / <c>-output-tokens</c> /
/// <c>-cache-read-input-token-count</c>). Words are matched case-insensitively, cache first, then output, then input.
/// </summary>
public static class TokenDirections
{
    private static readonly string[] Cached = ["cache"];
    private static readonly string[] Output = ["output", "outp", "completion", "generated"];
    private static readonly string[] Input = ["input", "inp", "prompt"];

    public static TokenDirection Classify(params string?[] texts)
    {
        var text = string.Join(' ', texts.Where(t => t is not null)).ToLowerInvariant();
        if (Cached.Any(text.Contains)) return TokenDirection.CachedInput;
        if (Output.Any(text.Contains)) return TokenDirection.Output;
        if (Input.Any(text.Contains)) return TokenDirection.Input;
        return TokenDirection.Unspecified;
    }
}
